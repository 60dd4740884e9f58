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
    summary: 'Reports `ALTER TABLE … DETACH PARTITION` without `CONCURRENTLY`.',
    why: 'A plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the parent table: every read and write of the partitioned table waits.',
    fix:
      'Use `DETACH PARTITION … CONCURRENTLY` (PostgreSQL 14+), outside a transaction block; the quick fix adds the keyword and what the framework needs to leave its transaction. ' +
      'Before PostgreSQL 14 there is no CONCURRENTLY: run the detach in a quiet window, with a short lock_timeout so it gives up rather than queue traffic behind it, or upgrade.',
    differences:
      'Reported as squawk does when pgVersion is older than 14, since the lock is just as long there, but without the CONCURRENTLY quick fix, which that server would refuse: the message says what to do instead.',
    examples: [{ bad: 'ALTER TABLE events DETACH PARTITION events_2023;', good: 'ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;' }],
  },
  checkStatement(ctx) {
    const canDetachConcurrently = serverAtLeast(ctx.settings, 14);
    for (const { change, action } of alterActions(ctx, 'detach-partition')) {
      if (action.concurrently) continue;
      // CONCURRENTLY follows the partition's name; the detach must be the statement's only action.
      const detachWord = ctx.tokens.find((token) => token.lower === 'detach');
      const { advice, fixes } = !canDetachConcurrently
        ? { advice: `PostgreSQL ${ctx.settings.pgVersion} has no DETACH PARTITION … CONCURRENTLY (it arrived in 14): schedule the detach for a quiet window, with a short lock_timeout so it gives up instead of queueing traffic behind it, or upgrade.`, fixes: [] }
        : change.actions.length === 1 && detachWord
          ? concurrentlyFix(ctx, action.partition.range.end, detachWord.text)
          : { advice: '', fixes: [] };
      const lock = lockNote(ctx) || ` It takes ACCESS EXCLUSIVE on \`${change.table.raw}\`: reads and writes wait.`;
      ctx.report({ range: action.range, message: `Detaching partition \`${action.partition.raw}\` without CONCURRENTLY.${lock}${advice ? ` ${advice}` : ''}`, fixes });
    }
  },
};
