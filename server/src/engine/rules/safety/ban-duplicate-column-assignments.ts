import type { Rule, StatementContext } from '../rule.js';
import { foreignTableColumns, identifierName, naming, queryColumns, type ColumnMention } from './shared/output-columns.js';

export const banDuplicateColumnAssignments: Rule = {
  id: 'ban-duplicate-column-assignments',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'error',
  docs: {
    summary:
      'Reports a column assigned or named twice in one statement: a `SET` list (UPDATE, ON CONFLICT DO UPDATE, MERGE), an `INSERT` column list, ' +
      'or the columns of CREATE [FOREIGN] TABLE, CREATE [MATERIALIZED] VIEW, CREATE TABLE … AS and SELECT … INTO.',
    why:
      'PostgreSQL rejects the statement ("multiple assignments to same column" / "column specified more than once"), so the migration fails when it runs; ' +
      'usually one of the two was meant to be another column. Distinct fields or elements of one column (`SET a.x = 1, a.y = 2`, `SET a[1] = 1, a[2] = 2`) ' +
      'are fine; the whole column together with a part of it (`SET a = …, a.x = 1`) is not. A view or table built from a query names an expression without ' +
      'an alias after itself (`?column?` for `1` or `a + b`, `count` for `count(*)`), so `SELECT 1, 2` makes two columns called `?column?`.',
    fix: 'Assign or name each column once: check whether the second one was meant for a different column, and give expressions distinct aliases (`SELECT 1 AS a, 2 AS b`).',
    differences:
      'Two cases PostgreSQL rejects are reported where squawk stays quiet: CREATE TABLE … AS SELECT whose query gives two columns one name (squawk checks ' +
      'only its column list), and a view whose column list is shorter than its query and whose remaining names repeat (`CREATE VIEW v (a) AS SELECT 1 b, 2 b, 3 b`). ' +
      'The name PostgreSQL gives an expression without an alias is read from the text only for plain forms (column references, literals, operators, ' +
      'function calls, CASE); other expressions (casts, subqueries, `*`) are never reported, so `SELECT x::int, y::int` passes, as in squawk, though PostgreSQL names both `int4`.',
    examples: [
      { bad: 'UPDATE users SET email = lower(email), email = trim(email);', good: 'UPDATE users SET email = lower(trim(email));' },
      { bad: 'CREATE VIEW totals AS SELECT count(*), count(paid_at) FROM orders;', good: 'CREATE VIEW totals AS SELECT count(*) AS orders, count(paid_at) AS paid FROM orders;' },
    ],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (!change) return;
    switch (change.kind) {
      case 'data':
        for (const column of change.duplicateAssignments ?? []) reportAssignment(ctx, column);
        if (change.operation === 'select') reportDefinedTwice(ctx, queryColumns(ctx.tokens, naming(ctx)));
        return;
      case 'create-table':
        if (change.fromQuery) reportDefinedTwice(ctx, queryColumns(ctx.tokens, naming(ctx)));
        else reportDefinedTwice(ctx, change.columns.map((column) => ({ name: column.name, range: { start: column.range.start, end: column.range.start + column.raw.length } })));
        return;
      case 'create-view':
        reportDefinedTwice(ctx, queryColumns(ctx.tokens, naming(ctx)));
        return;
      case 'other':
        if (change.statementType === 'CreateForeignTableStmt') reportDefinedTwice(ctx, foreignTableColumns(ctx.tokens));
        return;
      default:
        return;
    }
  },
};

// ---------------------------------------------------------------------------------------------
// SET lists and INSERT column lists: the parser found the columns (model `duplicateAssignments`).

/** Tokens that may follow a column being assigned: `a = …`, `(a, b) = …`, `a.x = …`, `a[1] = …`, `(a)`. */
const AFTER_ASSIGNED = new Set(['=', ',', ')', '.', '[']);

function reportAssignment(ctx: StatementContext, column: string): void {
  const mentions = ctx.tokens.filter(
    (token, i) => identifierName(token) === column && AFTER_ASSIGNED.has(ctx.tokens[i + 1]?.text ?? '') && ctx.tokens[i - 1]?.text !== '.',
  );
  // Point at the second assignment: the one to change.
  const [first, second] = mentions;
  ctx.report({
    range: second ?? ctx.statement.range,
    message: `Column \`${column}\` is assigned more than once; PostgreSQL rejects the statement.`,
    ...(second && { related: [{ range: first, message: `\`${column}\` is first assigned here` }] }),
  });
}

// ---------------------------------------------------------------------------------------------
// Column names a statement gives.

function reportDefinedTwice(ctx: StatementContext, columns: readonly (ColumnMention | undefined)[]): void {
  const byName = new Map<string, ColumnMention[]>();
  for (const column of columns) {
    if (column) byName.set(column.name, [...(byName.get(column.name) ?? []), column]);
  }
  for (const [name, [first, ...others]] of byName) {
    for (const other of others) {
      const inferred = other.inferred ? ' (the name PostgreSQL gives an expression without an alias)' : '';
      ctx.report({
        range: other.range,
        message: `Column \`${name}\`${inferred} is specified more than once; PostgreSQL rejects the statement.`,
        related: [{ range: first.range, message: `\`${name}\` is first specified here` }],
      });
    }
  }
}
