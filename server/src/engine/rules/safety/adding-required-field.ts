import type { Rule } from '../rule.js';
import { requiredColumnsOnExistingTables } from './shared/required-column.js';

export const addingRequiredField: Rule = {
  id: 'adding-required-field',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'error',
  docs: {
    summary: 'Reports `ADD COLUMN … NOT NULL` without a default on an existing table.',
    why: 'Existing rows have no value for the new column, so PostgreSQL fails the migration as soon as the table holds a row ("column contains null values"); and clients still running the previous release cannot insert without the new column.',
    fix: 'Add the column nullable, or with a non-volatile DEFAULT (cheap from PostgreSQL 11); backfill; then set NOT NULL safely (see adding-not-nullable-field).',
    differences:
      'A table created earlier in the same transaction is empty and invisible to other sessions until the commit, so we stay quiet there; squawk reports it even then. Outside a transaction (a plain file run statement by statement, or after a COMMIT) the new table is committed and visible at once, and it is reported as squawk reports it. Serial and identity columns fill every row themselves and are not reported (adding-field-with-default reports their rewrite); squawk reports them.',
    examples: [{ bad: 'ALTER TABLE users ADD COLUMN email text NOT NULL;', good: "ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT '';" }],
  },
  checkStatement(ctx) {
    for (const { column, range, label, related } of requiredColumnsOnExistingTables(ctx)) {
      ctx.report({
        range,
        related,
        message: `New column \`${column.raw}\` is NOT NULL with no default: the migration fails if ${label} has any rows, and older clients cannot insert.`,
      });
    }
  },
};
