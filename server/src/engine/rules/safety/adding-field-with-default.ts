import type { ColumnDef } from '../../model/changes.js';
import type { Rule } from '../rule.js';
import { createdInThisMigration } from './shared/new-table.js';
import { serverAtLeast } from './shared/pg-version.js';
import { alterActions, describeTable, lockNote } from './shared/statement.js';

/** Why adding `column` rewrites the table, or undefined when it does not on this server. */
function rewriteReason(column: ColumnDef, fastDefaults: boolean): string | undefined {
  if (column.generated?.stored) return 'a stored generated column is computed for every row';
  if (column.identity) return 'an identity column is filled for every row';
  if (column.serial) return "a serial column's `nextval()` default is volatile, so every row is written";
  if (!column.default) return undefined;
  if (!fastDefaults) return 'before PostgreSQL 11 any default is written into every row';
  if (column.default.kind === 'volatile') return `the default \`${column.default.sql}\` is volatile, so it is evaluated and written for every row`;
  return undefined;
}

export const addingFieldWithDefault: Rule = {
  id: 'adding-field-with-default',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ADD COLUMN` that rewrites the table: a volatile default, a stored generated or identity column, or any default before PostgreSQL 11.',
    why: 'The rewrite holds an ACCESS EXCLUSIVE lock for as long as it takes to write every row: reads and writes on the table wait, and with them the application.',
    fix: 'Add the column without a default (or with a constant one on PostgreSQL 11+), set the default for new rows with ALTER COLUMN … SET DEFAULT, and backfill existing rows in batches.',
    differences:
      'Serial columns are reported (their nextval() default rewrites the table). A default that calls a function we do not know to be volatile (a user function) is not reported, and `-1` counts as the constant it is; squawk reports both. A table created earlier in the same migration is empty, so nothing is rewritten: we stay quiet where squawk reports.',
    examples: [
      { bad: 'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();', good: 'ALTER TABLE users ADD COLUMN token uuid;\nALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();' },
    ],
  },
  checkStatement(ctx) {
    const fastDefaults = serverAtLeast(ctx.settings, 11);
    for (const { change, action } of alterActions(ctx, 'add-column')) {
      const reason = rewriteReason(action.column, fastDefaults);
      if (!reason || createdInThisMigration(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      ctx.report({
        range: action.column.default?.range ?? action.range,
        related,
        message: `Adding \`${action.column.raw}\` rewrites ${label}: ${reason}.${lockNote(ctx)}`,
      });
    }
  },
};
