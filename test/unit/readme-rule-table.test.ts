// The README's rule table is generated from the rule modules; this keeps it from going stale.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

test('README rule table matches the rule registry (run `node scripts/rule-table.mjs --write` to refresh it)', () => {
  const table = execFileSync(process.execPath, ['scripts/rule-table.mjs'], { encoding: 'utf8' }).trim();
  const readme = readFileSync('README.md', 'utf8');
  const block = readme.slice(readme.indexOf('<!-- rules:start -->') + '<!-- rules:start -->'.length, readme.indexOf('<!-- rules:end -->')).trim();
  assert.equal(block, table);
});
