import type { Rule } from '../rule.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { alterActions, describeTable } from './shared/statement.js';

export const banDropNotNull: Rule = {
  id: 'ban-drop-not-null',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ALTER COLUMN … DROP NOT NULL` in an up migration.',
    why: 'Clients rely on a NOT NULL column always holding a value; once NULLs can be written, code that reads the column without a null check breaks.',
    fix: 'Make every client handle NULL in the column first, deploy, then drop the constraint.',
    differences:
      'Down migrations are not checked, nor columns of a table created earlier in the same transaction (invisible to every client until the commit); squawk reports both. Outside a transaction the new table is visible at once and is reported, as squawk does.',
    examples: [{ bad: 'ALTER TABLE users ALTER COLUMN email DROP NOT NULL;' }],
  },
  checkStatement(ctx) {
    if (ctx.part.direction === 'down') return;
    for (const { change, action } of alterActions(ctx, 'drop-not-null')) {
      if (createdInSameTransaction(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      ctx.report({ range: action.range, related, message: `Dropping NOT NULL on \`${action.raw}\` of ${label} lets NULLs reach clients that assume a value.` });
    }
  },
};
