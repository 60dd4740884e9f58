// Checked by the runner itself (run.ts) once it has read a file's suppression comments, rather
// than as a Rule: it is about the comments, not about the migrations.

import type { Finding, Severity } from '../model/finding.js';
import { DIALECTS, type LineIndex } from '../model/source.js';
import { closestId } from './closest.js';
import type { RuleMeta } from './rule.js';
import type { FileSuppressions } from './suppression.js';

export const unknownRuleInSuppression: RuleMeta = {
  id: 'unknown-rule-in-suppression',
  category: 'style',
  dialects: DIALECTS,
  severity: 'warning',
  docs: {
    summary: 'A `-- migration-lens-ignore` comment names a rule id that does not exist.',
    why:
      'A misspelt id silences nothing, so the finding the comment was meant to accept keeps showing up, or ' +
      'the comment outlives a renamed rule and hides nothing while looking deliberate. Ids in ' +
      '`-- squawk-ignore` comments are not checked: they may name squawk rules Migration Lens does not have.',
    fix: 'Use the id shown with the finding (the quick fix offers the closest known id), or remove the comment.',
    examples: [{ bad: '-- migration-lens-ignore duplicate-versions\nCREATE TABLE users (id int);', good: '-- migration-lens-ignore duplicate-version\nCREATE TABLE users (id int);' }],
  },
};

/** Ids in our own comments that name no rule; ids in squawk comments may be squawk's own. */
export function unknownSuppressionFindings(
  file: string,
  lines: LineIndex,
  suppressions: FileSuppressions,
  severity: Severity,
  known: readonly string[],
): Finding[] {
  return suppressions.ids().flatMap((written) => {
    if (written.squawk || known.includes(written.id)) return [];
    const suggestion = closestId(written.id, known);
    const range = lines.range(written.range);
    return [
      {
        rule: unknownRuleInSuppression.id,
        severity,
        message:
          `\`${written.id}\` is not a Migration Lens rule, so this comment silences nothing` +
          (suggestion ? `; did you mean \`${suggestion}\`?` : '; the README lists the rule ids.'),
        file,
        range,
        related: [],
        fixes: suggestion ? [{ title: `Change to \`${suggestion}\``, edits: [{ file, range, newText: suggestion }], preferred: true }] : [],
      },
    ];
  });
}
