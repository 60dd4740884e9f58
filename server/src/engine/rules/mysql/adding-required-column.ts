import type { Rule } from '../rule.js';
import { requiredColumnsOnExistingTables } from '../safety/shared/required-column.js';

export const mysqlAddingRequiredColumn: Rule = {
  id: 'mysql-adding-required-column',
  category: 'safety',
  dialects: ['mysql', 'mariadb'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ADD COLUMN … NOT NULL` without a DEFAULT on a table that already exists.',
    why:
      'Unlike PostgreSQL, MySQL and MariaDB do not fail on existing rows: they silently fill the column with the type\'s implicit ' +
      "default (0, '', or the zero date, which strict mode with NO_ZERO_DATE rejects, failing the migration). The real outage comes " +
      'after it: the application still deployed does not know the column, and in strict mode (the default) every INSERT that omits ' +
      "it fails with \"Field doesn't have a default value\".",
    fix: 'Give the column an explicit DEFAULT, or add it NULL, deploy code that writes it, backfill, and make it NOT NULL in a later migration.',
    differences: 'A table created earlier in the same migration is empty and not reported; AUTO_INCREMENT and generated columns fill themselves.',
    examples: [{ bad: 'ALTER TABLE users ADD COLUMN plan VARCHAR(20) NOT NULL;', good: "ALTER TABLE users ADD COLUMN plan VARCHAR(20) NOT NULL DEFAULT 'free';" }],
  },
  checkStatement(ctx) {
    for (const { column, range, label, related } of requiredColumnsOnExistingTables(ctx)) {
      ctx.report({
        range,
        related,
        message:
          `New column \`${column.raw}\` on ${label} is NOT NULL with no DEFAULT: existing rows get the type's implicit default, ` +
          'and INSERTs from code that does not know the column yet fail in strict mode.',
      });
    }
  },
};
