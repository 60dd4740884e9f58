// Hover over a statement: the lock it takes, and what each finding there means (the rule docs'
// summary), so the reason behind a squiggle is one mouse move away.

import type { Hover, Position } from 'vscode-languageserver/node';
import { describeLock } from '../engine/locks/index.js';
import type { Analysis, Finding } from '../engine/index.js';
import { ruleDocs } from '../engine/rules/index.js';
import { statementAt } from './statement-at.js';

export function hoverAt(analysis: Analysis, path: string, offset: number, position: Position): Hover | undefined {
  const sections: string[] = [];
  const found = statementAt(analysis, path, offset);
  const change = found?.step.statement.change;
  const lock = change && found && describeLock(change, found.dialect, { text: found.step.statement.text, schemaBefore: found.step.before });
  if (lock) {
    const sentence = lock.assumption ? `${lock.sentence} (assuming ${lock.assumption})` : lock.sentence;
    sections.push([`**Lock:** ${sentence}.`, ...lock.notes.map((note) => `- ${note}`)].join('\n\n'));
  }
  const findings = analysis.findings.filter((finding) => finding.file === path && contains(finding, position));
  for (const rule of new Set(findings.map((finding) => finding.rule))) {
    const docs = ruleDocs(rule);
    if (docs) sections.push(`**${rule}**: ${docs.summary}\n\n${docs.fix}`);
  }
  if (sections.length === 0) return undefined;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
}

function contains({ range }: Finding, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}
