import type { Rule } from '../rule.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { addedConstraints, describeTable, lockNote } from './shared/statement.js';

export const addingSerialPrimaryKeyField: Rule = {
  id: 'adding-serial-primary-key-field',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports adding a PRIMARY KEY to an existing table other than `USING INDEX`.',
    why: 'PostgreSQL builds the key\'s unique index while holding an ACCESS EXCLUSIVE lock on the table: reads and writes wait for the whole build.',
    fix: 'Build the index first with `CREATE UNIQUE INDEX CONCURRENTLY`, then `ALTER TABLE … ADD CONSTRAINT … PRIMARY KEY USING INDEX …`, which only takes a brief lock.',
    differences:
      'A table created earlier in the same transaction is empty and invisible to other sessions until the commit, so we stay quiet there; squawk reports it even then. Outside a transaction (a plain file run statement by statement, or after a COMMIT) the new table is committed and visible at once, and it is reported as squawk reports it.',
    examples: [
      {
        bad: 'ALTER TABLE items ADD PRIMARY KEY (id);',
        good: 'CREATE UNIQUE INDEX CONCURRENTLY items_pk ON items (id);\nALTER TABLE items ADD CONSTRAINT items_pk PRIMARY KEY USING INDEX items_pk;',
      },
    ],
  },
  checkStatement(ctx) {
    for (const { change, constraint } of addedConstraints(ctx)) {
      if (constraint.kind !== 'primary-key' || constraint.usingIndex || createdInSameTransaction(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      ctx.report({
        range: constraint.range,
        related,
        message: `Adding a primary key to ${label} builds its index under an exclusive lock; build it CONCURRENTLY and add the key USING INDEX.${lockNote(ctx)}`,
      });
    }
  },
};
