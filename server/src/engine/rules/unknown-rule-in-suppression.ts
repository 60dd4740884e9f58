// Reported by the runner itself (run.ts), which reads the suppression comments; this module is
// its metadata and docs.

import { DIALECTS } from '../model/source.js';
import type { RuleMeta } from './rule.js';

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
