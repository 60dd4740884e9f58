// Squawk parity: every case in test/fixtures/squawk-cases/<rule-id>.json is checked by our engine
// and by the real squawk binary, and both must agree on whether that rule fires. A case that
// carries `differs` records a deliberate difference: our verdict is asserted as written, squawk
// must still disagree (or the note is stale), and the rule's docs must explain the difference.
//
// Every case names its `source`: the squawk unit test(s) or docs page its SQL comes from
// ("squawk test <name>", "squawk docs <rule-id>"; names and types may be renamed, and a test that
// checks several independent statements may lend one of them; "(other-rule)" after a test name
// when it belongs to another rule's tests), or "migration-lens" for a probe of our own: SQL
// squawk's tests and docs do not hold as written (a literal, a keyword or a statement changed). The agreement figures (printed, and asserted: at least
// 97% overall and 90% per rule) count the squawk-sourced cases only; our own probes are counted
// apart, since a probe is often written to find exactly where the two differ.

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
  /** "squawk test <name>[; …]", "squawk tests <a>, <b>", "squawk docs <rule-id>", or "migration-lens". */
  source: string;
  note?: string;
  /** Why our verdict deliberately differs from squawk's; `fires` is then ours. */
  differs?: string;
}

const OVERALL_MINIMUM = 0.97;
const PER_RULE_MINIMUM = 0.9;

const fromSquawk = (testCase: SquawkCase): boolean => /^squawk (tests? |docs )/.test(testCase.source);

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

const percent = (agree: number, total: number) => `${((100 * agree) / total).toFixed(1)}%`;

describe('squawk parity', () => {
  const corpus = readCases();
  /** Whether squawk's verdict matched ours, per case, as the case tests find it. */
  const agreement = new Map<SquawkCase, boolean>();

  before(async () => {
    await initEngine();
    scratch = mkdtempSync(join(tmpdir(), 'squawk-parity-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const { rule, cases } of corpus) {
    describe(rule, () => {
      it('is a registered rule', () => {
        assert.ok(findRuleMeta(rule), `no rule with id ${rule}`);
      });
      if (cases.some((testCase) => testCase.differs)) {
        it('explains its differences from squawk in its docs', () => {
          assert.ok(findRuleMeta(rule)?.docs.differences, `${rule} has cases that differ from squawk but no docs.differences`);
        });
      }
      it('names the source of every case', () => {
        for (const testCase of cases) {
          assert.ok(fromSquawk(testCase) || testCase.source === 'migration-lens', `${label(testCase)}: source ${JSON.stringify(testCase.source)}`);
        }
      });
      for (const testCase of cases) {
        const verdict = testCase.fires ? 'fires' : 'stays quiet';
        it(`${testCase.differs ? 'deliberately ' : ''}${verdict}: ${label(testCase)}`, () => {
          const ours = oursFires(rule, testCase);
          const squawk = squawkFires(rule, testCase);
          agreement.set(testCase, ours === squawk);
          assert.equal(ours, testCase.fires, 'our engine');
          if (testCase.differs) assert.equal(squawk, !testCase.fires, `squawk now agrees with us; drop the "differs" note (${testCase.differs})`);
          else assert.equal(squawk, testCase.fires, 'squawk');
        });
      }
    });
  }

  it(`agrees with squawk on at least ${100 * OVERALL_MINIMUM}% of squawk's own cases, and ${100 * PER_RULE_MINIMUM}% for each rule`, () => {
    const agrees = (rule: string, testCase: SquawkCase): boolean => {
      if (!agreement.has(testCase)) agreement.set(testCase, oursFires(rule, testCase) === squawkFires(rule, testCase));
      return agreement.get(testCase)!;
    };
    let squawkAgree = 0;
    let squawkTotal = 0;
    let probeAgree = 0;
    let probeTotal = 0;
    const belowFull: string[] = [];
    const belowMinimum: string[] = [];
    for (const { rule, cases } of corpus) {
      let agree = 0;
      let total = 0;
      for (const testCase of cases) {
        const same = agrees(rule, testCase);
        if (fromSquawk(testCase)) {
          total++;
          if (same) agree++;
        } else {
          probeTotal++;
          if (same) probeAgree++;
        }
      }
      squawkAgree += agree;
      squawkTotal += total;
      if (total > 0 && agree < total) belowFull.push(`  ${rule}: ${agree} of ${total} (${percent(agree, total)})`);
      if (total > 0 && agree / total < PER_RULE_MINIMUM) belowMinimum.push(rule);
    }
    console.log(`squawk parity: ${squawkAgree} of ${squawkTotal} cases from squawk's tests and docs agree (${percent(squawkAgree, squawkTotal)})`);
    for (const line of belowFull) console.log(line);
    console.log(`our own probes: ${probeAgree} of ${probeTotal} agree with squawk`);
    assert.ok(squawkAgree / squawkTotal >= OVERALL_MINIMUM, `overall agreement ${percent(squawkAgree, squawkTotal)} is under ${100 * OVERALL_MINIMUM}%`);
    assert.deepEqual(belowMinimum, [], `rules under ${100 * PER_RULE_MINIMUM}% agreement`);
  });
});
