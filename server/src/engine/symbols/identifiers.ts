// Where a name sits inside a statement. The change model gives ranges for table, view and type
// names; column, constraint and index names inside a clause are found here by reading the
// clause's identifiers and comparing them with the name as the dialect compares names.

import type { Statement } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';
import { SqlLexer, TokenKind } from '../parse/lexer.js';

/** The name an identifier token stands for: unquoted PostgreSQL names fold to lower case. */
export function identifierValue(token: string, quoted: boolean, dialect: Dialect): string {
  if (quoted) {
    const quote = token[0];
    return token.slice(1, token.endsWith(quote) && token.length > 1 ? -1 : undefined).replaceAll(quote + quote, quote);
  }
  return dialect === 'postgres' ? token.toLowerCase() : token;
}

/** Names compare exactly in PostgreSQL (after folding) and without case in MySQL/MariaDB. */
export function sameName(dialect: Dialect, a: string, b: string): boolean {
  return dialect === 'postgres' ? a === b : a.toLowerCase() === b.toLowerCase();
}

export interface IdentifierToken {
  range: SourceRange;
  value: string;
  quoted: boolean;
}

/** Every identifier-like token (words and quoted identifiers) of `within`, a range of the statement's file. */
export function identifiersIn(statement: Statement, within: SourceRange, dialect: Dialect): IdentifierToken[] {
  const base = statement.range.start;
  const start = Math.max(within.start, base) - base;
  const end = Math.min(within.end, statement.range.end) - base;
  const tokens: IdentifierToken[] = [];
  if (end <= start) return tokens;
  const lexer = new SqlLexer(statement.text, start, end, dialect);
  while (lexer.nextContent()) {
    const quoted = lexer.kind === TokenKind.QuotedIdentifier;
    if (!quoted && lexer.kind !== TokenKind.Word) continue;
    const text = lexer.tokenText();
    // Numbers read as words to the lexer; they name nothing.
    if (!quoted && text.charCodeAt(0) >= 48 && text.charCodeAt(0) <= 57) continue;
    tokens.push({ range: { start: base + lexer.tokenStart, end: base + lexer.pos }, value: identifierValue(text, quoted, dialect), quoted });
  }
  return tokens;
}

/**
 * Finds names in order within one clause: each search starts after the last name found, so
 * `FOREIGN KEY (a) REFERENCES t (a)` finds the two `a`s in turn.
 */
export class IdentifierCursor {
  private readonly tokens: IdentifierToken[];
  private next = 0;

  constructor(
    statement: Statement,
    within: SourceRange,
    private readonly dialect: Dialect,
  ) {
    this.tokens = identifiersIn(statement, within, dialect);
  }

  /** The range of the next identifier equal to `name` at or after `from`; undefined when there is none. */
  find(name: string, from = 0): SourceRange | undefined {
    for (let i = this.next; i < this.tokens.length; i++) {
      const token = this.tokens[i];
      if (token.range.start < from || !sameName(this.dialect, token.value, name)) continue;
      this.next = i + 1;
      return token.range;
    }
    return undefined;
  }
}

/** The last identifier of a possibly qualified name's range (`public."Movies"` → `"Movies"`). */
export function lastIdentifier(statement: Statement, range: SourceRange, dialect: Dialect): SourceRange {
  const tokens = identifiersIn(statement, range, dialect);
  return tokens.length === 0 ? range : tokens[tokens.length - 1].range;
}
