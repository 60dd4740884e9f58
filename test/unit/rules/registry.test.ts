import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { findRuleMeta, RULE_CATALOG, RULES } from '../../../server/src/engine/rules/index.js';

describe('rule registry', () => {
  it('has unique kebab-case ids and complete docs for every rule', () => {
    const ids = RULE_CATALOG.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of RULE_CATALOG) {
      assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(rule.docs.summary && rule.docs.why && rule.docs.fix, rule.id);
      assert.ok(rule.dialects.length > 0, rule.id);
    }
    for (const rule of RULES) assert.ok(rule.checkSet || rule.checkMigration || rule.checkStatement, `${rule.id} checks something`);
  });
  it('findRuleMeta serves --explain and the editor\'s rule pages', () => {
    assert.match(findRuleMeta('version-gap')?.docs.summary ?? '', /skips a version/);
    assert.equal(findRuleMeta('no-such-rule'), undefined);
  });
  it('scripts/rule-table.mjs prints one row per rule', () => {
    const table = execFileSync(process.execPath, ['scripts/rule-table.mjs'], { encoding: 'utf8' });
    assert.equal(table.trim().split('\n').length, RULE_CATALOG.length + 2);
    assert.match(table, /\| `version-gap` \| integrity \| all \| warning \|/);
  });
});
