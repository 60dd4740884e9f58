import type { Rule } from '../rule.js';
import { expandContractFix } from './expand-contract.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { alterActions, describeTable } from './shared/statement.js';

export const renamingColumn: Rule = {
  id: 'renaming-column',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ALTER TABLE … RENAME COLUMN`.',
    why:
      'The rename is instant, but every client still using the old name fails from that moment: during a deploy the ' +
      'previous release of the application is still running, and so are reports, replicas\' consumers and other services.',
    fix:
      'Expand and contract: add the new column, copy the data and keep both in step while clients move, then drop the old ' +
      'column in a later release. The quick fix rewrites the rename that way: the ADD COLUMN and a backfill in place, and ' +
      'the DROP COLUMN in a new migration file to ship once nothing reads the old name.',
    differences:
      'Quiet on a table created earlier in the same transaction (no client can know it before the commit), and in down migrations, which undo a rename of their own up; squawk reports both. Outside a transaction the new table is visible at once and is reported, as squawk does.',
    examples: [{ bad: 'ALTER TABLE users RENAME COLUMN name TO full_name;', good: 'ALTER TABLE users ADD COLUMN full_name text;\nUPDATE users SET full_name = name;\n-- later migration:\nALTER TABLE users DROP COLUMN name;' }],
  },
  checkStatement(ctx) {
    if (ctx.part.direction === 'down') return;
    for (const { change, action } of alterActions(ctx, 'rename-column')) {
      if (createdInSameTransaction(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      ctx.report({
        range: action.range,
        related,
        message: `Renaming column \`${action.rawFrom}\` of ${label} to \`${action.rawTo}\` breaks every client that still uses \`${action.rawFrom}\`, including the running release during the deploy.`,
        fixes: change.actions.length === 1 ? expandContractFix(ctx, change.table, action) : [],
      });
    }
  },
};
