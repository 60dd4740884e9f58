import type { Rule } from '../rule.js';
import { createdInSameMigration, createdInSameTransaction } from './shared/new-table.js';
import { describeTable } from './shared/statement.js';

export const dataChangeWithoutWhere: Rule = {
  id: 'data-change-without-where',
  category: 'safety',
  dialects: ['postgres', 'mysql', 'mariadb'],
  severity: 'warning',
  docs: {
    summary: 'Reports `UPDATE` and `DELETE` without a `WHERE` clause on a table that already holds data.',
    why:
      'Without WHERE the statement touches every row: a DELETE empties the table, an UPDATE overwrites a column everywhere. ' +
      'Either may be meant, but in one statement it also locks every row until the migration commits and writes the whole ' +
      'table to the WAL at once, so replicas fall behind and concurrent writers wait.',
    fix:
      'Add the WHERE that says which rows you mean (`WHERE status IS NULL` for a backfill). For a deliberate whole-table ' +
      'change on a large table, run it in batches outside the migration, or silence this finding with ' +
      '`-- migration-lens-ignore data-change-without-where` to record that it is deliberate.',
    differences:
      'Not a squawk rule. Tables created earlier in the same transaction (PostgreSQL) or the same migration (MySQL, MariaDB, which commit every DDL statement) are empty and not reported; on PostgreSQL, outside a transaction the new table is committed and visible to other sessions at once, so it is reported like any other.',
    examples: [{ bad: 'UPDATE users SET plan_id = 1;', good: 'UPDATE users SET plan_id = 1 WHERE plan_id IS NULL;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'data' || (change.operation !== 'update' && change.operation !== 'delete') || change.hasWhere) return;
    const table = change.tables[0];
    // PostgreSQL: a table is only private to the migration until its transaction commits; MySQL and
    // MariaDB commit every DDL statement, so there a table the migration created is new enough.
    const isNew = ctx.set.dialect === 'postgres' ? createdInSameTransaction : createdInSameMigration;
    if (!table || isNew(ctx, table)) return;
    const { label, related } = describeTable(ctx, table);
    const effect = change.operation === 'delete' ? 'deletes every row of' : `overwrites ${change.columns.map((c) => `\`${c}\``).join(', ') || 'columns'} in every row of`;
    ctx.report({ range: ctx.statement.range, related, message: `${change.operation.toUpperCase()} without WHERE ${effect} ${label}, locking all of them until the migration commits. Add a WHERE for the rows you mean.` });
  },
};
