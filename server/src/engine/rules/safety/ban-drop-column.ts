import type { Rule } from '../rule.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { alterActions, describeTable } from './shared/statement.js';

export const banDropColumn: Rule = {
  id: 'ban-drop-column',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ALTER TABLE … DROP COLUMN` in an up migration.',
    why: 'Dropping a column deletes its data and breaks clients that still select or insert it, such as application servers still running the previous release during a deploy.',
    fix: 'Stop reading and writing the column in the application first (ORMs: mark it ignored), deploy, then drop it in a later migration.',
    differences:
      'Down migrations are not checked, nor columns of a table created earlier in the same transaction (invisible to every client until the commit); squawk reports both. Outside a transaction the new table is visible at once and is reported, as squawk does.',
    examples: [{ bad: 'ALTER TABLE users DROP COLUMN email;' }],
  },
  checkStatement(ctx) {
    if (ctx.part.direction === 'down') return;
    for (const { change, action } of alterActions(ctx, 'drop-column')) {
      if (createdInSameTransaction(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      ctx.report({ range: action.range, related, message: `Dropping column \`${action.raw}\` of ${label} deletes its data and breaks clients that still use it.` });
    }
  },
};
