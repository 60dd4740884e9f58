import type { Name } from '../../model/changes.js';
import type { Rule } from '../rule.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { describeTable } from './shared/statement.js';

export const renamingTable: Rule = {
  id: 'renaming-table',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ALTER TABLE … RENAME TO`.',
    why: 'Every query that names the old table fails from the moment the rename commits, including those of the release still running during the deploy.',
    fix:
      'Rename in steps: rename the table and create a view with the old name (`CREATE VIEW old AS SELECT * FROM new`, ' +
      'which simple queries can still write through), move the clients to the new name, then drop the view later.',
    differences:
      'Quiet on a table created earlier in the same transaction (no client can know it before the commit), and in down migrations, which undo a rename of their own up; squawk reports both. Outside a transaction the new table is visible at once and is reported, as squawk does.',
    examples: [{ bad: 'ALTER TABLE customers RENAME TO clients;', good: 'ALTER TABLE customers RENAME TO clients;\nCREATE VIEW customers AS SELECT * FROM clients;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (ctx.part.direction === 'down') return;
    const renames: { from: Name; to: Name }[] =
      change?.kind === 'rename-table'
        ? change.renames
        : change?.kind === 'alter-table'
          ? change.actions.flatMap((action) => (action.kind === 'rename-table' ? [{ from: change.table, to: action.to }] : []))
          : [];
    for (const { from, to } of renames) {
      if (createdInSameTransaction(ctx, from)) continue;
      const { label, related } = describeTable(ctx, from);
      ctx.report({ range: ctx.statement.range, related, message: `Renaming table ${label} to \`${to.raw}\` breaks every query that still names \`${from.raw}\`, including the running release during the deploy.` });
    }
  },
};
