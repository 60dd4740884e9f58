// The CONCURRENTLY quick fix shared by the index, reindex and partition-detach rules: insert the
// keyword, and when the framework would run the statement inside a transaction (where PostgreSQL
// refuses CONCURRENTLY) also take it out: the framework's no-transaction directive, or the
// statement alone in a new migration file.

import type { FixDraft } from '../../fixes/edits.js';
import type { SourceRange } from '../../model/source.js';
import type { StatementContext } from '../rule.js';
import { inCaseOf } from './keyword-case.js';
import { leaveTransaction } from './leave-transaction.js';

export interface ConcurrentlyAdvice {
  /** A sentence for the message when the statement cannot simply gain the keyword; '' otherwise. */
  advice: string;
  fixes: FixDraft[];
}

/**
 * `insertAt` is the file offset where ` CONCURRENTLY` goes; `written` is a keyword of the
 * statement whose case the inserted keyword follows; `reverse` undoes the statement in a new
 * migration's down file. `turnOn`, when given, is the range of an option's off value
 * (` false` in `(CONCURRENTLY false)`): the fix deletes it instead of inserting the keyword.
 */
export function concurrentlyFix(ctx: StatementContext, insertAt: number, written: string, reverse?: string, turnOn?: SourceRange): ConcurrentlyAdvice {
  const keyword = inCaseOf(written, 'CONCURRENTLY');
  const insert = turnOn ? { range: turnOn, newText: '' } : { range: { start: insertAt, end: insertAt }, newText: ` ${keyword}` };
  const { range, text } = ctx.statement;
  const rewritten = `${text.slice(0, insert.range.start - range.start)}${insert.newText}${text.slice(insert.range.end - range.start)};`;
  const exit = leaveTransaction(ctx, rewritten, reverse);
  const title = turnOn ? `Turn ${keyword.toUpperCase()} on` : `Add ${keyword.toUpperCase()}`;
  if (!exit.inTransaction) return { advice: '', fixes: [{ title, edits: [insert], preferred: true }] };
  const advice = `CONCURRENTLY cannot run inside a transaction block: ${exit.advice}`;
  if (!exit.edits) return { advice, fixes: [] };
  // A moved statement is written, keyword included, into the new file; a directive keeps it in place.
  return { advice, fixes: [{ title: `${title} and ${exit.title}`, edits: exit.moves ? exit.edits : [insert, ...exit.edits] }] };
}
