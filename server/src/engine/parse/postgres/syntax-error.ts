// Turns a libpg-query error into a syntax finding over the offending token.
//
// libpg-query's `sqlDetails.cursorPosition` is 0-based and counts Unicode code points (PostgreSQL's
// cursor position minus one): after '😀' it is one less than the UTF-16 offset, after 'é' it equals
// it. Errors "at end of input" point one past the text; we point at the last token instead.

import type { SyntaxErrorInfo } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import { SqlLexer } from '../lexer.js';

interface PgErrorDetails {
  message?: string;
  cursorPosition?: number;
}

export function pgSyntaxError(error: unknown, file: string, statement: SourceRange): SyntaxErrorInfo {
  const details = (error as { sqlDetails?: PgErrorDetails }).sqlDetails;
  const message = details?.message ?? (error instanceof Error ? error.message : String(error));
  const cursor = codePointsToUtf16(file, statement.start, details?.cursorPosition ?? 0);
  const range = cursor < statement.end ? tokenAt(file, cursor, statement.end) : lastToken(file, statement);
  return { message, range };
}

function codePointsToUtf16(text: string, start: number, codePoints: number): number {
  let i = start;
  for (let n = 0; n < codePoints && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return i;
}

function tokenAt(file: string, offset: number, end: number): SourceRange {
  const lexer = new SqlLexer(file, offset, end, 'postgres');
  return lexer.nextContent() ? { start: lexer.tokenStart, end: lexer.pos } : { start: offset, end: offset };
}

function lastToken(file: string, statement: SourceRange): SourceRange {
  const lexer = new SqlLexer(file, statement.start, statement.end, 'postgres');
  let last: SourceRange = { start: statement.end, end: statement.end };
  while (lexer.nextContent()) last = { start: lexer.tokenStart, end: lexer.pos };
  return last;
}
