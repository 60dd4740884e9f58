// The statement as a flat list of content tokens with file offsets. The MySQL normaliser reads
// the change model from these tokens rather than from node-sql-parser's AST, because that AST
// carries locations only on column references and a few expressions: table names, types,
// constraints and definitions have none, and every object in the change model needs a range.

import type { SourceRange } from '../../model/source.js';
import { SqlLexer, TokenKind } from '../lexer.js';

export type TokenType = 'word' | 'quoted' | 'string' | 'punct';

export interface Token {
  type: TokenType;
  /** Text as written, quotes included. */
  text: string;
  /** Upper-case text for words, the unquoted value for identifiers and strings, the character for punctuation. */
  value: string;
  start: number;
  end: number;
}

export interface TokenizedStatement {
  tokens: Token[];
  /**
   * The `/*!50100` opener and `*\/` closer of every MySQL executable comment: MySQL runs their
   * content, so we read it as statement text and the grammar check blanks the markers.
   */
  executableMarkers: SourceRange[];
}

const EXECUTABLE_OPENER = /^\/\*M?!\d*/;

/** Tokens of `text` between `start` and `end`, with file offsets. */
export function tokenize(text: string, start: number, end: number): TokenizedStatement {
  const result: TokenizedStatement = { tokens: [], executableMarkers: [] };
  collect(text, start, end, result);
  return result;
}

function collect(text: string, start: number, end: number, into: TokenizedStatement): void {
  const lexer = new SqlLexer(text, start, end, 'mysql');
  while (lexer.nextContent()) {
    const tokenText = lexer.tokenText();
    if (lexer.kind === TokenKind.ExecutableComment) {
      const opener = EXECUTABLE_OPENER.exec(tokenText)?.[0].length ?? 3;
      const closed = tokenText.endsWith('*/') && tokenText.length >= opener + 2;
      const innerEnd = closed ? lexer.pos - 2 : lexer.pos;
      into.executableMarkers.push({ start: lexer.tokenStart, end: lexer.tokenStart + opener });
      if (closed) into.executableMarkers.push({ start: innerEnd, end: lexer.pos });
      collect(text, lexer.tokenStart + opener, innerEnd, into);
      continue;
    }
    into.tokens.push({
      type: tokenType(lexer.kind),
      text: tokenText,
      value: tokenValue(lexer.kind, tokenText),
      start: lexer.tokenStart,
      end: lexer.pos,
    });
  }
}

function tokenType(kind: TokenKind): TokenType {
  switch (kind) {
    case TokenKind.Word:
      return 'word';
    case TokenKind.QuotedIdentifier:
      return 'quoted';
    case TokenKind.String:
      return 'string';
    default:
      return 'punct';
  }
}

function tokenValue(kind: TokenKind, text: string): string {
  switch (kind) {
    case TokenKind.Word:
      return text.toUpperCase();
    case TokenKind.QuotedIdentifier:
      return text.slice(1, -1).replace(/``/g, '`');
    case TokenKind.String:
      return unquoteString(text);
    default:
      return text;
  }
}

const BACKSLASH_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', Z: '\x1a' };

function unquoteString(text: string): string {
  const quote = text[0];
  const body = text.endsWith(quote) && text.length > 1 ? text.slice(1, -1) : text.slice(1);
  return body
    .replace(/\\(.)/gs, (_, c: string) => BACKSLASH_ESCAPES[c] ?? c)
    .split(quote + quote)
    .join(quote);
}
