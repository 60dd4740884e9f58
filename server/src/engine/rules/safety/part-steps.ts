// Rules that depend on what came earlier in a migration part (a SET before a slow statement,
// DDL and a backfill in one transaction) walk the part here: every
// statement with its tokens, the schema before it, and whether it runs inside a transaction,
// decided by the framework (MigrationPart.transaction) and by the part's own BEGIN/COMMIT.

import type { Change, Statement } from '../../model/changes.js';
import type { Migration, MigrationPart, MigrationSet } from '../../model/migration-set.js';
import type { Schema } from '../../schema/model.js';
import type { MigrationContext } from '../rule.js';
import { readTokens, type SqlToken } from '../tokens.js';
import { transactionBlocks } from './shared/transactions.js';

export interface PartStep {
  set: MigrationSet;
  migration: Migration;
  part: MigrationPart;
  statement: Statement;
  change?: Change;
  /** Position of the statement in the part. */
  index: number;
  /** The statements of the part before this one, in order. */
  readonly earlierStatements: readonly Statement[];
  /** The number of the transaction block the statement runs in (shared by its statements); undefined outside one. */
  transaction?: number;
  /** That number for every statement of the part, by position (StatementContext.transactionBlocks). */
  transactionBlocks: readonly (number | undefined)[];
  /** True when that block was opened by a BEGIN in the part itself. */
  explicitTransaction: boolean;
  /** Content tokens of the statement, in file offsets. */
  tokens(): readonly SqlToken[];
  schemaBefore(): Schema;
}

/** The parts of a migration with their statements, in order (up, then down). */
export function* partSteps(ctx: MigrationContext): Generator<PartStep[]> {
  const replay = ctx.replay.bind(ctx);
  for (const part of [ctx.migration.up, ctx.migration.down]) {
    const statements = part && ctx.statements(part);
    if (!part || !statements) continue;
    yield stepsOf(ctx, part, statements, () => {
      const migrationReplay = replay();
      return { partReplay: part.direction === 'up' ? migrationReplay.up : migrationReplay.downResult, fallback: migrationReplay.before };
    });
  }
}

function stepsOf(
  ctx: MigrationContext,
  part: MigrationPart,
  statements: readonly Statement[],
  replayOf: () => { partReplay?: { steps: readonly { before: Schema }[] }; fallback: Schema },
): PartStep[] {
  const blocks = transactionBlocks(part, statements);
  return statements.map((statement, index) => {
    let tokens: SqlToken[] | undefined;
    let earlier: readonly Statement[] | undefined;
    const block = blocks[index];
    return {
      set: ctx.set,
      migration: ctx.migration,
      part,
      statement,
      change: statement.change,
      index,
      get earlierStatements() {
        return (earlier ??= statements.slice(0, index));
      },
      transaction: block,
      transactionBlocks: blocks,
      // Block 0 is the framework's own transaction; later ones open with a BEGIN in the file.
      explicitTransaction: block !== undefined && block > 0,
      tokens: () => (tokens ??= statementTokens(statement, ctx.set)),
      schemaBefore: () => {
        const { partReplay, fallback } = replayOf();
        return partReplay?.steps[index]?.before ?? fallback;
      },
    };
  });
}

/** Tokens of one statement with file offsets (the statement's text starts at its range). */
export function statementTokens(statement: Statement, set: MigrationSet): SqlToken[] {
  const offset = statement.range.start;
  return readTokens(statement.text, { start: 0, end: statement.text.length }, set.dialect).map((token) => ({
    ...token,
    start: token.start + offset,
    end: token.end + offset,
  }));
}

/**
 * golang-migrate and Prisma send a file as one query: PostgreSQL wraps a multi-statement query in
 * an implicit transaction, which no directive turns off. Their explicit BEGIN/COMMIT are normal.
 */
export function sendsFileAsOneQuery(set: MigrationSet): boolean {
  return set.framework === 'golang-migrate' || set.framework === 'prisma';
}
