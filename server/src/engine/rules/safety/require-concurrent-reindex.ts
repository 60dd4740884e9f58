import type { SourceRange } from '../../model/source.js';
import type { SqlToken } from '../tokens.js';
import type { Rule } from '../rule.js';
import { concurrentlyFix } from './concurrently-fix.js';
import { serverAtLeast } from './shared/pg-version.js';

const TARGET_WORDS = new Set(['index', 'table', 'schema', 'database', 'system']);

/**
 * The off value of the last CONCURRENTLY in `REINDEX (…)`'s option list, from the end of the
 * keyword to the `,` or `)` after the value (` false` in `(CONCURRENTLY false)`), if one is written.
 */
function concurrentlyOffValue(tokens: readonly SqlToken[]): SourceRange | undefined {
  if (tokens[1]?.text !== '(') return undefined;
  let found: SourceRange | undefined;
  let depth = 0;
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.text === '(') depth++;
    else if (token.text === ')' && --depth === 0) break;
    else if (depth === 1 && token.lower === 'concurrently' && (tokens[i - 1].text === '(' || tokens[i - 1].text === ',')) {
      const end = tokens.findIndex((next, j) => j > i && (next.text === ',' || next.text === ')'));
      found = end > i + 1 ? { start: token.end, end: tokens[end - 1].end } : undefined;
    }
  }
  return found;
}

export const requireConcurrentReindex: Rule = {
  id: 'require-concurrent-reindex',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `REINDEX` without `CONCURRENTLY`.',
    why:
      'A plain REINDEX locks out writes to the table and takes an ACCESS EXCLUSIVE lock on each index it rebuilds, so ' +
      'queries that would use the index block too — for as long as the rebuild takes.',
    fix:
      'Use `REINDEX … CONCURRENTLY` (PostgreSQL 12+), outside a transaction block; the quick fix adds the keyword and what the framework needs to leave its transaction. ' +
      'Before PostgreSQL 12 there is no REINDEX CONCURRENTLY: build a copy with `CREATE INDEX CONCURRENTLY`, then drop the old index (`DROP INDEX CONCURRENTLY`) and rename the copy in its place; or reindex in a quiet window.',
    differences:
      'REINDEX SYSTEM cannot run concurrently and is not reported. When pgVersion is older than 12 it is reported as squawk does (the locks are the same), but without the CONCURRENTLY quick fix, which that server would refuse: the message says what to do instead. ' +
      '`REINDEX (CONCURRENTLY false)` (or `off`, `0`) is a plain, blocking REINDEX and is reported; squawk takes any CONCURRENTLY option for a concurrent rebuild and stays quiet.',
    examples: [{ bad: 'REINDEX INDEX orders_customer_idx;', good: 'REINDEX INDEX CONCURRENTLY orders_customer_idx;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'reindex' || change.concurrently || change.target === 'system') return;
    const targetWord = ctx.tokens.find((token) => TARGET_WORDS.has(token.lower));
    if (!targetWord) return;
    // `REINDEX (CONCURRENTLY false) …`: the fix deletes the `false` rather than adding a second CONCURRENTLY.
    const offValue = concurrentlyOffValue(ctx.tokens);
    const copyAndSwap = change.target === 'index' ? `CREATE INDEX CONCURRENTLY a copy of \`${change.name.raw}\`, then DROP INDEX CONCURRENTLY the old one and rename the copy` : 'CREATE INDEX CONCURRENTLY a copy of each index, then DROP INDEX CONCURRENTLY the old ones and rename the copies';
    const { advice, fixes } = serverAtLeast(ctx.settings, 12)
      ? concurrentlyFix(ctx, targetWord.end, targetWord.text, undefined, offValue)
      : { advice: `PostgreSQL ${ctx.settings.pgVersion} has no REINDEX CONCURRENTLY (it arrived in 12): ${copyAndSwap}, or reindex in a quiet window.`, fixes: [] };
    const how = offValue ? `with CONCURRENTLY${ctx.text.slice(offValue.start, offValue.end)}` : 'without CONCURRENTLY';
    ctx.report({
      range: ctx.statement.range,
      message: `REINDEX ${change.target.toUpperCase()} \`${change.name.raw}\` ${how} blocks writes to the table and reads that use the indexes until the rebuild finishes.${advice ? ` ${advice}` : ''}`,
      fixes,
    });
  },
};
