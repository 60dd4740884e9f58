// What it takes for one statement to run outside a transaction, per framework: the directive
// that turns the part's transaction off (goose, dbmate, sql-migrate, Flyway), or — where the
// framework has none and sends the file as one query (golang-migrate, Prisma) — the statement
// alone in a new migration file. Used by the CONCURRENTLY rules for their messages and fixes.

import type { EditDraft } from '../../fixes/edits.js';
import type { StatementContext } from '../rule.js';
import { newMigrationEdits } from './shared/new-migration.js';
import { sendsFileAsOneQuery } from './part-steps.js';
import { transactionAt } from './transaction-state.js';
import { sentenceCase } from '../sentence.js';

export interface TransactionExit {
  /** True when the statement runs inside a transaction block today. */
  inTransaction: boolean;
  /** Why, and what to do about it, in one sentence. */
  advice: string;
  /** Edits that take the statement out of the transaction; undefined when no edit can. */
  edits?: EditDraft[];
  /** Title of those edits, e.g. "add `-- +goose NO TRANSACTION`". */
  title?: string;
  /** True when the edits move the statement (as `statementText`) into a new file. */
  moves?: boolean;
}

/**
 * How to take the statement out of its transaction. `statementText` is the statement as the new
 * file should hold it (the CONCURRENTLY fix passes its rewritten text); `reverse` undoes it there.
 */
export function leaveTransaction(ctx: StatementContext, statementText: string, reverse = '-- Undo the statement of the up migration here if it must be reversible.'): TransactionExit {
  const state = transactionAt(ctx);
  const { transaction } = ctx.part;
  if (!state.inTransaction) return { inTransaction: false, advice: '' };
  if (state.explicit) {
    return { inTransaction: true, advice: 'It sits between BEGIN and COMMIT in this file: move it after the COMMIT.' };
  }
  if (sendsFileAsOneQuery(ctx.set)) {
    const files = newMigrationEdits(ctx.set, [{ name: `${ctx.migration.name}_concurrently`, up: statementText, down: reverse }]);
    const created = files[0].file?.slice(ctx.set.root.length + 1);
    return {
      inTransaction: true,
      advice: `${sentenceCase(transaction.reason)}.`,
      edits: [...files, removeStatement(ctx)],
      title: `move it to its own migration \`${created}\``,
      moves: true,
    };
  }
  const directive = transaction.optOut && directiveEdit(ctx, transaction.optOut);
  if (!transaction.optOut) return { inTransaction: true, advice: `${sentenceCase(transaction.reason)}.` };
  return {
    inTransaction: true,
    advice: `${sentenceCase(transaction.reason)}; \`${transaction.optOut}\` turns that transaction off.`,
    edits: directive ? [directive] : undefined,
    title: directive ? `add \`${transaction.optOut}\`` : undefined,
  };
}

/** The edit that writes the framework's no-transaction directive where the framework reads it. */
function directiveEdit(ctx: StatementContext, optOut: string): EditDraft | undefined {
  switch (ctx.set.framework) {
    case 'goose':
      // goose reads the annotation anywhere in the file; the first line is where people look.
      return { range: { start: 0, end: 0 }, newText: `${optOut}\n` };
    case 'dbmate':
    case 'sql-migrate': {
      // The option goes on the section's marker line: replace that line by the directive.
      const marker = markerLineBefore(ctx.text, ctx.part.range.start);
      return marker && { range: marker, newText: optOut };
    }
    case 'flyway': {
      // Flyway reads `<script>.conf` beside the script; a first line works whether or not it exists.
      const conf = `${ctx.part.file}.conf`;
      return { file: conf, range: { start: 0, end: 0 }, newText: 'executeInTransaction=false\n' };
    }
    default:
      return undefined;
  }
}

/** The range of the comment line that ends where a section body starts. */
function markerLineBefore(text: string, bodyStart: number): { start: number; end: number } | undefined {
  let end = bodyStart;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  const start = text.lastIndexOf('\n', end - 1) + 1;
  return text.slice(start, end).trimStart().startsWith('--') ? { start, end } : undefined;
}

/**
 * Deletes the statement with its `;` and the rest of its line when nothing else is on it, and the
 * blank lines that separated it from the next statement (from the previous one, when it was the
 * last): what is left reads as if it had never been there.
 */
export function removeStatement(ctx: Pick<StatementContext, 'text' | 'statement'>): EditDraft {
  const { text } = ctx;
  let start = ctx.statement.range.start;
  let end = ctx.statement.range.end;
  if (text[end] === ';') end++;
  const lineRest = /^[ \t]*(\r?\n|$)/.exec(text.slice(end));
  if (!lineRest) return { range: { start, end }, newText: '' };
  end += lineRest[0].length;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) start = lineStart;
  const blankAfter = /^([ \t]*\r?\n)+/.exec(text.slice(end))?.[0].length ?? 0;
  if (blankAfter > 0 && end + blankAfter < text.length) end += blankAfter;
  else if (end + blankAfter >= text.length) {
    end += blankAfter;
    start -= /(\r?\n[ \t]*)+$/.exec(text.slice(0, start))?.[0].length ?? 0;
    // The line before keeps its own line end.
    if (start > 0) start += /\r?\n/.exec(text.slice(start))?.[0].length ?? 0;
  }
  return { range: { start, end }, newText: '' };
}
