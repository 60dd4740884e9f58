import type { Rule } from '../rule.js';
import { definedColumns, expressionDefault, isParenthesised } from './column-defaults.js';
import { firstRelease, knownServerVersion, serverTooOld } from './server-version.js';

const FIRST_RELEASES = { mysql: '8.0.13', mariadb: '10.2.1' };

export const mysqlExpressionDefault: Rule = {
  id: 'mysql-expression-default',
  category: 'dialect',
  dialects: ['mysql', 'mariadb'],
  severity: 'info',
  docs: {
    summary: 'Reports column DEFAULTs that are expressions (`DEFAULT (uuid())`) rather than literals or CURRENT_TIMESTAMP.',
    why:
      'Expression defaults need MySQL 8.0.13+ (written in parentheses) or MariaDB 10.2.1+; older servers reject the statement ' +
      'and the migration fails there. They are also the only defaults MySQL allows on BLOB, TEXT, JSON and geometry columns.',
    fix: 'Make sure every server that runs the migrations is new enough; otherwise set the value in the application or in a trigger.',
    differences:
      '`DEFAULT CURRENT_TIMESTAMP` on TIMESTAMP/DATETIME columns works on every version and is not reported. MySQL expressions without parentheses are reported by mysql-unparenthesized-expression-default. ' +
      'With `mysqlVersion` / `mariadbVersion` set, a server that has expression defaults gets no finding, and an older one a warning that it rejects the migration.',
    examples: [{ bad: 'CREATE TABLE t (id CHAR(36) DEFAULT (uuid()));', good: "CREATE TABLE t (id CHAR(36) NOT NULL); -- the application sets id" }],
  },
  checkStatement(ctx) {
    for (const column of definedColumns(ctx)) {
      const expression = expressionDefault(column);
      // Without parentheses MySQL rejects it on every version: the other rule says so.
      if (!expression || (ctx.set.dialect === 'mysql' && !isParenthesised(expression))) continue;
      const tooOld = serverTooOld(ctx.settings, ctx.set.dialect, FIRST_RELEASES);
      if (knownServerVersion(ctx.settings, ctx.set.dialect) !== undefined && !tooOld) continue;
      const versions = firstRelease(ctx.set.dialect === 'mysql' ? 'mysql' : 'mariadb', FIRST_RELEASES);
      ctx.report({
        range: expression.range,
        message: tooOld
          ? `\`${column.raw}\` has the expression default \`${expression.sql}\`, which needs ${versions} or later, and ${tooOld.source} says the server is ${tooOld.configured}: it rejects the migration.`
          : `\`${column.raw}\` has the expression default \`${expression.sql}\`, which needs ${versions} or later; older servers reject the migration.`,
        ...(tooOld && { severity: 'warning' as const }),
      });
    }
  },
};
