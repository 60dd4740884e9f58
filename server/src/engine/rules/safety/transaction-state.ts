// Whether a statement runs inside a transaction block: the framework decides for the part
// (MigrationPart.transaction), and the part's own BEGIN/COMMIT change it from there on. Statement
// rules read the part's text up to the statement for those, rather than parsing it again.

import type { StatementContext } from '../rule.js';
import { readTokens } from '../tokens.js';

export interface TransactionState {
  inTransaction: boolean;
  /** True when a BEGIN earlier in the part opened the block. */
  explicit: boolean;
}

type Context = Pick<StatementContext, 'text' | 'part' | 'statement' | 'set'>;

export function transactionAt(ctx: Context): TransactionState {
  const state: TransactionState = { inTransaction: ctx.part.transaction.inTransaction, explicit: false };
  const tokens = readTokens(ctx.text, { start: ctx.part.range.start, end: ctx.statement.range.start }, ctx.set.dialect);
  let statementStart = true;
  tokens.forEach((token, i) => {
    const starts = statementStart;
    statementStart = token.text === ';';
    if (!starts || token.kind !== 'word') return;
    const next = tokens[i + 1]?.lower;
    if (token.lower === 'begin' || (token.lower === 'start' && next === 'transaction')) {
      state.inTransaction = true;
      state.explicit = true;
    } else if (token.lower === 'commit' || token.lower === 'end' || (token.lower === 'rollback' && next !== 'to')) {
      // After the block ends, whatever wrapped the part before, statements run one by one.
      state.inTransaction = false;
      state.explicit = false;
    }
  });
  return state;
}
