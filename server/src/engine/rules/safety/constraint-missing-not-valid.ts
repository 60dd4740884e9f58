import type { Statement } from '../../model/changes.js';
import type { Rule } from '../rule.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { notValidThenValidateFix } from './shared/not-valid-fix.js';
import { addedConstraints, describeTable } from './shared/statement.js';
import { transactionBlocks } from './shared/transactions.js';

/** Constraint names added NOT VALID by a statement. */
function addedNotValid(statement: Statement): string[] {
  const change = statement.change;
  if (change?.kind !== 'alter-table') return [];
  return change.actions.flatMap((action) =>
    action.kind === 'add-constraint' && 'notValid' in action.constraint && action.constraint.notValid && action.constraint.name ? [action.constraint.name] : [],
  );
}

export const constraintMissingNotValid: Rule = {
  id: 'constraint-missing-not-valid',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports a CHECK or FOREIGN KEY constraint added to an existing table without `NOT VALID`, and `VALIDATE CONSTRAINT` in the same transaction as the `NOT VALID` add.',
    why: 'Without NOT VALID, PostgreSQL checks every row while holding a lock that blocks writes. Validating in the same transaction as the add keeps the add\'s ACCESS EXCLUSIVE lock for the whole scan, which blocks reads as well.',
    fix: 'Add the constraint with `NOT VALID`, commit, then `ALTER TABLE … VALIDATE CONSTRAINT …` in a separate transaction (a later migration where the framework wraps each file in one).',
    differences:
      'Only CHECK and FOREIGN KEY constraints are reported: PostgreSQL rejects NOT VALID on UNIQUE, PRIMARY KEY and EXCLUDE (squawk reports those too; disallowed-unique-constraint and adding-serial-primary-key-field cover them). As in squawk, a table created earlier in the same transaction is empty and we stay quiet there; outside a transaction the new table is committed and visible at once and is reported, as squawk does, and so it is after that transaction commits, where squawk keeps exempting it. Transactions come from the framework as well as from BEGIN and assumeInTransaction.',
    examples: [
      {
        bad: 'ALTER TABLE orders ADD CONSTRAINT positive_total CHECK (total > 0);',
        good: 'ALTER TABLE orders ADD CONSTRAINT positive_total CHECK (total > 0) NOT VALID;\n-- next migration:\nALTER TABLE orders VALIDATE CONSTRAINT positive_total;',
      },
    ],
  },
  checkStatement(ctx) {
    for (const { change, constraint, onNewColumn } of addedConstraints(ctx)) {
      if (onNewColumn || (constraint.kind !== 'check' && constraint.kind !== 'foreign-key') || constraint.notValid) continue;
      if (createdInSameTransaction(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      ctx.report({
        range: constraint.range,
        related,
        message: `This constraint is checked against every row of ${label} while writes are blocked; add it NOT VALID and validate it separately.`,
        fixes: [notValidThenValidateFix(ctx, change, constraint)],
      });
    }
  },
  checkMigration(ctx) {
    for (const part of [ctx.migration.up, ctx.migration.down]) {
      const statements = part && ctx.statements(part);
      if (!part || !statements) continue;
      const blocks = transactionBlocks(part, statements);
      /** `block:name` of constraints added NOT VALID so far. */
      const pending = new Set<string>();
      statements.forEach((statement, i) => {
        if (blocks[i] === undefined) return;
        for (const name of addedNotValid(statement)) pending.add(`${blocks[i]}:${name}`);
        const change = statement.change;
        if (change?.kind !== 'alter-table') return;
        for (const action of change.actions) {
          if (action.kind !== 'validate-constraint' || !pending.has(`${blocks[i]}:${action.name}`)) continue;
          ctx.report({
            file: part.file,
            range: action.range,
            message: `\`${action.raw}\` is validated in the same transaction that added it NOT VALID: the add's exclusive lock is held for the whole scan, blocking reads and writes. Validate it in a later transaction.`,
          });
        }
      });
    }
  },
};
