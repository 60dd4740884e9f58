// Splits a migration part into statements, the way the tools that run migrations do: on `;`
// outside strings, identifiers and comments; on the current `DELIMITER` (MySQL client command);
// never inside a goose / sql-migrate `StatementBegin … StatementEnd` block or a PostgreSQL
// `BEGIN ATOMIC … END` function body. A MySQL part its framework sends to the server whole
// (golang-migrate, dbmate: `sentWhole`) is split as the server splits it: a routine's or
// trigger's BEGIN … END body is part of its statement, and a DELIMITER line, which only the mysql
// client understands, is a statement of its own (the parser reports it).

import type { Dialect, SourceRange } from '../model/source.js';
import { SqlLexer, TokenKind } from './lexer.js';

const BLOCK_DIRECTIVE = /^--\s*\+(?:goose|migrate)\s+Statement(Begin|End)\b/i;

export interface SplitOptions {
  /** The framework sends the part to the server whole (MySQL multi-statement queries). */
  sentWhole?: boolean;
}

/** Ranges of the statements in `range` of `text`, without surrounding blanks, comments and the delimiter. */
export function splitStatements(text: string, range: SourceRange, dialect: Dialect, { sentWhole = false }: SplitOptions = {}): SourceRange[] {
  const statements: SourceRange[] = [];
  const lexer = new SqlLexer(text, range.start, range.end, dialect);
  const mysql = dialect !== 'postgres';
  let delimiter = ';';
  let start = -1;
  let contentEnd = -1;
  let inDirectiveBlock = false;
  /** Inside a block, `;` is content; the block's statement still excludes a trailing one. */
  let endBeforeDelimiter = -1;
  let endsWithDelimiter = false;
  let atomicDepth = 0;
  /** Sent whole: the statement starts with CREATE, and then whether it defines a routine, trigger or event, whose BEGIN … END body the server reads whole. */
  let creates = false;
  let routine = false;
  let compoundDepth = 0;

  const flush = (end: number): void => {
    if (start >= 0) statements.push({ start, end });
    start = -1;
    contentEnd = -1;
    endsWithDelimiter = false;
    atomicDepth = 0;
    creates = false;
    routine = false;
    compoundDepth = 0;
  };

  while (lexer.pos < range.end) {
    const at = lexer.pos;
    if (text.startsWith(delimiter, at)) {
      const delimiterEnd = Math.min(at + delimiter.length, range.end);
      if ((inDirectiveBlock || atomicDepth > 0 || compoundDepth > 0) && start >= 0) {
        if (!endsWithDelimiter) endBeforeDelimiter = contentEnd;
        contentEnd = delimiterEnd;
        endsWithDelimiter = true;
      } else flush(contentEnd);
      lexer.pos = delimiterEnd;
      continue;
    }
    lexer.next();
    const kind = lexer.kind;
    if (kind === TokenKind.Space || kind === TokenKind.BlockComment) continue;
    if (kind === TokenKind.LineComment) {
      const directive = BLOCK_DIRECTIVE.exec(lexer.tokenText());
      if (!directive) continue;
      if (directive[1].toLowerCase() === 'begin') {
        flush(contentEnd);
        inDirectiveBlock = true;
      } else if (inDirectiveBlock) {
        inDirectiveBlock = false;
        flush(endsWithDelimiter ? endBeforeDelimiter : contentEnd);
      }
      continue;
    }
    if (delimiter !== ';' && (kind === TokenKind.Word || kind === TokenKind.Punctuation)) {
      // The mysql client finds its delimiter anywhere outside quotes and comments: `END$$`.
      const inside = text.indexOf(delimiter, lexer.tokenStart + 1);
      if (inside >= 0 && inside < lexer.pos) lexer.pos = inside;
    }
    if (start < 0) {
      if (mysql && !inDirectiveBlock && lexer.isWord('delimiter')) {
        const commandStart = lexer.tokenStart;
        delimiter = readDelimiterCommand(lexer) ?? delimiter;
        if (sentWhole) statements.push({ start: commandStart, end: lexer.pos });
        continue;
      }
      start = lexer.tokenStart;
      creates = sentWhole && lexer.isWord('create');
    }
    contentEnd = lexer.pos;
    endsWithDelimiter = false;
    if (!mysql && kind === TokenKind.Word) atomicDepth = trackAtomicBody(lexer, atomicDepth);
    else if (sentWhole && kind === TokenKind.Word) {
      if (!routine) routine = creates && ROUTINE_WORDS.has(lexer.tokenText().toLowerCase());
      else {
        compoundDepth = trackCompoundBody(lexer, compoundDepth);
        contentEnd = lexer.pos;
      }
    }
  }
  flush(contentEnd);
  return statements;
}

const ROUTINE_WORDS = new Set(['procedure', 'function', 'trigger', 'event']);

/**
 * MySQL compound statements in a routine body: BEGIN and CASE open a block, END closes one;
 * `END IF`, `END LOOP`, `END WHILE`, `END REPEAT` close blocks that IF, LOOP, WHILE and REPEAT
 * open without being counted (IF is also a function).
 */
function trackCompoundBody(lexer: SqlLexer, depth: number): number {
  if (lexer.isWord('begin') || lexer.isWord('case')) return depth + 1;
  if (!lexer.isWord('end') || depth === 0) return depth;
  // `END IF` and the like are read as one: their second word opens nothing.
  const peek = new SqlLexer(lexer.text, lexer.pos, lexer.end, 'mysql');
  if (!peek.nextContent()) return depth - 1;
  if (peek.isWord('case')) {
    lexer.pos = peek.pos;
    return depth - 1;
  }
  if (peek.isWord('if') || peek.isWord('loop') || peek.isWord('while') || peek.isWord('repeat')) {
    lexer.pos = peek.pos;
    return depth;
  }
  return depth - 1;
}

/** Reads the rest of a `DELIMITER xyz` line; returns the new delimiter. */
function readDelimiterCommand(lexer: SqlLexer): string | undefined {
  const { text } = lexer;
  let i = lexer.pos;
  while (i < lexer.end && (text[i] === ' ' || text[i] === '\t')) i++;
  let j = i;
  while (j < lexer.end && !/\s/.test(text[j])) j++;
  while (lexer.pos < lexer.end && text[lexer.pos] !== '\n' && text[lexer.pos] !== '\r') lexer.pos++;
  return j > i ? text.slice(i, j) : undefined;
}

/**
 * SQL-standard function bodies (`BEGIN ATOMIC … END`, PostgreSQL 14+) hold `;` that do not end
 * the statement; psql counts BEGIN/CASE against END the same way.
 */
function trackAtomicBody(lexer: SqlLexer, depth: number): number {
  const length = lexer.pos - lexer.tokenStart;
  if (length !== 3 && length !== 4 && length !== 5) return depth;
  if (depth > 0) {
    if (lexer.isWord('case') || lexer.isWord('begin')) return depth + 1;
    if (lexer.isWord('end')) return depth - 1;
    return depth;
  }
  if (!lexer.isWord('begin')) return depth;
  const peek = new SqlLexer(lexer.text, lexer.pos, lexer.end, 'postgres');
  return peek.nextContent() && peek.isWord('atomic') ? 1 : 0;
}
