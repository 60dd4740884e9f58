// `check --explain <rule>`: the rule's documentation in the terminal, from the same docs that
// hovers, SARIF help and the README table use; `check --list-rules`: every rule in one line.

import { catalogEntry, dialectList } from '../../engine/rules/catalog-entry.js';
import { closestId } from '../../engine/rules/closest.js';
import { findRuleMeta, knownRuleIds, RULE_CATALOG } from '../../engine/rules/index.js';
import type { RuleMeta } from '../../engine/rules/rule.js';

/** The text to print, or a message naming the closest known id. */
export function explainRule(id: string): { text: string } | { error: string } {
  const rule = findRuleMeta(id);
  if (rule) return { text: formatDocs(rule) };
  const closest = closestId(id, knownRuleIds());
  const hint = closest ? `did you mean "${closest}"?` : 'the rule table in the README lists every id';
  return { error: `unknown rule "${id}"; ${hint}` };
}

function formatDocs({ id, category, severity, dialects, optIn, docs }: RuleMeta): string {
  const sections = [
    `${id} (${category}, ${severity}${optIn ? ', opt-in' : ''}; ${dialects.join(', ')})`,
    docs.summary,
    `Why:\n${indent(docs.why)}`,
    `Fix:\n${indent(docs.fix)}`,
  ];
  for (const [i, example] of (docs.examples ?? []).entries()) {
    const label = docs.examples!.length > 1 ? `Example ${i + 1}` : 'Example';
    sections.push(`${label}, bad:\n${indent(example.bad)}` + (example.good ? `\n${label}, good:\n${indent(example.good)}` : ''));
  }
  if (docs.differences) sections.push(`Differences from squawk:\n${indent(docs.differences)}`);
  return `${sections.join('\n\n')}\n`;
}

const indent = (text: string): string => text.split('\n').map((line) => `  ${line}`).join('\n');

/** `check --list-rules`: a line per rule, its summary under it, grouped as the catalog is. */
export function ruleListText(): string {
  const entries = RULE_CATALOG.map(catalogEntry);
  const width = Math.max(...entries.map((entry) => entry.id.length));
  return `${entries.map((entry) => `${entry.id.padEnd(width)}  ${entry.category}, ${entry.defaultLevel}, ${dialectList(entry.dialects)}\n${' '.repeat(width + 2)}${entry.summary}\n`).join('')}${entries.length} rules; \`migration-lens check --explain <rule>\` prints one's documentation.\n`;
}

/** `check --list-rules --format json`: version 1, like the findings. */
export function ruleListJson(): string {
  return `${JSON.stringify({ version: 1, rules: RULE_CATALOG.map(catalogEntry) }, null, 2)}\n`;
}
