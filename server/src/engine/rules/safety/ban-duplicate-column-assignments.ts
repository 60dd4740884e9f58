import type { Rule } from '../rule.js';

export const banDuplicateColumnAssignments: Rule = {
  id: 'ban-duplicate-column-assignments',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'error',
  docs: {
    summary: 'Reports a column assigned twice in one `UPDATE … SET` or named twice in an `INSERT` column list.',
    why: 'PostgreSQL rejects the statement ("multiple assignments to same column" / "column specified more than once"), so the migration fails when it runs; usually one of the two was meant to be another column.',
    fix: 'Assign each column once; check whether the second assignment was meant for a different column.',
    examples: [{ bad: 'UPDATE users SET email = lower(email), email = trim(email);', good: 'UPDATE users SET email = lower(trim(email));' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'data' || (change.operation !== 'update' && change.operation !== 'insert')) return;
    const seen = new Set<string>();
    const duplicates = new Set(change.columns.filter((column) => seen.has(column) || !seen.add(column)));
    for (const column of duplicates) {
      // Point at the second mention of the column: the one to change.
      const mentions = ctx.tokens.filter((token) => token.lower === column || token.text === `"${column}"`);
      ctx.report({ range: mentions[1] ?? ctx.statement.range, message: `Column \`${column}\` is assigned more than once; PostgreSQL rejects the statement.` });
    }
  },
};
