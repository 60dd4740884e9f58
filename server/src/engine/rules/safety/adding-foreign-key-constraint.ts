import type { Rule } from '../rule.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { notValidThenValidateFix } from './shared/not-valid-fix.js';
import { addedConstraints, describeTable, lockNote } from './shared/statement.js';

export const addingForeignKeyConstraint: Rule = {
  id: 'adding-foreign-key-constraint',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports a foreign key added to an existing table without `NOT VALID`.',
    why: 'PostgreSQL checks every existing row against the referenced table while holding SHARE ROW EXCLUSIVE locks on both tables: writes to either wait for the whole scan.',
    fix: 'Add the key with `NOT VALID` (only new rows are checked, the lock is brief), then run `ALTER TABLE … VALIDATE CONSTRAINT …` in a later transaction: it scans under a lock that lets writes continue.',
    differences:
      'As in squawk, ADD CONSTRAINT … FOREIGN KEY on a table created earlier in the same transaction is quiet: the table is empty and invisible to other sessions until the commit. We stay quiet on ADD COLUMN … REFERENCES there too, where squawk reports it. Outside a transaction, or after its COMMIT (where squawk keeps exempting the table), the new table is visible at once and is reported. ' +
      'The quick fix puts VALIDATE in a new migration file when the framework runs each file in a transaction.',
    examples: [
      {
        bad: 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);',
        good: 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n-- next migration:\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;',
      },
    ],
  },
  checkStatement(ctx) {
    for (const { change, constraint, onNewColumn } of addedConstraints(ctx)) {
      if (constraint.kind !== 'foreign-key' || constraint.notValid || createdInSameTransaction(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      ctx.report({
        range: constraint.range,
        related,
        message: `Adding a foreign key from ${label} to \`${constraint.references.table.raw}\` checks every row while blocking writes to both tables; add it NOT VALID and validate it separately.${lockNote(ctx)}`,
        // A column constraint cannot be NOT VALID; the fix applies to ADD CONSTRAINT only.
        fixes: onNewColumn ? [] : [notValidThenValidateFix(ctx, change, constraint)],
      });
    }
  },
};
