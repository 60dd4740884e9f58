// Squawk parity: every case in test/fixtures/squawk-cases/<rule-id>.json is checked by our engine
// and by the real squawk binary, and both must agree on whether that rule fires. A case that
// carries `differs` records a deliberate difference: our verdict is asserted as written, squawk
// must still disagree (or the note is stale), and the rule's docs must explain the difference.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze, initEngine } from '../../../server/src/engine/analyze.js';
import { defaultProjectConfig } from '../../../server/src/engine/config/index.js';
import { findRuleMeta } from '../../../server/src/engine/rules/index.js';
import { createMemoryHost } from '../discover/memory-host.js';

interface SquawkCase {
  sql: string;
  fires: boolean;
  pgVersion?: string;
  assumeInTransaction?: boolean;
  note?: string;
  /** Why our verdict deliberately differs from squawk's; `fires` is then ours. */
  differs?: string;
}

const CASES_DIR = new URL('../../fixtures/squawk-cases/', import.meta.url);
const SQUAWK = new URL('../../../node_modules/.bin/squawk', import.meta.url).pathname;

function readCases(): { rule: string; cases: SquawkCase[] }[] {
  return readdirSync(CASES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ rule: name.slice(0, -'.json'.length), cases: JSON.parse(readFileSync(new URL(name, CASES_DIR), 'utf8')) as SquawkCase[] }));
}

/** Our engine on the SQL as a lone file, the way squawk sees it: an unknown schema, no framework. */
function oursFires(rule: string, testCase: SquawkCase): boolean {
  const file = '/scratch/case.sql';
  // Enabled at its default level, as `squawk --include <rule>` enables it: opt-in rules too.
  const level = findRuleMeta(rule)?.severity ?? 'warning';
  const config = { ...defaultProjectConfig('/scratch'), assumeInTransaction: testCase.assumeInTransaction ?? false, pgVersion: testCase.pgVersion, rules: { [rule]: level } };
  const analysis = analyze([file], createMemoryHost({ [file]: testCase.sql }), { dialect: 'postgres', config });
  return analysis.findings.some((finding) => finding.rule === rule);
}

let scratch: string;

function squawkFires(rule: string, testCase: SquawkCase): boolean {
  const file = join(scratch, 'case.sql');
  writeFileSync(file, testCase.sql);
  const args = ['--reporter', 'json', '--include', rule, file];
  if (testCase.pgVersion) args.push('--pg-version', testCase.pgVersion);
  if (testCase.assumeInTransaction) args.push('--assume-in-transaction');
  const run = spawnSync(SQUAWK, args, { encoding: 'utf8', cwd: scratch });
  if (run.error) throw run.error;
  if (run.status !== 0 && run.status !== 1) throw new Error(`squawk failed (${run.status}): ${run.stderr}`);
  const violations = JSON.parse(run.stdout || '[]') as { rule_name: string }[];
  return violations.some((violation) => violation.rule_name === rule);
}

const label = (testCase: SquawkCase) =>
  [testCase.sql.replace(/\s+/g, ' ').trim(), testCase.pgVersion && `pg ${testCase.pgVersion}`, testCase.assumeInTransaction && 'in transaction']
    .filter(Boolean)
    .join(' · ');

describe('squawk parity', () => {
  before(async () => {
    await initEngine();
    scratch = mkdtempSync(join(tmpdir(), 'squawk-parity-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const { rule, cases } of readCases()) {
    describe(rule, () => {
      it('is a registered rule', () => {
        assert.ok(findRuleMeta(rule), `no rule with id ${rule}`);
      });
      if (cases.some((testCase) => testCase.differs)) {
        it('explains its differences from squawk in its docs', () => {
          assert.ok(findRuleMeta(rule)?.docs.differences, `${rule} has cases that differ from squawk but no docs.differences`);
        });
      }
      for (const testCase of cases) {
        const verdict = testCase.fires ? 'fires' : 'stays quiet';
        it(`${testCase.differs ? 'deliberately ' : ''}${verdict}: ${label(testCase)}`, () => {
          assert.equal(oursFires(rule, testCase), testCase.fires, 'our engine');
          const squawk = squawkFires(rule, testCase);
          if (testCase.differs) assert.equal(squawk, !testCase.fires, `squawk now agrees with us; drop the "differs" note (${testCase.differs})`);
          else assert.equal(squawk, testCase.fires, 'squawk');
        });
      }
    });
  }
});
