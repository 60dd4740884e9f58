// The tokens dialect rules look at. Foreign constructs usually make a statement fail to parse in
// the set's dialect, so those rules read tokens rather than the change model. The set's own lexer
// (parse/lexer.ts) decides where strings and comments are; on top of it this reader recognises
// the other dialect's quoting, which the set's lexer does not know: backtick identifiers in a
// PostgreSQL set, `$tag$ … $tag$` bodies in a MySQL set, and `::` in both.

import type { Dialect, SourceRange } from '../model/source.js';
import { SqlLexer, TokenKind } from '../parse/lexer.js';

export type SqlTokenKind = 'word' | 'string' | 'double-quoted' | 'backtick' | 'dollar-quoted' | 'punctuation';

export interface SqlToken {
  kind: SqlTokenKind;
  /** As written. */
  text: string;
  /** Lower-case text, for keyword comparisons. */
  lower: string;
  start: number;
  end: number;
}

const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;

/**
 * Content tokens (no blanks or comments) of `range` in `text`. A dollar-quoted body may run past
 * `range.end` up to `limit` (the end of the migration part): in a MySQL set the splitter cuts a
 * PostgreSQL function at the `;` inside its body.
 */
export function readTokens(text: string, range: SourceRange, dialect: Dialect, limit = range.end): SqlToken[] {
  const tokens: SqlToken[] = [];
  const lexer = new SqlLexer(text, range.start, limit, dialect);
  const push = (kind: SqlTokenKind, start: number, end: number) => {
    const tokenText = text.slice(start, end);
    tokens.push({ kind, text: tokenText, lower: tokenText.toLowerCase(), start, end });
  };
  while (lexer.pos < range.end && lexer.nextContent()) {
    if (lexer.tokenStart >= range.end) break;
    const start = lexer.tokenStart;
    const first = text[start];
    switch (lexer.kind) {
      case TokenKind.Word:
        push('word', start, lexer.pos);
        break;
      case TokenKind.String:
        push(first === '"' ? 'double-quoted' : 'string', start, lexer.pos);
        break;
      case TokenKind.QuotedIdentifier:
        push(first === '`' ? 'backtick' : 'double-quoted', start, lexer.pos);
        break;
      case TokenKind.DollarString:
        push('dollar-quoted', start, lexer.pos);
        break;
      case TokenKind.Punctuation:
        lexer.pos = readPunctuation(text, start, lexer.pos, limit, push);
        break;
      default:
        // MySQL executable comments (`/*! … */`) hold SQL the server runs; their content is not
        // checked here.
        break;
    }
  }
  return tokens;
}

/** Pairs the other dialect's quotes the set's lexer reads as single characters; returns where to go on. */
function readPunctuation(
  text: string,
  start: number,
  end: number,
  limit: number,
  push: (kind: SqlTokenKind, start: number, end: number) => void,
): number {
  const char = text[start];
  if (char === '`') {
    const close = text.indexOf('`', start + 1);
    const stop = close < 0 || close >= limit ? limit : close + 1;
    push('backtick', start, stop);
    return stop;
  }
  if (char === '$') {
    DOLLAR_TAG.lastIndex = start;
    const tag = DOLLAR_TAG.exec(text)?.[0];
    if (tag && (start === 0 || !/[\w$]/.test(text[start - 1]))) {
      const close = text.indexOf(tag, start + tag.length);
      const stop = close < 0 || close + tag.length > limit ? limit : close + tag.length;
      push('dollar-quoted', start, stop);
      return stop;
    }
  }
  if (char === ':' && text[start + 1] === ':') {
    push('punctuation', start, start + 2);
    return start + 2;
  }
  push('punctuation', start, end);
  return end;
}

/** The name a double-quoted token stands for (PostgreSQL identifiers): without its quotes, `""` read as `"`. */
export function unquoteDoubleQuoted(text: string): string {
  return text.slice(1, -1).replace(/""/g, '"');
}

/** Index of the token closing the bracket opened at `open`, or the last index when unclosed. */
export function closingBracket(tokens: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].text === '(') depth++;
    else if (tokens[i].text === ')' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/**
 * Tokens of each statement of a part, in order. A token that runs past its statement (a
 * dollar-quoted body the splitter cut in a MySQL set) also covers the statements it swallowed, so
 * their text is not read a second time as if it were SQL. An undefined statement is not read.
 */
export function tokensOfStatements(text: string, statements: readonly (SourceRange | undefined)[], dialect: Dialect, partEnd: number): SqlToken[][] {
  let consumedUntil = 0;
  return statements.map((statement) => {
    if (!statement) return [];
    const start = Math.max(statement.start, consumedUntil);
    if (start >= statement.end) return [];
    const tokens = readTokens(text, { start, end: statement.end }, dialect, partEnd);
    consumedUntil = Math.max(consumedUntil, tokens.at(-1)?.end ?? 0);
    return tokens;
  });
}
