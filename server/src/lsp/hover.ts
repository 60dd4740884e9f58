// Hover over a statement: the findings there first (their messages as markdown, so names read as
// code), then the lock it takes and what a lock trace saw it do (when one ran on this text), and
// last a link to each finding's rule documentation, which opens in its own view.

import type { Hover, Position } from 'vscode-languageserver/node';
import { describeLock, pgBlocks, type LockInfo } from '../engine/locks/index.js';
import type { Analysis, Finding } from '../engine/index.js';
import { findRuleMeta } from '../engine/rules/index.js';
import { observedSummary, relationList, strongestTakenMode } from './observed-facts.js';
import type { ObservedFact } from './observed-locks.js';
import { SHOW_RULE_DOCS_COMMAND } from './protocol.js';
import { statementAt } from './statement-at.js';

/** `observed`: the trace's observation of the statement under the cursor, when it still holds. */
export function hoverAt(analysis: Analysis, path: string, offset: number, position: Position, observed?: ObservedFact): Hover | undefined {
  const sections: string[] = [];
  const findings = analysis.findings.filter((finding) => finding.file === path && contains(finding, position));
  if (findings.length > 0) sections.push(findings.map((finding) => `**${finding.severity}** \`${finding.rule}\`: ${finding.message}`).join('\n\n'));
  const found = statementAt(analysis, path, offset);
  const change = found?.step.statement.change;
  const lock = change && found && describeLock(change, found.dialect, { text: found.step.statement.text, schemaBefore: found.step.before });
  if (lock) {
    const sentence = lock.assumption ? `${lock.sentence} (assuming ${lock.assumption})` : lock.sentence;
    sections.push([`**Lock:** ${sentence}.`, ...lock.notes.map((note) => `- ${note}`)].join('\n\n'));
  }
  if (observed) sections.push(observedSection(observed, lock));
  const documented = [...new Set(findings.map((finding) => finding.rule))].filter((rule) => findRuleMeta(rule));
  if (documented.length > 0) sections.push(documented.map((rule) => `[Documentation of ${rule}](${docsLink(rule)})`).join(' · '));
  if (sections.length === 0) return undefined;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
}

/** A command link the client trusts (language-client.ts): opens the rule's page in a read-only view. */
function docsLink(rule: string): string {
  return `command:${SHOW_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([rule]))}`;
}

function observedSection({ statement, trace }: ObservedFact, lock: LockInfo | undefined): string {
  const when = `${trace.tracedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const differences = statement.error || statement.skipped ? [] : disagreements(statement, lock);
  return [`**Observed** (trace on ${trace.target}, ${when}): ${observedSummary(statement)}`, ...differences.map((difference) => `- Static and observed differ: ${difference}.`)].join('\n\n');
}

/** Where the trace contradicts the static description; both stay on screen, neither is hidden. */
function disagreements(statement: ObservedFact['statement'], lock: LockInfo | undefined): string[] {
  const differences: string[] = [];
  const expectsRewrite = lock?.work === 'rebuild' || lock?.work === 'copy';
  if (expectsRewrite && statement.rewritten.length === 0) differences.push('the static analysis predicts a rewrite, the trace saw none');
  if (!expectsRewrite && statement.rewritten.length > 0) differences.push(`the static analysis does not predict a rewrite, the trace saw ${relationList(statement.rewritten)} rewritten`);
  const observedMode = strongestTakenMode(statement);
  if (lock && observedMode && lock.mode !== observedMode) differences.push(`the static analysis predicts ${lock.mode}, the trace saw ${observedMode}`);
  // Plain INSERTs and UPDATEs take ROW EXCLUSIVE, which nobody notices: only a blocking lock is news.
  if (!lock && observedMode && pgBlocks(observedMode) !== 'nothing') differences.push(`the static analysis does not predict a lock that blocks others, the trace saw ${observedMode}`);
  return differences;
}

function contains({ range }: Finding, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}
