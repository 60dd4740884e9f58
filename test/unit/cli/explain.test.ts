// `check --explain <rule>`: the engine's docs for the rule; an unknown id names the closest one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_CATALOG } from '../../../server/src/engine/rules/index.js';
import { runCli } from './helpers.js';

test('prints the summary, why, fix and examples of a rule', async () => {
  const run = await runCli(['check', '--explain', 'down-does-not-restore'], process.cwd());
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^down-does-not-restore \(integrity, warning; postgres, mysql, mariadb\)\n\nA down part does not bring the schema back/);
  assert.match(run.stdout, /\n\nWhy:\n {2}A rollback is the plan/);
  assert.match(run.stdout, /\n\nFix:\n {2}Make the down undo/);
  assert.match(run.stdout, /\n\nExample, bad:\n {2}-- 007_wanted_movies.up.sql\n/);
});

test('explains every id a finding can carry, syntax errors included', async () => {
  for (const rule of RULE_CATALOG) {
    const run = await runCli(['check', '--explain', rule.id], process.cwd());
    assert.equal(run.code, 0, `${rule.id}: ${run.stderr}`);
    assert.ok(run.stdout.includes(rule.docs.fix), rule.id);
  }
});

test('prints the differences from squawk when the rule has them', async () => {
  const withDifferences = RULE_CATALOG.find((rule) => rule.docs.differences);
  if (!withDifferences) return;
  const run = await runCli(['check', '--explain', withDifferences.id], process.cwd());
  assert.match(run.stdout, /\n\nDifferences from squawk:\n/);
});

test('exit 2 naming the closest id for an unknown rule, or asking for one', async () => {
  const typo = await runCli(['check', '--explain', 'down-does-not-restor'], process.cwd());
  assert.equal(typo.code, 2);
  assert.equal(typo.stdout, '');
  assert.equal(typo.stderr, 'migration-lens check: unknown rule "down-does-not-restor"; did you mean "down-does-not-restore"?\n');
  const missing = await runCli(['check', '--explain'], process.cwd());
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--explain needs a rule id/);
});
