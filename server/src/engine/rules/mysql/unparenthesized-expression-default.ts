import type { Rule } from '../rule.js';
import { definedColumns, expressionDefault, isParenthesised } from './column-defaults.js';

export const mysqlUnparenthesizedExpressionDefault: Rule = {
  id: 'mysql-unparenthesized-expression-default',
  category: 'dialect',
  dialects: ['mysql'],
  severity: 'error',
  docs: {
    summary: 'Reports an expression DEFAULT written without parentheses (`DEFAULT uuid()`) in a MySQL migration.',
    why: 'MySQL accepts only literals and CURRENT_TIMESTAMP unparenthesised; any other expression is a syntax error, so the migration fails. MariaDB accepts both spellings, which is how such files slip into MySQL trees.',
    fix: 'Wrap the expression in parentheses: `DEFAULT (uuid())` (MySQL 8.0.13+).',
    examples: [{ bad: 'CREATE TABLE t (id CHAR(36) DEFAULT uuid());', good: 'CREATE TABLE t (id CHAR(36) DEFAULT (uuid()));' }],
  },
  checkStatement(ctx) {
    for (const column of definedColumns(ctx)) {
      const expression = expressionDefault(column);
      if (!expression || isParenthesised(expression)) continue;
      ctx.report({
        range: expression.range,
        message: `MySQL rejects the expression default \`${expression.sql}\` of \`${column.raw}\` without parentheses: write \`DEFAULT (${expression.sql})\` (MySQL 8.0.13+).`,
        fixes: [{ title: 'Wrap the default in parentheses', edits: [{ range: expression.range, newText: `(${expression.sql})` }], preferred: true }],
      });
    }
  },
};
