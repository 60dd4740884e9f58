import type { ColumnDef } from '../../model/changes.js';
import type { Schema } from '../../schema/model.js';
import { volatileCall } from '../../schema/volatility.js';
import type { Rule } from '../rule.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { serverAtLeast } from './shared/pg-version.js';
import { alterActions, describeTable, lockNote } from './shared/statement.js';

/** Why adding `column` rewrites the table, or undefined when it does not on this server. */
function rewriteReason(column: ColumnDef, fastDefaults: boolean, schema: Schema): string | undefined {
  if (column.generated?.stored) return 'a stored generated column is computed for every row';
  if (column.identity) return 'an identity column is filled for every row';
  if (column.serial) return "a serial column's `nextval()` default is volatile, so every row is written";
  if (!column.default) return undefined;
  if (!fastDefaults) return 'before PostgreSQL 11 any default is written into every row';
  if (column.default.kind === 'volatile') return `the default \`${column.default.sql}\` is volatile, so it is evaluated and written for every row`;
  const volatile = volatileCall(column.default, schema);
  if (!volatile) return undefined;
  const called = `\`${volatile.call.schema ? `${volatile.call.schema}.` : ''}${volatile.call.name}()\``;
  if (volatile.call.withArguments) {
    return `the default calls \`${volatile.call.name}(…)\` with arguments, but the stable built-in \`${volatile.call.name}()\` takes none: the call resolves to another \`${volatile.call.name}\` function, VOLATILE unless a migration declares it STABLE or IMMUTABLE, and a volatile default is evaluated and written for every row`;
  }
  return volatile.created
    ? `the default calls ${called}, which is VOLATILE as its migration creates it, so it is evaluated and written for every row`
    : `the default calls ${called}, which no migration here declares STABLE or IMMUTABLE: PostgreSQL makes a function VOLATILE unless it says so, and a volatile default is evaluated and written for every row`;
}

export const addingFieldWithDefault: Rule = {
  id: 'adding-field-with-default',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ADD COLUMN` that rewrites the table: a volatile default (a user function unless declared STABLE or IMMUTABLE), a stored generated or identity column, or any default before PostgreSQL 11.',
    why: 'The rewrite holds an ACCESS EXCLUSIVE lock for as long as it takes to write every row: reads and writes on the table wait, and with them the application.',
    fix: 'Add the column without a default (or with a constant one on PostgreSQL 11+), set the default for new rows with ALTER COLUMN … SET DEFAULT, and backfill existing rows in batches.',
    differences:
      'Serial columns are reported (their nextval() default rewrites the table); squawk does not. A default that calls a user function is reported unless a migration declares that function STABLE or IMMUTABLE (PostgreSQL makes functions VOLATILE by default), as squawk reports any function it does not know (a one-line LANGUAGE sql function that PostgreSQL inlines into a constant rewrites nothing, yet is reported). `-1` counts as the constant it is, where squawk reports it. As in squawk, only the exact argument-less form of a stable built-in such as `now()` is exempt: `now(123)` is reported, since the built-in takes no argument and the call can only resolve to another function of that name, VOLATILE unless a migration declares it otherwise. A table created earlier in the same transaction is empty and invisible to other sessions, so nothing is rewritten: we stay quiet there where squawk reports; outside a transaction (a plain file run statement by statement) the new table is committed and visible at once, and it is reported as squawk does. test/db/rewrites.test.ts confirms each of these on a real PostgreSQL by whether the table\'s file (relfilenode) changes.',
    examples: [
      { bad: 'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();', good: 'ALTER TABLE users ADD COLUMN token uuid;\nALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();' },
    ],
  },
  checkStatement(ctx) {
    const fastDefaults = serverAtLeast(ctx.settings, 11);
    for (const { change, action } of alterActions(ctx, 'add-column')) {
      const reason = rewriteReason(action.column, fastDefaults, ctx.schemaBefore());
      if (!reason || createdInSameTransaction(ctx, change.table)) continue;
      const { label, related } = describeTable(ctx, change.table);
      ctx.report({
        range: action.column.default?.range ?? action.range,
        related,
        message: `Adding \`${action.column.raw}\` rewrites ${label}: ${reason}.${lockNote(ctx)}`,
      });
    }
  },
};
