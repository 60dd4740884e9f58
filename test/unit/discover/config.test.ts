// The one `.migration-lens.json` loader: walk-up, validation messages, merging, and its use by
// discover (set overrides, excludes).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findConfigFile, loadProjectConfig, mergeSettings, validateConfig } from '../../../server/src/engine/config/index.js';
import { discoverSets } from '../../../server/src/engine/discover/index.js';
import { createMemoryHost } from './memory-host.js';

const CONFIG = '/repo/.migration-lens.json';

describe('finding the config file', () => {
  it('walks up from a file or folder to the filesystem root', () => {
    const host = createMemoryHost({ [CONFIG]: '{}', '/repo/db/migrations/1_a.up.sql': '' });
    assert.equal(findConfigFile('/repo/db/migrations/1_a.up.sql', host), CONFIG);
    assert.equal(findConfigFile('/repo/db/migrations', host), CONFIG);
    assert.equal(findConfigFile('/elsewhere/x.sql', createMemoryHost({ '/elsewhere/x.sql': '' })), undefined);
  });

  it('the nearest file wins', () => {
    const host = createMemoryHost({ [CONFIG]: '{}', '/repo/svc/.migration-lens.json': '{}', '/repo/svc/m/1.sql': '' });
    assert.equal(findConfigFile('/repo/svc/m/1.sql', host), '/repo/svc/.migration-lens.json');
  });

  it('defaults apply when there is no file', () => {
    const { config, problems, file } = loadProjectConfig('/x', createMemoryHost({}));
    assert.deepEqual([config.assumeInTransaction, config.rules, config.exclude, config.sets, file, problems], [false, {}, [], [], undefined, []]);
  });
});

describe('loading and validating', () => {
  it('reads every key, with comments and trailing commas, and resolves paths against the file', () => {
    const text = `{
      // as in DESIGN.md
      "pgVersion": "15",
      "assumeInTransaction": true,
      "rules": { "require-table-schema": "warning", "ban-drop-column": "off", },
      "exclude": ["legacy/**"],
      "baseline": "db/schema.sql", /* dumped by dbmate */
      "sets": [{ "path": "db/migrations", "framework": "dbmate", "dialect": "postgres" }],
    }`;
    const { config, problems } = loadProjectConfig('/repo/db', createMemoryHost({ [CONFIG]: text, '/repo/db/schema.sql': '' }));
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      root: '/repo',
      source: CONFIG,
      pgVersion: '15',
      assumeInTransaction: true,
      rules: { 'require-table-schema': 'warning', 'ban-drop-column': 'off' },
      exclude: ['legacy/**'],
      baseline: '/repo/db/schema.sql',
      sets: [{ path: '/repo/db/migrations', framework: 'dbmate', dialect: 'postgres' }],
    });
  });

  it('reports bad JSON with a line and column instead of throwing', () => {
    const { config, problems } = loadProjectConfig('/repo', createMemoryHost({ [CONFIG]: '{\n  "pgVersion": 15\n  "rules": {}\n}' }));
    assert.equal(config.assumeInTransaction, false);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^\/repo\/\.migration-lens\.json: not valid JSON \(.* at line 3, column 3\)/);
  });

  it('names the file, the key and the allowed values for each invalid entry, and keeps the valid ones', () => {
    const raw = {
      pgVersion: 'fifteen',
      mysqlVersion: 8,
      mariadbVersion: '10.11.x',
      assumeInTransaction: 'yes',
      rules: { 'ban-drop-column': 'warn', 'require-table-schema': 'error' },
      exclude: 'legacy/**',
      sets: [{ path: 'db/migrations', framework: 'rails', dialect: 'oracle', extra: 1 }, { framework: 'goose' }],
      colour: 'blue',
    };
    const { values, problems } = validateConfig(raw, { label: CONFIG, baseDir: '/repo' });
    assert.deepEqual(values.rules, { 'require-table-schema': 'error' });
    assert.deepEqual(values.sets, [{ path: '/repo/db/migrations' }]);
    const byKey = Object.fromEntries(problems.map((p) => [p.key, p.message]));
    assert.match(byKey.colour, /^\/repo\/\.migration-lens\.json: "colour" is not a setting; allowed keys are pgVersion, mysqlVersion, mariadbVersion, assumeInTransaction, rules/);
    assert.match(byKey.pgVersion, /"pgVersion" must be a PostgreSQL version such as "15"/);
    assert.match(byKey.mysqlVersion, /"mysqlVersion" must be a MySQL version such as "8\.0" or "5\.7\.44", as a string \(got 8\)/);
    assert.match(byKey.mariadbVersion, /"mariadbVersion" must be a MariaDB version such as "10\.6" or "11\.4\.2", as a string \(got "10\.11\.x"\)/);
    assert.match(byKey.assumeInTransaction, /must be true or false \(got "yes"\)/);
    assert.match(byKey['rules.ban-drop-column'], /must be one of error, warning, info, off \(got "warn"\)/);
    assert.match(byKey.exclude, /must be an array of glob strings/);
    assert.match(byKey['sets[0].framework'], /must be one of golang-migrate, goose, dbmate, sql-migrate, flyway, prisma, node-pg-migrate, plain \(got "rails"\)/);
    assert.match(byKey['sets[0].dialect'], /must be one of postgres, mysql, mariadb/);
    assert.match(byKey['sets[0].extra'], /allowed keys are path, framework, dialect/);
    assert.match(byKey['sets[1].path'], /must be the migration folder/);
  });

  it('reports unknown rule ids when the known ones are given, and a baseline that cannot be read', () => {
    const host = createMemoryHost({ [CONFIG]: '{ "rules": { "no-such-rule": "off" }, "baseline": "missing.sql" }' });
    const { config, problems } = loadProjectConfig('/repo', host, { knownRuleIds: ['ban-drop-column'] });
    assert.deepEqual(config.rules, {});
    assert.equal(config.baseline, undefined);
    assert.deepEqual(problems.map((p) => p.key), ['rules.no-such-rule', 'baseline']);
    assert.match(problems[0].message, /known rules are ban-drop-column/);
    assert.match(problems[1].message, /\/repo\/missing\.sql, which cannot be read/);
  });

  it('keeps paths inside the folder that holds the settings: a repository cannot make the tool read elsewhere', () => {
    const raw = { baseline: '../secrets/schema.sql', sets: [{ path: '/etc' }, { path: 'db/../../other' }, { path: 'db/./migrations/' }] };
    const { values, problems } = validateConfig(raw, { label: CONFIG, baseDir: '/repo' });
    assert.equal(values.baseline, undefined);
    assert.deepEqual(values.sets, [{ path: '/repo/db/migrations' }]);
    assert.deepEqual(
      problems.map((p) => `${p.key}: ${p.message.slice(p.message.indexOf('must'))}`),
      [
        'baseline: must stay inside /repo: "../secrets/schema.sql" leads to /secrets/schema.sql.',
        'sets[0].path: must stay inside /repo: "/etc" leads to /etc.',
        'sets[1].path: must stay inside /repo: "db/../../other" leads to /other.',
      ],
    );
  });

  it('rejects a file that is not an object', () => {
    const { problems } = validateConfig([], { label: CONFIG, baseDir: '/repo' });
    assert.match(problems[0].message, /must hold a JSON object/);
  });
});

