import type { FixDraft } from '../../fixes/edits.js';
import type { AlterTableChange, Name } from '../../model/changes.js';
import { findTable } from '../../schema/index.js';
import type { Rule, StatementContext } from '../rule.js';
import { followUpEdits } from './shared/new-migration.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { serverAtLeast } from './shared/pg-version.js';
import { alterActions, describeTable, lockNote, type ActionOf } from './shared/statement.js';
import { escapeRegExp } from '../../model/text.js';

/** From PostgreSQL 12 a CHECK (col IS NOT NULL) already on the table spares SET NOT NULL its scan. */
function provenByCheck(ctx: StatementContext, table: Name, column: string): boolean {
  const pattern = new RegExp(`^\\(*\\s*"?${escapeRegExp(column)}"?\\s+is\\s+not\\s+null\\s*\\)*$`, 'i');
  return serverAtLeast(ctx.settings, 12) && (findTable(ctx.schemaBefore(), table)?.checks ?? []).some((check) => pattern.test(check.expression));
}

/**
 * SET NOT NULL via a CHECK (col IS NOT NULL) NOT VALID here, then VALIDATE, SET NOT NULL (no scan
 * from PostgreSQL 12) and DROP CONSTRAINT after it, in a new migration when in a transaction.
 */
function checkConstraintFix(ctx: StatementContext, change: AlterTableChange, action: ActionOf<'set-not-null'>): FixDraft | undefined {
  if (change.actions.length !== 1 || !serverAtLeast(ctx.settings, 12)) return undefined;
  const table = ctx.text.slice(change.table.range.start, change.table.range.end);
  const name = `${change.table.name}_${action.column}_not_null`.slice(0, 63);
  return {
    title: 'Prove NOT NULL with a CHECK constraint validated separately',
    preferred: true,
    edits: [
      { range: ctx.statement.range, newText: `ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${action.raw} IS NOT NULL) NOT VALID` },
      ...followUpEdits(ctx, {
        name: `set_${change.table.name}_${action.column}_not_null`,
        up: [`ALTER TABLE ${table} VALIDATE CONSTRAINT ${name};`, `ALTER TABLE ${table} ALTER COLUMN ${action.raw} SET NOT NULL;`, `ALTER TABLE ${table} DROP CONSTRAINT ${name};`].join('\n'),
        down: `ALTER TABLE ${table} ALTER COLUMN ${action.raw} DROP NOT NULL;`,
      }),
    ],
  };
}

export const addingNotNullableField: Rule = {
  id: 'adding-not-nullable-field',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ALTER COLUMN … SET NOT NULL` on an existing table.',
    why: 'PostgreSQL scans the whole table to prove there are no NULLs while holding an ACCESS EXCLUSIVE lock: reads and writes wait for the scan.',
    fix: 'From PostgreSQL 12: add `CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it in a separate transaction (writes continue), then `SET NOT NULL` (PostgreSQL uses the valid check and skips the scan) and drop the check.',
    differences:
      'We stay quiet when a CHECK (col IS NOT NULL) already exists on the table (PostgreSQL 12+ skips the scan then), wherever in the history it was added and validated; squawk sees only the file it checks. ' +
      'A table created earlier in the same transaction is empty and invisible to other sessions until the commit, so we stay quiet there; squawk reports it even then. Outside a transaction (a plain file run statement by statement, or after a COMMIT) the new table is committed and visible at once, and it is reported as squawk reports it.',
    examples: [
      {
        bad: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
        good: 'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n-- next migration:\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;',
      },
    ],
  },
  checkStatement(ctx) {
    for (const { change, action } of alterActions(ctx, 'set-not-null')) {
      if (createdInSameTransaction(ctx, change.table) || provenByCheck(ctx, change.table, action.column)) continue;
      const { label, related } = describeTable(ctx, change.table);
      const fix = checkConstraintFix(ctx, change, action);
      ctx.report({
        range: action.range,
        related,
        message: `Setting \`${action.raw}\` of ${label} NOT NULL scans the whole table under an exclusive lock.${lockNote(ctx)}`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};
