import { findIndex } from '../../schema/index.js';
import type { Rule } from '../rule.js';
import { concurrentlyFix } from './concurrently-fix.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { lockNote } from './shared/statement.js';

export const requireConcurrentIndexDeletion: Rule = {
  id: 'require-concurrent-index-deletion',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `DROP INDEX` without `CONCURRENTLY`.',
    why:
      'A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the index\'s table. The drop itself is quick, but the lock waits ' +
      'behind every running query on the table, and every later query queues behind it: reads and writes stop.',
    fix:
      'Use `DROP INDEX CONCURRENTLY` (one index per statement, outside a transaction block). The quick fix adds the ' +
      "keyword and, where the framework wraps the file in a transaction, its no-transaction directive or a new migration file.",
    differences:
      'Quiet on an index of a table created earlier in the same transaction: nobody else can see that table before the commit; squawk reports it. Outside a transaction the new table is visible at once and is reported, as squawk does.',
    examples: [{ bad: 'DROP INDEX orders_customer_id_idx;', good: 'DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'drop' || change.objectKind !== 'index' || change.concurrently) return;
    const tables = change.names.flatMap((name) => findIndex(ctx.schemaBefore(), name)?.table ?? []);
    if (tables.length === change.names.length && tables.every((table) => createdInSameTransaction(ctx, { name: table.name, schema: table.schema }))) return;
    const indexWord = ctx.tokens.find((token) => token.lower === 'index');
    if (!indexWord) return;
    const names = change.names.map((name) => `\`${name.raw}\``).join(', ');
    // CONCURRENTLY drops one index per statement.
    const { advice, fixes } = change.names.length === 1 ? concurrentlyFix(ctx, indexWord.end, indexWord.text) : { advice: 'Drop them one per statement, each CONCURRENTLY.', fixes: [] };
    const lock = lockNote(ctx) || ' It takes ACCESS EXCLUSIVE on the table: reads and writes queue behind it.';
    ctx.report({ range: ctx.statement.range, message: `Dropping ${names} without CONCURRENTLY.${lock}${advice ? ` ${advice}` : ''}`, fixes });
  },
};
