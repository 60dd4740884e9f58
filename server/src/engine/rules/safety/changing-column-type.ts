import type { Rule } from '../rule.js';
import { createdInThisMigration } from './shared/new-table.js';
import { alterActions, describeTable, lockNote } from './shared/statement.js';

export const changingColumnType: Rule = {
  id: 'changing-column-type',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ALTER COLUMN … TYPE` on an existing table.',
    why: 'Most type changes rewrite the whole table and rebuild its indexes while holding an ACCESS EXCLUSIVE lock: reads and writes wait for all of it. Clients that read the old type may break too.',
    fix: 'Expand and contract: add a column of the new type, write to both (trigger or application), backfill in batches, switch reads, then drop the old column in a later release.',
    differences: 'A table created earlier in the same migration is empty, so we stay quiet there; squawk reports it.',
    examples: [{ bad: 'ALTER TABLE users ALTER COLUMN id TYPE bigint;' }],
  },
  checkStatement(ctx) {
    for (const { change, action } of alterActions(ctx, 'alter-column-type')) {
      if (createdInThisMigration(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      ctx.report({
        range: action.range,
        related,
        message: `Changing the type of \`${action.raw}\` of ${label} to \`${action.type.raw}\` can rewrite the table under an exclusive lock.${lockNote(ctx)}`,
      });
    }
  },
};
