import type { Rule } from '../rule.js';
import { concurrentlyFix } from './concurrently-fix.js';
import { serverAtLeast } from './shared/pg-version.js';

const TARGET_WORDS = new Set(['index', 'table', 'schema', 'database', 'system']);

export const requireConcurrentReindex: Rule = {
  id: 'require-concurrent-reindex',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `REINDEX` without `CONCURRENTLY` (PostgreSQL 12 and later).',
    why:
      'A plain REINDEX locks out writes to the table and takes an ACCESS EXCLUSIVE lock on each index it rebuilds, so ' +
      'queries that would use the index block too — for as long as the rebuild takes.',
    fix: 'Use `REINDEX … CONCURRENTLY` (PostgreSQL 12+), outside a transaction block; the quick fix adds the keyword and what the framework needs to leave its transaction.',
    differences: 'REINDEX SYSTEM cannot run concurrently and is not reported; neither is anything when pgVersion is older than 12, where CONCURRENTLY does not exist.',
    examples: [{ bad: 'REINDEX INDEX orders_customer_idx;', good: 'REINDEX INDEX CONCURRENTLY orders_customer_idx;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'reindex' || change.concurrently || change.target === 'system' || !serverAtLeast(ctx.settings, 12)) return;
    const targetWord = ctx.tokens.find((token) => TARGET_WORDS.has(token.lower));
    if (!targetWord) return;
    const { advice, fixes } = concurrentlyFix(ctx, targetWord.end, targetWord.text);
    ctx.report({
      range: ctx.statement.range,
      message: `REINDEX ${change.target.toUpperCase()} \`${change.name.raw}\` without CONCURRENTLY blocks writes to the table and reads that use the indexes until the rebuild finishes.${advice ? ` ${advice}` : ''}`,
      fixes,
    });
  },
};
