import type { Rule } from '../rule.js';
import { concurrentlyFix } from './concurrently-fix.js';
import { serverAtLeast } from './shared/pg-version.js';
import { alterActions, lockNote } from './shared/statement.js';

export const requireConcurrentPartitionDetach: Rule = {
  id: 'require-concurrent-partition-detach',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `ALTER TABLE … DETACH PARTITION` without `CONCURRENTLY` (PostgreSQL 14 and later).',
    why: 'A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the parent table: every read and write of the partitioned table waits.',
    fix: 'Use `DETACH PARTITION … CONCURRENTLY` (PostgreSQL 14+), outside a transaction block; the quick fix adds the keyword and what the framework needs to leave its transaction.',
    differences: 'Quiet when pgVersion is older than 14, where CONCURRENTLY does not exist; squawk reports it there too.',
    examples: [{ bad: 'ALTER TABLE events DETACH PARTITION events_2023;', good: 'ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;' }],
  },
  checkStatement(ctx) {
    if (!serverAtLeast(ctx.settings, 14)) return;
    for (const { change, action } of alterActions(ctx, 'detach-partition')) {
      if (action.concurrently) continue;
      // CONCURRENTLY follows the partition's name; the detach must be the statement's only action.
      const detachWord = ctx.tokens.find((token) => token.lower === 'detach');
      const { advice, fixes } = change.actions.length === 1 && detachWord ? concurrentlyFix(ctx, action.partition.range.end, detachWord.text) : { advice: '', fixes: [] };
      const lock = lockNote(ctx) || ` It takes ACCESS EXCLUSIVE on \`${change.table.raw}\`: reads and writes wait.`;
      ctx.report({ range: action.range, message: `Detaching partition \`${action.partition.raw}\` without CONCURRENTLY.${lock}${advice ? ` ${advice}` : ''}`, fixes });
    }
  },
};
