// SARIF output validated against the subset of the SARIF 2.1.0 schema in
// sarif-2.1.0-subset.schema.json (see its $comment for why it is a subset), plus the points
// GitHub code scanning relies on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import type * as Sarif from 'sarif';
import { formatSarif } from '../../../server/src/cli/output/sarif.js';
import { RULE_CATALOG } from '../../../server/src/engine/rules/index.js';
import { BROKEN_MIGRATION, runCli, tempWorkspace } from './helpers.js';
import { analysis, character, cwd } from './sample-analysis.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'sarif-2.1.0-subset.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

function assertValidSarif(log: unknown): asserts log is Sarif.Log {
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
}

test('check --format sarif on a broken migration is valid SARIF with documented rules', async (t) => {
  const workspace = tempWorkspace(t, { 'migrations/001_create_notes.sql': BROKEN_MIGRATION });
  const run = await runCli(['check', 'migrations', '--format', 'sarif'], workspace);
  assert.equal(run.code, 1, run.stderr);
  const log: unknown = JSON.parse(run.stdout);
  assertValidSarif(log);
  const [sarifRun] = log.runs;
  assert.equal(sarifRun.originalUriBaseIds?.SRCROOT.uri, `file://${workspace}/`);
  const rules = sarifRun.tool.driver.rules ?? [];
  const [result] = sarifRun.results ?? [];
  assert.equal(result.ruleId, 'syntax-error');
  assert.equal(rules[result.ruleIndex!].id, 'syntax-error');
  const help = rules[result.ruleIndex!].help?.text ?? '';
  const docs = RULE_CATALOG.find((rule) => rule.id === 'syntax-error')!.docs;
  for (const part of [docs.summary, docs.why, docs.fix]) assert.ok(help.includes(part), `syntax-error help has "${part}"`);
  assert.deepEqual(rules.map((rule) => rule.id).slice(0, RULE_CATALOG.length), RULE_CATALOG.map((rule) => rule.id), 'every rule of the engine catalog');
  assert.equal(result.level, 'error');
  assert.equal(result.locations?.[0].physicalLocation?.artifactLocation?.uri, 'migrations/001_create_notes.sql');
  assert.equal(result.locations?.[0].physicalLocation?.region?.startLine, 2);
});

test('SARIF carries related locations, fixes and undocumented rules with 1-based regions', () => {
  const log: unknown = JSON.parse(formatSarif(analysis, cwd, { version: '1.2.3', rules: RULE_CATALOG }));
  assertValidSarif(log);
  const [sarifRun] = log.runs;
  assert.equal(sarifRun.tool.driver.version, '1.2.3');
  assert.deepEqual(
    sarifRun.tool.driver.rules?.map((rule) => rule.id),
    [...RULE_CATALOG.map((rule) => rule.id), 'unknown-column'],
  );
  const [result] = sarifRun.results ?? [];
  assert.equal(result.level, 'warning');
  assert.equal(result.ruleIndex, RULE_CATALOG.length);
  assert.deepEqual(result.locations?.[0].physicalLocation?.region, {
    startLine: 1,
    startColumn: character + 1,
    endLine: 1,
    endColumn: character + 10,
  });
  assert.equal(result.relatedLocations?.[0].physicalLocation?.artifactLocation?.uri, 'db/migrations/001_init.sql');
  assert.deepEqual(result.fixes?.[0].artifactChanges[0].replacements[0].insertedContent, { text: 'project_id' });
});

test('SARIF uris are percent-encoded relative references', () => {
  const spaced = structuredClone(analysis);
  spaced.findings[0].file = `${cwd}/db/new migrations/002 #fk.sql`;
  const log: unknown = JSON.parse(formatSarif(spaced, cwd, { version: '1.2.3', rules: RULE_CATALOG }));
  assertValidSarif(log);
  const uri = log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri;
  assert.equal(uri, 'db/new%20migrations/002%20%23fk.sql');
});

test('the schema rejects what GitHub would reject: 0-based regions, absolute uris, unknown properties', () => {
  const valid = JSON.parse(formatSarif(analysis, cwd, { version: '1.2.3', rules: RULE_CATALOG }));
  const broken = [
    (log: Sarif.Log) => (log.runs[0].results![0].locations![0].physicalLocation!.region!.startColumn = 0),
    (log: Sarif.Log) => (log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri = `${cwd}/x.sql`),
    (log: Sarif.Log) => Object.assign(log.runs[0].results![0], { severity: 'error' }),
  ];
  for (const breakIt of broken) {
    const log = structuredClone(valid);
    breakIt(log);
    assert.equal(validate(log), false);
  }
});
