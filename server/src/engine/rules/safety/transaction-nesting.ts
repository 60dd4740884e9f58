import type { Rule, StatementContext } from '../rule.js';
import { removeStatement } from './leave-transaction.js';
import { sendsFileAsOneQuery } from './part-steps.js';
import { transactionAt } from './transaction-state.js';

export const transactionNesting: Rule = {
  id: 'transaction-nesting',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports BEGIN inside an open transaction, COMMIT/ROLLBACK that end the transaction the framework opened, and COMMIT/ROLLBACK with no transaction open.',
    why:
      'PostgreSQL has no nested transactions: a second BEGIN only warns, and the first COMMIT ends everything. In a ' +
      'framework that wraps the migration in its own transaction (goose, dbmate, sql-migrate, Flyway, node-pg-migrate), ' +
      'a COMMIT in the file ends that transaction early: the statements after it are no longer atomic with the ' +
      'framework\'s bookkeeping, and a failure leaves a half-applied migration the framework believes did not run. A ' +
      'COMMIT with no transaction open (a second COMMIT, or one without its BEGIN) only warns: the statements it was ' +
      'meant to make atomic already ran one by one.',
    fix:
      "Remove BEGIN/COMMIT and let the framework manage the transaction, or turn the framework's transaction off " +
      '(`-- +goose NO TRANSACTION`, `-- migrate:up transaction:false`, …) when the file must manage its own.',
    differences:
      'Uses the framework instead of squawk\'s --assume-in-transaction flag. golang-migrate and Prisma send the file as one ' +
      'query without a transaction of their own, so an explicit BEGIN … COMMIT there is normal and not reported.',
    examples: [{ bad: '-- +goose Up\nBEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;', good: '-- +goose Up\nALTER TABLE orders ADD COLUMN note text;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'transaction') return;
    const state = transactionAt(ctx);
    const frameworkTransaction = ctx.part.transaction.inTransaction && !sendsFileAsOneQuery(ctx.set);
    const { reason, optOut } = ctx.part.transaction;
    const instead = optOut ? `Remove it, or add \`${optOut}\` and manage the transaction in the file.` : 'Remove it.';
    let message: string | undefined;
    if (change.operation === 'begin' && state.inTransaction && (state.explicit || frameworkTransaction)) {
      message = state.explicit
        ? 'A transaction is already open (an earlier BEGIN in this file): this BEGIN only warns, and the first COMMIT ends both.'
        : `This BEGIN opens nothing: ${reason}. The COMMIT that goes with it ends that transaction early. ${instead}`;
    } else if ((change.operation === 'commit' || change.operation === 'rollback') && state.inTransaction && frameworkTransaction) {
      message = `This ${change.operation.toUpperCase()} ends the transaction the framework opened (${reason}): what follows runs outside it, and a failure leaves the migration half-applied. ${instead}`;
    } else if ((change.operation === 'commit' || change.operation === 'rollback') && !state.inTransaction) {
      message = `No transaction is open here${ended(ctx)}: this ${change.operation.toUpperCase()} does nothing but make PostgreSQL warn "there is no transaction in progress". Remove it, or add the BEGIN it was meant to end.`;
    }
    if (!message) return;
    ctx.report({ range: ctx.statement.range, message, fixes: [{ title: `Remove the ${change.operation.toUpperCase()}`, edits: [removeStatement(ctx)] }] });
  },
};

/** ` (an earlier COMMIT ended the block)` when the part ended a transaction block before this statement. */
function ended(ctx: StatementContext): string {
  const earlier = [...ctx.earlierStatements].reverse().find((statement) => statement.change?.kind === 'transaction');
  const operation = earlier?.change?.kind === 'transaction' ? earlier.change.operation : undefined;
  return operation === 'commit' || operation === 'rollback' ? ` (an earlier ${operation.toUpperCase()} ended the block)` : '';
}
