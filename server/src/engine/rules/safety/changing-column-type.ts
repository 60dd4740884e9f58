import type { Rule } from '../rule.js';
import { changeTypeFix } from './expand-contract.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { alterActions, describeTable, lockNote } from './shared/statement.js';

export const changingColumnType: Rule = {
  id: 'changing-column-type',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ALTER COLUMN … TYPE` on an existing table.',
    why: 'Most type changes rewrite the whole table and rebuild its indexes while holding an ACCESS EXCLUSIVE lock: reads and writes wait for all of it. Clients that read the old type may break too.',
    fix:
      'Expand and contract. The quick fix rewrites `ALTER TABLE t ALTER COLUMN c TYPE x [USING e]` into four steps: ' +
      '(1) in place, `ALTER TABLE t ADD COLUMN c_new x` (nullable, instant); from then on every write fills both columns, ' +
      'through a trigger (it also covers the release still running during a deploy) or application code; ' +
      '(2) a new migration backfills `UPDATE t SET c_new = e WHERE c_new IS NULL` (`c` itself without USING, converted by ' +
      'the same assignment cast ALTER TYPE uses), to run in batches on a large table; ' +
      '(3) a later new migration swaps the columns in one transaction, `RENAME COLUMN c TO c_old` then `RENAME COLUMN c_new TO c`, ' +
      'after recreating NOT NULL, default, indexes and constraints on `c_new` and dropping any sync trigger; ' +
      '(4) a last new migration drops `c_old` once nothing uses it, which keeps the swap reversible until then. ' +
      'The new files follow the set\'s framework naming. No fix when the column\'s definition is unknown (no history), ' +
      'in a down migration, or when the ALTER TABLE does more than the type change.',
    differences:
      'A table created earlier in the same transaction is empty and invisible to other sessions until the commit, so we stay quiet there; squawk reports it even then. Outside a transaction (a plain file run statement by statement, or after a COMMIT) the new table is committed and visible at once, and it is reported as squawk reports it.',
    examples: [{ bad: 'ALTER TABLE users ALTER COLUMN id TYPE bigint;' }],
  },
  checkStatement(ctx) {
    for (const { change, action } of alterActions(ctx, 'alter-column-type')) {
      if (createdInSameTransaction(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      ctx.report({
        range: action.range,
        related,
        message: `Changing the type of \`${action.raw}\` of ${label} to \`${action.type.raw}\` can rewrite the table under an exclusive lock.${lockNote(ctx)}`,
        fixes: ctx.part.direction !== 'down' && change.actions.length === 1 ? changeTypeFix(ctx, change.table, action) : [],
      });
    }
  },
};
