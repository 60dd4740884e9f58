// Finding where constructs end. libpg-query gives most nodes a start location and none an end,
// so ends are found by reading the tokens that follow, with parentheses balanced.

import type { SourceRange } from '../../model/source.js';
import { contentRange, SqlLexer, TokenKind } from '../lexer.js';
import type { PgSource } from './source.js';

/** What every normaliser needs: where the statement sits and how to map parser locations. */
export interface PgContext {
  source: PgSource;
  range: SourceRange;
}

export function lexerAt(ctx: PgContext, start: number, end = ctx.range.end): SqlLexer {
  return new SqlLexer(ctx.source.file, start, end, 'postgres');
}

export function slice(ctx: PgContext, range: SourceRange): string {
  return ctx.source.file.slice(range.start, range.end);
}

/** Content range of `start..end` in the file, or an empty range at `start`. */
export function trimmed(ctx: PgContext, start: number, end: number): SourceRange {
  return contentRange(ctx.source.file, start, end, 'postgres') ?? { start, end: start };
}

/** With the lexer on `(` or `[`, reads to the matching close; returns the offset after it. */
export function skipBalanced(lexer: SqlLexer): number {
  let depth = 0;
  do {
    if (lexer.kind !== TokenKind.Punctuation) continue;
    const c = lexer.text[lexer.tokenStart];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    if (depth === 0) break;
  } while (lexer.nextContent());
  return lexer.pos;
}

/**
 * End of a list element starting at `start`: the last token before a top-level `,` or an
 * unbalanced `)`, or before one of `stopWords` (lower-case) after the first token.
 */
export function elementEnd(ctx: PgContext, start: number, stopWords?: ReadonlySet<string>): number {
  const lexer = lexerAt(ctx, start);
  let end = start;
  let first = true;
  while (lexer.nextContent()) {
    if (lexer.kind === TokenKind.Punctuation) {
      const c = lexer.text[lexer.tokenStart];
      if (c === ',' || c === ')' || c === ']') break;
      if (c === '(' || c === '[') {
        end = skipBalanced(lexer);
        first = false;
        continue;
      }
    } else if (!first && stopWords && lexer.kind === TokenKind.Word && stopWords.has(lexer.tokenText().toLowerCase())) break;
    end = lexer.pos;
    first = false;
  }
  return end;
}

/** Offset right after the first top-level word `keyword` at or after `start`, or -1. */
export function afterKeyword(ctx: PgContext, start: number, keyword: string): number {
  const lexer = lexerAt(ctx, start);
  while (lexer.nextContent()) {
    if (lexer.isWord(keyword)) return lexer.pos;
    if (lexer.isPunctuation('(') || lexer.isPunctuation('[')) skipBalanced(lexer);
  }
  return -1;
}

/** Inside of the first parenthesised group at or after `start` (without the parentheses). */
export function parenthesisedAfter(ctx: PgContext, start: number): SourceRange | undefined {
  const lexer = lexerAt(ctx, start);
  while (lexer.nextContent()) {
    if (!lexer.isPunctuation('(')) continue;
    const open = lexer.pos;
    const close = skipBalanced(lexer) - 1;
    return trimmed(ctx, open, close);
  }
  return undefined;
}

/** Top-level comma-separated parts of `start..end`, each trimmed to its content. */
export function commaSeparated(ctx: PgContext, start: number, end: number): SourceRange[] {
  const parts: SourceRange[] = [];
  const lexer = lexerAt(ctx, start, end);
  let partStart = start;
  while (lexer.nextContent()) {
    if (lexer.isPunctuation('(') || lexer.isPunctuation('[')) skipBalanced(lexer);
    else if (lexer.isPunctuation(',')) {
      parts.push(trimmed(ctx, partStart, lexer.tokenStart));
      partStart = lexer.pos;
    }
  }
  parts.push(trimmed(ctx, partStart, end));
  return parts;
}