describe('mergeSettings', () => {
  it('editor settings override the file; rule levels merge one by one', () => {
    const { config } = loadProjectConfig('/repo', createMemoryHost({ [CONFIG]: '{ "pgVersion": "14", "rules": { "a": "off", "b": "warning" }, "exclude": ["x/**"] }' }));
    const merged = mergeSettings(config, { pgVersion: '16', rules: { b: 'error' }, exclude: ['y/**'], assumeInTransaction: undefined });
    assert.equal(merged.pgVersion, '16');
    assert.deepEqual(merged.rules, { a: 'off', b: 'error' });
    assert.deepEqual(merged.exclude, ['y/**']);
    assert.equal(merged.assumeInTransaction, false);
    assert.equal(merged.source, CONFIG);
  });
});

describe('discover with the config', () => {
  const files = {
    '/repo/db/migrations/1_a.sql': 'CREATE TABLE a (id int);\n',
    '/repo/legacy/migrations/1_a.up.sql': 'CREATE TABLE a (id int);\n',
    '/repo/db/other/1_a.up.sql': 'CREATE TABLE a (id int);\n',
    '/repo/db/other/2_b.up.sql': 'CREATE TABLE b (id int);\n',
  };

  it('loads the nearest config itself: excludes and set overrides apply', () => {
    const config = '{ "exclude": ["legacy/**", "db/other/2_*"], "sets": [{ "path": "db/migrations", "framework": "dbmate" }] }';
    const sets = discoverSets(['/repo'], createMemoryHost({ ...files, [CONFIG]: config }));
    assert.deepEqual(sets.map((s) => [s.root, s.framework]), [['/repo/db/migrations', 'dbmate'], ['/repo/db/other', 'golang-migrate']]);
    assert.equal(sets[0].frameworkReason, 'set in /repo/.migration-lens.json (sets[0].framework)');
    assert.deepEqual(sets[0].ignored.map((i) => i.reason), ["dbmate stops with an error on this file: it has no '-- migrate:up' line"]);
    assert.deepEqual(sets[1].migrations.map((m) => m.version), ['1']);
  });

  it('an excluded path checked directly gives no set', () => {
    const sets = discoverSets(['/repo/legacy/migrations/1_a.up.sql'], createMemoryHost({ ...files, [CONFIG]: '{ "exclude": ["legacy/**"] }' }));
    assert.deepEqual(sets, []);
  });
});
