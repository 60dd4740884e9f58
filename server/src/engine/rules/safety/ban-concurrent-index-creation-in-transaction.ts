import type { Change } from '../../model/changes.js';
import type { MigrationPart } from '../../model/migration-set.js';
import type { Rule } from '../rule.js';
import { transactionBlocks } from './shared/transactions.js';

/** Statements PostgreSQL refuses inside a transaction block. */
function concurrentIndexOperation(change: Change | undefined): string | undefined {
  if (change?.kind === 'create-index' && change.index.concurrently) return 'CREATE INDEX CONCURRENTLY';
  if (change?.kind === 'drop' && change.objectKind === 'index' && change.concurrently) return 'DROP INDEX CONCURRENTLY';
  if (change?.kind === 'reindex' && change.concurrently) return 'REINDEX CONCURRENTLY';
  return undefined;
}

/** Why the statement is in a transaction and how to get it out. */
function advice(part: MigrationPart, explicit: boolean): string {
  if (explicit) return 'Move it out of the BEGIN … COMMIT block.';
  const { reason, optOut } = part.transaction;
  return optOut ? `${reason}: add \`${optOut}\` to this migration, or move the statement to a migration of its own that has it.` : `${reason}: put the statement alone in a migration file of its own.`;
}

export const banConcurrentIndexCreationInTransaction: Rule = {
  id: 'ban-concurrent-index-creation-in-transaction',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'error',
  docs: {
    summary: 'Reports `CREATE INDEX CONCURRENTLY` (and DROP / REINDEX … CONCURRENTLY) that will run inside a transaction.',
    why: 'PostgreSQL refuses these statements in a transaction block ("cannot run inside a transaction block"): the migration fails, and with golang-migrate the database is left marked dirty.',
    fix: "Run the statement outside a transaction: use the framework's no-transaction switch (`-- +goose NO TRANSACTION`, `-- migrate:up transaction:false`, `-- +migrate Up notransaction`), or put it alone in its own migration file where the framework only wraps multi-statement files (golang-migrate, Prisma).",
    differences:
      "We know each framework's transaction behaviour, so a migration is checked as the framework will run it, not only for explicit BEGIN or --assume-in-transaction: goose, Flyway, dbmate and sql-migrate really wrap the file, and PostgreSQL refuses the statement there even when it is the file's only one. " +
      'Where the transaction is only assumed (plain .sql files with `assumeInTransaction`), a file whose only statement is the concurrent one is let through, as squawk does: the runner is unknown, and runners that wrap files commonly run a lone statement on its own (golang-migrate sends it as a single query, which PostgreSQL does not wrap) — which is why squawk advises keeping CREATE INDEX CONCURRENTLY alone in its file. ' +
      'DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY fail the same way and are reported as well; squawk checks CREATE INDEX only.',
    examples: [{ bad: 'BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;', good: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);' }],
  },
  checkMigration(ctx) {
    for (const part of [ctx.migration.up, ctx.migration.down]) {
      const statements = part && ctx.statements(part);
      if (!part || !statements) continue;
      const blocks = transactionBlocks(part, statements);
      // A plain file's transaction is only assumed (assumeInTransaction): its runner may well run
      // a file holding nothing but this statement outside any transaction, as squawk assumes.
      const onlyAssumed = ctx.set.framework === 'plain' && statements.length === 1;
      // Block 0 is the framework's own transaction; later blocks come from BEGIN in the file.
      statements.forEach((statement, i) => {
        const operation = concurrentIndexOperation(statement.change);
        const block = blocks[i];
        if (!operation || block === undefined || (block === 0 && onlyAssumed)) return;
        ctx.report({
          file: part.file,
          range: statement.range,
          message: `${operation} cannot run inside a transaction, and this one will. ${advice(part, block > 0)}`,
        });
      });
    }
  },
};
