// The JSON schema the editor checks `.migration-lens.json` with is generated from the loader's own
// keys and patterns: the file in schemas/ stays current, and the schema (run by ajv, a JSON
// schema validator of the kind editors use) and the loader accept and refuse the same files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { validateConfig } from '../../server/src/engine/config/index.js';
import { knownRuleIds } from '../../server/src/engine/rules/index.js';

const SCHEMA_FILE = 'schemas/migration-lens.schema.json';
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));

/** Files a user might write; each is accepted or refused by both. */
const CORPUS: [string, unknown][] = [
  ['empty', {}],
  ['the design example', { pgVersion: '15', assumeInTransaction: false, rules: { 'require-table-schema': 'warning', 'ban-drop-column': 'off' }, exclude: ['legacy/**'], baseline: 'db/schema.sql', sets: [{ path: 'db/migrations', framework: 'dbmate', dialect: 'postgres' }] }],
  ['a $schema key', { $schema: './node_modules/migration-lens/schemas/migration-lens.schema.json' }],
  ['pgVersion as a number', { pgVersion: 16 }],
  ['pgVersion with a minor version', { pgVersion: '16.2' }],
  ['pgVersion with three parts', { pgVersion: '16.2.1' }],
  ['pgVersion as a word', { pgVersion: 'latest' }],
  ['pgVersion too large', { pgVersion: 150 }],
  ['mysqlVersion and mariadbVersion', { mysqlVersion: '8.0', mariadbVersion: '10.11.6' }],
  ['mysqlVersion as a number', { mysqlVersion: 8.0 }],
  ['mysqlVersion without a minor version', { mysqlVersion: '8' }],
  ['mariadbVersion as a word', { mariadbVersion: 'lts' }],
  ['assumeInTransaction as a string', { assumeInTransaction: 'yes' }],
  ['a misspelt key', { pgversion: '15' }],
  ['rules as a list', { rules: ['ban-drop-column'] }],
  ['an unknown rule', { rules: { 'ban-drop-columns': 'off' } }],
  ['a rule level that is not one', { rules: { 'ban-drop-column': 'fatal' } }],
  ['every level', { rules: { 'ban-drop-column': 'error', 'ban-drop-table': 'warning', 'require-table-schema': 'info', 'missing-down-migration': 'off' } }],
  ['exclude as a string', { exclude: 'legacy/**' }],
  ['a blank glob', { exclude: ['legacy/**', '  '] }],
  ['a blank baseline', { baseline: '' }],
  ['sets as an object', { sets: { path: 'db' } }],
  ['a set without a path', { sets: [{ framework: 'goose' }] }],
  ['a set with a blank path', { sets: [{ path: ' ' }] }],
  ['a set with an unknown framework', { sets: [{ path: 'db', framework: 'alembic' }] }],
  ['a set with an unknown dialect', { sets: [{ path: 'db', dialect: 'sqlite' }] }],
  ['a set with an extra key', { sets: [{ path: 'db', table: 'schema_migrations' }] }],
  ['a set of every framework', { sets: ['golang-migrate', 'goose', 'dbmate', 'sql-migrate', 'flyway', 'prisma', 'node-pg-migrate', 'plain'].map((framework, i) => ({ path: `m${i}`, framework, dialect: 'mysql' })) }],
  ['an array', []],
  ['a string', 'pgVersion: 15'],
];

describe('the JSON schema of .migration-lens.json', () => {
  it(`${SCHEMA_FILE} is the one the loader's keys and the rule registry give (run \`node scripts/config-schema.mjs --write\` to refresh it)`, () => {
    const generated = execFileSync(process.execPath, ['scripts/config-schema.mjs'], { encoding: 'utf8' });
    assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), generated);
  });

  it('names every rule, with its summary, so the editor completes rule ids', () => {
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...knownRuleIds()].sort());
    assert.match(schema.properties.rules.properties['ban-drop-column'].markdownDescription, /Default: /);
  });

  it('accepts and refuses the same files as the loader', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const check = ajv.compile(schema);
    const disagreements = CORPUS.flatMap(([name, file]) => {
      const bySchema = check(file);
      const { problems } = validateConfig(file, { label: '.migration-lens.json', baseDir: '/p', knownRuleIds: knownRuleIds() });
      const byLoader = problems.length === 0;
      return bySchema === byLoader ? [] : [`${name}: the schema ${bySchema ? 'accepts' : 'refuses'} it, the loader ${byLoader ? 'accepts' : `refuses it (${problems[0].message})`}`];
    });
    assert.deepEqual(disagreements, []);
    assert.ok(CORPUS.some(([, file]) => check(file)) && CORPUS.some(([, file]) => !check(file)), 'the corpus has files of both kinds');
  });
});
