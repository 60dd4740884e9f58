import type { Rule } from '../rule.js';
import { concurrentlyFix } from './concurrently-fix.js';
import { createdInSameTransaction } from './shared/new-table.js';
import { describeTable, lockNote } from './shared/statement.js';

export const requireConcurrentIndexCreation: Rule = {
  id: 'require-concurrent-index-creation',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `CREATE INDEX` without `CONCURRENTLY` on a table that already exists.',
    why:
      'A plain CREATE INDEX takes a SHARE lock on the table for the whole build: reads continue, but every INSERT, UPDATE ' +
      'and DELETE waits until the index over the whole table is built, which takes minutes on a large table.',
    fix:
      'Use `CREATE INDEX CONCURRENTLY`. It cannot run inside a transaction block, so the quick fix also takes the ' +
      "statement out of the framework's transaction: it adds the framework's no-transaction directive (goose, dbmate, " +
      'sql-migrate, Flyway) or, for golang-migrate and Prisma, which run a multi-statement file as one transaction, moves ' +
      'the statement into a new migration file of its own. A CONCURRENTLY build that fails leaves an INVALID index: drop it and retry.',
    differences:
      'As in squawk, quiet on a table created earlier in the same transaction (it is empty and invisible to other sessions until the commit). ' +
      'Outside a transaction the new table is committed and visible at once and is reported, as squawk does; after the COMMIT too, where squawk keeps skipping it. ' +
      'Transactions come from the framework as well as BEGIN and assumeInTransaction. The quick fix knows the framework.',
    examples: [{ bad: 'CREATE INDEX orders_customer_id_idx ON orders (customer_id);', good: 'CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'create-index' || change.index.concurrently) return;
    const { index } = change;
    if (createdInSameTransaction(ctx, index.table)) return;
    const indexWord = ctx.tokens.find((token) => token.lower === 'index');
    if (!indexWord) return;
    const name = index.name ? `index \`${index.name.raw}\`` : 'an index';
    const reverse = index.name && `DROP INDEX CONCURRENTLY IF EXISTS ${index.name.schema ? `${index.name.schema}.` : ''}${index.name.raw};`;
    const { advice, fixes } = concurrentlyFix(ctx, indexWord.end, indexWord.text, reverse);
    const { label, related } = describeTable(ctx, index.table);
    const lock = lockNote(ctx) || ' It blocks writes to the table until the whole index is built.';
    ctx.report({
      range: ctx.statement.range,
      related,
      message: `Building ${name} on ${label} without CONCURRENTLY.${lock}${advice ? ` ${advice}` : ''}`,
      fixes,
    });
  },
};
