// A tokenizer just precise enough to know where strings, identifiers and comments start and end
// in every dialect we read. The splitter uses it to find statement boundaries; the normalisers use
// it to find where a construct ends, because the parsers only report where nodes start.

import type { Dialect } from '../model/source.js';

export const enum TokenKind {
  Space,
  LineComment,
  BlockComment,
  /** MySQL `/*! … *\/` and MariaDB `/*M! … *\/`: the server executes their content. */
  ExecutableComment,
  String,
  QuotedIdentifier,
  DollarString,
  Word,
  Punctuation,
}

export function isContent(kind: TokenKind): boolean {
  return kind !== TokenKind.Space && kind !== TokenKind.LineComment && kind !== TokenKind.BlockComment;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || c === 36;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Walks `text` from `start` to `end` one token at a time. After `next()` returns true, `kind`,
 * `tokenStart` and `pos` (the token's end) describe the token just read.
 */
export class SqlLexer {
  kind: TokenKind = TokenKind.Space;
  tokenStart = 0;
  pos: number;
  private readonly mysql: boolean;

  constructor(
    readonly text: string,
    start: number,
    readonly end: number,
    dialect: Dialect,
  ) {
    this.pos = start;
    this.mysql = dialect !== 'postgres';
  }

  next(): boolean {
    const { text, end } = this;
    const i = this.pos;
    if (i >= end) return false;
    this.tokenStart = i;
    const c = text.charCodeAt(i);
    const c1 = i + 1 < end ? text.charCodeAt(i + 1) : -1;
    if (isSpace(c)) {
      let j = i + 1;
      while (j < end && isSpace(text.charCodeAt(j))) j++;
      return this.take(TokenKind.Space, j);
    }
    if (c === 45 /* - */ && c1 === 45 && (!this.mysql || i + 2 >= end || isSpace(text.charCodeAt(i + 2)))) {
      return this.take(TokenKind.LineComment, this.lineEnd(i));
    }
    if (c === 35 /* # */ && this.mysql) return this.take(TokenKind.LineComment, this.lineEnd(i));
    if (c === 47 /* / */ && c1 === 42 /* * */) return this.blockComment(i);
    if (c === 39 /* ' */) return this.take(TokenKind.String, this.quoted(i, 39, this.mysql));
    if (c === 34 /* " */) {
      if (this.mysql) return this.take(TokenKind.String, this.quoted(i, 34, true));
      return this.take(TokenKind.QuotedIdentifier, this.quoted(i, 34, false));
    }
    if (c === 96 /* ` */ && this.mysql) return this.take(TokenKind.QuotedIdentifier, this.quoted(i, 96, false));
    if (c === 36 /* $ */ && !this.mysql) {
      const dollarEnd = this.dollarString(i);
      if (dollarEnd >= 0) return this.take(TokenKind.DollarString, dollarEnd);
    }
    if (isWordStart(c)) {
      // PostgreSQL E'…' strings take backslash escapes.
      if ((c === 69 || c === 101) && c1 === 39 && !this.mysql) {
        return this.take(TokenKind.String, this.quoted(i + 1, 39, true));
      }
      let j = i + 1;
      while (j < end && isWordPart(text.charCodeAt(j))) j++;
      return this.take(TokenKind.Word, j);
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < end && (isWordPart(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      return this.take(TokenKind.Word, j);
    }
    return this.take(TokenKind.Punctuation, i + 1);
  }

  /** Reads the next token that is not whitespace or a comment. */
  nextContent(): boolean {
    while (this.next()) if (isContent(this.kind)) return true;
    return false;
  }

  tokenText(): string {
    return this.text.slice(this.tokenStart, this.pos);
  }

  /** True when the current token is the word `keyword` (lower-case), in any case. */
  isWord(keyword: string): boolean {
    if (this.kind !== TokenKind.Word || this.pos - this.tokenStart !== keyword.length) return false;
    // Compared in place: the splitter and normalisers ask this of most words they read.
    for (let i = 0; i < keyword.length; i++) {
      const c = this.text.charCodeAt(this.tokenStart + i);
      // Non-ASCII letters can lower-case to ASCII ones (the Kelvin sign to `k`): the slow way, as before.
      if (c > 127) return this.tokenText().toLowerCase() === keyword;
      if ((c >= 65 && c <= 90 ? c + 32 : c) !== keyword.charCodeAt(i)) return false;
    }
    return true;
  }

  isPunctuation(char: string): boolean {
    return this.kind === TokenKind.Punctuation && this.text[this.tokenStart] === char;
  }

  private take(kind: TokenKind, tokenEnd: number): boolean {
    this.kind = kind;
    this.pos = Math.min(tokenEnd, this.end);
    return true;
  }

  private lineEnd(i: number): number {
    let j = i;
    while (j < this.end && this.text.charCodeAt(j) !== 10 && this.text.charCodeAt(j) !== 13) j++;
    return j;
  }

  private blockComment(i: number): boolean {
    const { text, end } = this;
    const executable = this.mysql && (text.startsWith('/*!', i) || text.startsWith('/*M!', i));
    // PostgreSQL nests block comments; MySQL ends at the first `*/`.
    let depth = 1;
    let j = i + 2;
    while (j < end && depth > 0) {
      const c = text.charCodeAt(j);
      if (c === 42 && text.charCodeAt(j + 1) === 47) {
        depth--;
        j += 2;
      } else if (c === 47 && text.charCodeAt(j + 1) === 42 && !this.mysql) {
        depth++;
        j += 2;
      } else j++;
    }
    return this.take(executable ? TokenKind.ExecutableComment : TokenKind.BlockComment, j);
  }

  /** End of a quoted token opened at `i`; a doubled quote is an escaped quote. */
  private quoted(i: number, quote: number, backslashEscapes: boolean): number {
    const { text, end } = this;
    let j = i + 1;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c === 92 && backslashEscapes) j += 2;
      else if (c === quote) {
        if (text.charCodeAt(j + 1) === quote && j + 1 < end) j += 2;
        else return j + 1;
      } else j++;
    }
    return end;
  }

  /** End of a `$tag$ … $tag$` string opened at `i`, or -1 when `$` does not open one. */
  private dollarString(i: number): number {
    const { text, end } = this;
    if (i > 0 && isWordPart(text.charCodeAt(i - 1))) return -1;
    let j = i + 1;
    if (j < end && isWordStart(text.charCodeAt(j))) {
      while (j < end && isWordPart(text.charCodeAt(j)) && text.charCodeAt(j) !== 36) j++;
    }
    if (j >= end || text.charCodeAt(j) !== 36) return -1;
    const tag = text.slice(i, j + 1);
    const close = text.indexOf(tag, j + 1);
    return close < 0 || close + tag.length > end ? end : close + tag.length;
  }
}

/** The first and last content token of `start..end`: a range without surrounding blanks or comments. */
export function contentRange(
  text: string,
  start: number,
  end: number,
  dialect: Dialect,
): { start: number; end: number } | undefined {
  const lexer = new SqlLexer(text, start, end, dialect);
  let first = -1;
  let last = -1;
  while (lexer.nextContent()) {
    if (first < 0) first = lexer.tokenStart;
    last = lexer.pos;
  }
  return first < 0 ? undefined : { start: first, end: last };
}
