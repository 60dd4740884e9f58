// Formatting a migration file, one statement at a time, with sql-formatter in the set's dialect.
// What lies between statements (framework directives such as `-- +goose StatementBegin`,
// comments, blank lines) is never touched, and a statement is only rewritten when the result has
// exactly the same tokens and comments as before: formatting changes whitespace and nothing
// else, so a migration that ran before formatting runs the same after it. A statement that did
// not parse, a skimmed seed row, or one sql-formatter cannot read is left as it is.

import { format, type SqlLanguage } from 'sql-formatter';
import type { Analysis } from '../analyze.js';
import type { Statement } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';
import { SqlLexer, TokenKind } from '../parse/lexer.js';
import { partsIn } from '../symbols/navigate.js';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
  /** Only statements that overlap this range of the file; the whole file when absent. */
  range?: SourceRange;
}

export interface FormatEdit {
  range: SourceRange;
  text: string;
}

const LANGUAGES: Record<Dialect, SqlLanguage> = { postgres: 'postgresql', mysql: 'mysql', mariadb: 'mariadb' };

/**
 * The edits that format the statements of `path`, whose current text is `text`. Statements the
 * analysis placed where `text` now has something else (an edit it has not seen yet) are skipped.
 */
export function formatStatements(analysis: Analysis, path: string, text: string, options: FormatOptions): FormatEdit[] {
  const edits: FormatEdit[] = [];
  for (const { set, part } of partsIn(analysis, path)) {
    const dialect = analysis.sets[set].dialect;
    for (const { statement } of part.steps) {
      const { range } = statement;
      if (options.range && (range.end < options.range.start || range.start > options.range.end)) continue;
      if (text.slice(range.start, range.end) !== statement.text) continue;
      const formatted = formatStatement(statement, dialect, options);
      if (formatted !== undefined && formatted !== statement.text) edits.push({ range, text: formatted });
    }
  }
  return edits;
}

function formatStatement(statement: Statement, dialect: Dialect, options: FormatOptions): string | undefined {
  if (statement.syntaxError || statement.skimmed) return undefined;
  let formatted: string;
  try {
    formatted = format(statement.text, { language: LANGUAGES[dialect], tabWidth: options.tabSize, useTabs: !options.insertSpaces, keywordCase: 'preserve' });
  } catch {
    // sql-formatter does not know every construct of every version; such a statement stays as written.
    return undefined;
  }
  return sameTokens(statement.text, formatted, dialect) ? formatted : undefined;
}

/** Operator characters: `->>`, `::`, `<=` and `- >` differ, so their spacing counts. */
const OPERATOR_CHARS = new Set('<>=!~+-*/%^&|#@:?$');
/** What starts a parameter or variable: `:name`, `$1`, `@user_variable`. */
const PARAMETER_PREFIXES = new Set(':$@');

interface Token {
  kind: TokenKind;
  text: string;
}

/**
 * Whether removing or adding space between two tokens can change what the statement means:
 * operators (`- >` is not `->`), a prefixed literal (`E'…'`, `N'…'`, `_utf8mb4'…'`), a
 * parameter (`:name`, `$1`) and, in MySQL, a function's name and its parenthesis (with a space
 * between, MySQL reads a built-in function's name as an identifier).
 */
function spacingMatters(previous: Token, token: Token, dialect: Dialect): boolean {
  if (previous.kind === TokenKind.Punctuation && OPERATOR_CHARS.has(previous.text)) {
    return (token.kind === TokenKind.Punctuation && OPERATOR_CHARS.has(token.text)) || (token.kind === TokenKind.Word && PARAMETER_PREFIXES.has(previous.text));
  }
  if (previous.kind !== TokenKind.Word) return false;
  if (token.kind === TokenKind.String || token.kind === TokenKind.QuotedIdentifier) return true;
  return dialect !== 'postgres' && token.kind === TokenKind.Punctuation && token.text === '(';
}

/** The tokens of a statement with its whitespace left out, except where spacing matters; comments count, as written. */
function tokens(text: string, dialect: Dialect): string[] {
  const lexer = new SqlLexer(text, 0, text.length, dialect);
  const found: string[] = [];
  let previous: Token | undefined;
  let glued = false;
  while (lexer.next()) {
    if (lexer.kind === TokenKind.Space) {
      glued = false;
      continue;
    }
    const token = { kind: lexer.kind, text: lexer.tokenText().trimEnd() };
    found.push(previous && spacingMatters(previous, token, dialect) ? `${glued ? '' : ' '}${token.text}` : token.text);
    previous = token;
    glued = true;
  }
  return found;
}

function sameTokens(before: string, after: string, dialect: Dialect): boolean {
  const a = tokens(before, dialect);
  const b = tokens(after, dialect);
  return a.length === b.length && a.every((token, i) => token === b[i]);
}
