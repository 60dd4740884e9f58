// A rule's documentation as one markdown page, for the "Show documentation" command, and the list
// of rules its picker offers.

import { catalogEntry } from '../engine/rules/catalog-entry.js';
import { findRuleMeta, RULE_CATALOG } from '../engine/rules/index.js';
import type { RuleListResult } from './protocol.js';

export function ruleList(): RuleListResult {
  return { rules: RULE_CATALOG.map(catalogEntry) };
}

export function ruleDocsMarkdown(id: string): string | undefined {
  const rule = findRuleMeta(id);
  if (!rule) return undefined;
  const { docs } = rule;
  const lines = [
    `# ${rule.id}`,
    '',
    `*${rule.category}* · default severity **${rule.severity}**${rule.optIn ? ' (opt-in)' : ''} · ${rule.dialects.join(', ')}`,
    '',
    docs.summary,
    '',
    '## Why',
    '',
    docs.why,
    '',
    '## What to do instead',
    '',
    docs.fix,
  ];
  if (docs.differences) lines.push('', '## Differences from squawk and notes', '', docs.differences);
  for (const example of docs.examples ?? []) {
    lines.push('', '## Example', '', 'Instead of:', '', '```sql', example.bad, '```');
    if (example.good) lines.push('', 'write:', '', '```sql', example.good, '```');
  }
  lines.push('', '## Silencing it', '', `\`-- migration-lens-ignore ${rule.id}\` on the line before a statement, \`-- migration-lens-ignore-file ${rule.id}\` anywhere in a file, or \`"rules": { "${rule.id}": "off" }\` in .migration-lens.json.`);
  return lines.join('\n') + '\n';
}
