// Shared by the rule tests: builds migration sets in memory, runs the whole engine on them, and
// applies quick fixes, so each rule file only states its cases (ESLint-style valid/invalid tables).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultProjectConfig, type ProjectConfig, type RuleLevel } from '../../../server/src/engine/config/index.js';
import { analyze, initEngine, type Analysis } from '../../../server/src/engine/analyze.js';
import type { Finding, Fix } from '../../../server/src/engine/model/finding.js';
import { LineIndex, type Dialect } from '../../../server/src/engine/model/source.js';
import { parseStatements } from '../../../server/src/engine/parse/index.js';
import { findRuleMeta } from '../../../server/src/engine/rules/index.js';
import { createMemoryHost } from '../discover/memory-host.js';

export const ROOT = '/repo/migrations';

export interface CheckOptions {
  dialect?: Dialect;
  rules?: Record<string, RuleLevel>;
  /** Other project settings (server versions, …). */
  config?: Partial<ProjectConfig>;
}

/** Runs the engine over `files` (paths relative to ROOT). */
export function check(files: Record<string, string>, options: CheckOptions = {}): Analysis {
  const absolute = Object.fromEntries(Object.entries(files).map(([path, text]) => [`${ROOT}/${path}`, text]));
  const config = { ...defaultProjectConfig('/repo'), ...options.config, rules: options.rules ?? {} };
  return analyze([ROOT], createMemoryHost(absolute), { dialect: options.dialect, config });
}

/** One plain migration file holding `sql`, checked as `dialect`. */
export function checkSql(sql: string, dialect: Dialect, rules?: Record<string, RuleLevel>, config?: Partial<ProjectConfig>): Analysis {
  return check({ '001_test.sql': sql }, { dialect, rules, config });
}

export const findingsOf = (analysis: Analysis, rule: string): Finding[] => analysis.findings.filter((finding) => finding.rule === rule);

/** Applies the first fix of every finding (their edits must not overlap) to `text`. */
export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const lines = new LineIndex(text);
  const edits = fixes
    .flatMap((fix) => fix.edits)
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of edits) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

export interface SqlCase {
  sql: string;
  dialect: Dialect;
  /** Invalid cases: how many findings, and what each message says (in order). */
  messages?: RegExp[];
  /** The SQL after applying every finding's first fix; the fixed SQL must parse and be quiet. */
  fixed?: string;
  /** Project settings the case runs with (`{ mysqlVersion: '5.7' }`). */
  config?: Partial<ProjectConfig>;
}

/** Configuration that turns `rule` on at its default level, so opt-in rules can be tested like the others. */
export function enabling(rule: string): Record<string, RuleLevel> {
  return { [rule]: findRuleMeta(rule)?.severity ?? 'warning' };
}

/** ESLint-style table for a statement rule (enabled, even when opt-in): `valid` stays quiet, `invalid` fires as described. */
export function statementRuleTable(rule: string, cases: { valid: SqlCase[]; invalid: SqlCase[] }): void {
  const rules = enabling(rule);
  describe(rule, () => {
    it('loads the parsers', async () => {
      await initEngine();
    });
    const versions = (config?: Partial<ProjectConfig>) => (config ? ` ${JSON.stringify(config)}` : '');
    for (const { sql, dialect, config } of cases.valid) {
      it(`stays quiet (${dialect}${versions(config)}): ${sql}`, () => {
        assert.deepEqual(findingsOf(checkSql(sql, dialect, rules, config), rule).map((f) => f.message), []);
      });
    }
    for (const { sql, dialect, messages = [], fixed, config } of cases.invalid) {
      it(`fires (${dialect}${versions(config)}): ${sql}`, () => {
        const analysis = checkSql(sql, dialect, rules, config);
        const found = findingsOf(analysis, rule);
        assert.equal(found.length, Math.max(messages.length, 1), found.map((f) => f.message).join('\n'));
        messages.forEach((pattern, i) => assert.match(found[i].message, pattern));
        // The finding explains the statement: no generic syntax error next to it.
        assert.deepEqual(findingsOf(analysis, 'syntax-error').map((f) => f.message), []);
        if (fixed === undefined) return;
        const result = applyFixes(sql, found.flatMap((f) => f.fixes.slice(0, 1)));
        assert.equal(result, fixed);
        const errors = parseStatements(result, { start: 0, end: result.length }, dialect).flatMap((s) => (s.syntaxError ? [s.syntaxError.message] : []));
        assert.deepEqual(errors, [], 'the fixed SQL parses');
        assert.deepEqual(findingsOf(checkSql(result, dialect, rules, config), rule).map((f) => f.message), [], 'the rule is quiet after the fix');
      });
    }
  });
}
