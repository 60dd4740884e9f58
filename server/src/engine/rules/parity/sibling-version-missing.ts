import { DIALECTS } from '../../model/source.js';
import type { RelatedReport, Rule } from '../rule.js';
import { mainPart } from '../integrity/versions.js';
import { pairVersions, siblingAnchor, treeName } from './sibling-trees.js';

export const siblingVersionMissing: Rule = {
  id: 'sibling-version-missing',
  category: 'dialect',
  dialects: DIALECTS,
  severity: 'warning',
  docs: {
    summary: 'A version exists in one of two parallel trees of the same schema (postgres/ and mysql/) and not in the other.',
    why:
      'Parallel trees promise that every database gets the same schema. A version written for one tree only ' +
      '(the Radarr 009 that was added to postgres/ first) means the other database never gets that change, ' +
      'and the application that expects it breaks only on that database, usually in production.',
    fix:
      'Add the migration with the same version to the other tree, written in its dialect. If the change is ' +
      'deliberately dialect-specific (a PostgreSQL-only concurrent index build), add a migration that does ' +
      'the nearest equivalent, or an empty one with a comment, so the versions stay aligned.',
    examples: [{ bad: 'postgres/009_quality_definitions_fix.up.sql (no mysql/009_…)', good: 'postgres/009_quality_definitions_fix.up.sql\nmysql/009_quality_definitions_fix.up.sql' }],
  },
  checkSet(ctx) {
    for (const sibling of ctx.siblings) {
      const other = treeName(ctx.set, sibling);
      let lastShared: RelatedReport | undefined;
      for (const { mine, theirs } of pairVersions(ctx.set, sibling).pairs) {
        if (theirs) {
          lastShared = { ...siblingAnchor(ctx, sibling, theirs), message: `the last version before it in \`${other}\`` };
          continue;
        }
        const part = mainPart(mine);
        ctx.report({
          file: part.file,
          range: ctx.anchor(part),
          message: `Version ${mine.version} (\`${part.file.slice(ctx.set.root.length + 1)}\`) is missing from the sibling tree \`${other}\`: that database never gets this change.`,
          related: lastShared ? [lastShared] : [],
        });
      }
    }
  },
};
