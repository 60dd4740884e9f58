import type { Rule } from '../rule.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { describeTable } from './shared/statement.js';

export const banDropTable: Rule = {
  id: 'ban-drop-table',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `DROP TABLE` in an up migration.',
    why: 'Dropping a table deletes its data for good and breaks every client that still reads or writes it, including application servers still running the previous release during a deploy.',
    fix: 'Stop using the table in the application first, deploy, then drop it in a later migration (and keep a backup).',
    differences:
      'Down migrations are not checked (undoing a CREATE TABLE is their job), and a table created earlier in the same transaction may be dropped: no client can see it before the commit. squawk reports both. Outside a transaction the new table is visible at once, and dropping it is reported as squawk does.',
    examples: [{ bad: 'DROP TABLE users;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (ctx.part.direction === 'down' || change?.kind !== 'drop' || change.objectKind !== 'table') return;
    for (const table of change.names) {
      if (createdInSameTransaction(ctx, table)) continue;
      const { label, related } = describeTable(ctx, table);
      ctx.report({ range: table.range, related, message: `Dropping table ${label} deletes its data and breaks clients that still use it.` });
    }
  },
};
