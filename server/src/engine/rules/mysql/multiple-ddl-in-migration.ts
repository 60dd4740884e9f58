import type { Change } from '../../model/changes.js';
import type { Rule } from '../rule.js';
import { changesSchema } from './implicit-commit.js';

const isDdl = (change: Change | undefined): boolean => changesSchema(change) || (change?.kind === 'data' && change.operation === 'truncate');

export const mysqlMultipleDdlInMigration: Rule = {
  id: 'mysql-multiple-ddl-in-migration',
  category: 'safety',
  dialects: ['mysql', 'mariadb'],
  severity: 'info',
  // Most teams write several CREATE TABLEs per migration on purpose; those who deploy to MySQL
  // with a dirty-state-sensitive framework turn it on.
  optIn: true,
  docs: {
    summary: 'Reports a MySQL/MariaDB migration whose up part runs more than one DDL statement.',
    why:
      'MySQL and MariaDB commit implicitly before and after every DDL statement, so a migration cannot be rolled back as a whole, ' +
      'even when the framework wraps it in a transaction. If the third statement fails, the first two stay applied: the ' +
      'framework marks the version failed or dirty, running it again fails on the objects that already exist, and someone has to ' +
      'repair the database by hand.',
    fix: 'Put one DDL statement in each migration, or write every statement so it can run twice (`IF NOT EXISTS`, `IF EXISTS` on MariaDB) and make the migration safe to re-run.',
    examples: [{ bad: 'CREATE TABLE a (id INT);\nALTER TABLE b ADD COLUMN a_id INT;', good: '-- 001: CREATE TABLE a (id INT);\n-- 002: ALTER TABLE b ADD COLUMN a_id INT;' }],
  },
  checkMigration(ctx) {
    const part = ctx.migration.up;
    const statements = part && ctx.statements(part);
    if (!part || !statements) return;
    const ddl = statements.filter((statement) => isDdl(statement.change));
    if (ddl.length < 2) return;
    const [first, second] = ddl;
    ctx.report({
      file: part.file,
      range: second.range,
      message:
        `This migration runs ${ddl.length} DDL statements; MySQL commits after each one, so if a later one fails the earlier ones stay applied ` +
        'and the migration is left half-done. Prefer one DDL statement per migration.',
      related: [{ file: part.file, range: first.range, message: 'the first DDL statement, committed on its own' }],
    });
  },
};
