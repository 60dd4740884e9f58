import type { FixDraft } from '../../fixes/edits.js';
import type { StatementContext, Rule } from '../rule.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { addedConstraints, defaultConstraintName, describeTable, lockNote, type AddedConstraint } from './shared/statement.js';

/**
 * Rewrites a lone `ADD CONSTRAINT … UNIQUE (cols)` as a concurrent index build plus
 * `ADD CONSTRAINT … USING INDEX`. CONCURRENTLY cannot run inside a transaction, so the fix is
 * only offered where the part commits statement by statement.
 */
function concurrentIndexFix(ctx: StatementContext, { change, constraint, onNewColumn }: AddedConstraint): FixDraft | undefined {
  if (constraint.kind !== 'unique' || onNewColumn || change.actions.length !== 1 || ctx.part.transaction.inTransaction) return undefined;
  const table = ctx.text.slice(change.table.range.start, change.table.range.end);
  const name = constraint.name ?? defaultConstraintName(change.table, constraint.columns, 'key');
  return {
    title: 'Build the unique index CONCURRENTLY, then add the constraint USING INDEX',
    preferred: true,
    edits: [
      {
        range: ctx.statement.range,
        newText: `CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${table} (${constraint.columns.join(', ')});\nALTER TABLE ${table} ADD CONSTRAINT ${name} UNIQUE USING INDEX ${name}`,
      },
    ],
  };
}

export const disallowedUniqueConstraint: Rule = {
  id: 'disallowed-unique-constraint',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports adding a UNIQUE constraint to an existing table other than `USING INDEX`.',
    why: 'PostgreSQL builds the constraint\'s unique index while holding an ACCESS EXCLUSIVE lock on the table: reads and writes wait for the whole build.',
    fix: 'Build the index with `CREATE UNIQUE INDEX CONCURRENTLY` (outside a transaction), then `ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX …`, which only takes a brief lock.',
    differences:
      'As in squawk, ADD CONSTRAINT … UNIQUE on a table created earlier in the same transaction is quiet: the table is empty and invisible to other sessions until the commit. We stay quiet on ADD COLUMN … UNIQUE there too, where squawk reports it. Outside a transaction, or after its COMMIT (where squawk keeps exempting the table), the new table is visible at once and is reported.',
    examples: [
      {
        bad: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
        good: 'CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;',
      },
    ],
  },
  checkStatement(ctx) {
    for (const added of addedConstraints(ctx)) {
      const { change, constraint } = added;
      if (constraint.kind !== 'unique' || constraint.usingIndex || createdInSameTransaction(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      const fix = concurrentIndexFix(ctx, added);
      ctx.report({
        range: constraint.range,
        related,
        message: `Adding a UNIQUE constraint to ${label} builds its index under an exclusive lock; build it CONCURRENTLY and add the constraint USING INDEX.${lockNote(ctx)}`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};
