// The grammar check: node-sql-parser decides whether a statement is valid MySQL / MariaDB.
//
// It parses a copy of the statement in which the readers' waivers (context.ts) hide or replace
// valid syntax the grammar lacks; every replacement keeps the length, so error offsets are offsets
// into the statement. node-sql-parser works on the JavaScript string, so its offsets are UTF-16
// offsets like ours.

import { Parser as MariadbParser } from 'node-sql-parser/build/mariadb';
import { Parser as MysqlParser } from 'node-sql-parser/build/mysql';
import type { SyntaxErrorInfo } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import type { StatementContext } from './context.js';
import { describeGrammarError, type GrammarError } from './syntax-message.js';
import type { Token, TokenizedStatement } from './tokens.js';

export interface GrammarResult {
  error?: SyntaxErrorInfo;
  /** node-sql-parser's `operation::database::table` list: the tables the statement touches. */
  tableList: string[];
}

let parsers: { mysql: MysqlParser; mariadb: MariadbParser } | undefined;

export function checkGrammar(ctx: StatementContext, statement: TokenizedStatement): GrammarResult {
  parsers ??= { mysql: new MysqlParser(), mariadb: new MariadbParser() };
  const sql = grammarText(ctx, statement);
  const own = tryParse(ctx.dialect === 'mariadb' ? parsers.mariadb : parsers.mysql, sql, ctx.dialect === 'mariadb' ? 'MariaDB' : 'MySQL');
  if (!own.error) return { tableList: own.tableList };
  // node-sql-parser's MariaDB grammar is a thinner fork of its MySQL grammar: it rejects ENUM
  // columns, ADD CONSTRAINT, ADD PRIMARY KEY, DROP CONSTRAINT and CREATE TABLE … AS SELECT,
  // all valid in MariaDB. MariaDB accepts MySQL's DDL, so the MySQL grammar gets a second say.
  if (ctx.dialect === 'mariadb') {
    const mysql = tryParse(parsers.mysql, sql, 'MySQL');
    if (!mysql.error) return { tableList: mysql.tableList };
  }
  return { error: describeGrammarError(own.error, ctx, statement.tokens), tableList: [] };
}

function tryParse(parser: MysqlParser | MariadbParser, sql: string, database: string): { tableList: string[]; error?: GrammarError } {
  try {
    return { tableList: parser.parse(sql, { database }).tableList };
  } catch (error) {
    return { tableList: [], error: error as GrammarError };
  }
}

/** The statement as the grammar sees it: waivers applied, executable-comment markers blanked. */
function grammarText(ctx: StatementContext, statement: TokenizedStatement): string {
  const base = ctx.range.start;
  const units = ctx.slice(ctx.range).split('');
  const put = (range: SourceRange, replacement: string): void => {
    for (let i = 0; i < replacement.length; i++) units[range.start - base + i] = replacement[i];
  };
  for (const marker of statement.executableMarkers) put(marker, ' '.repeat(marker.end - marker.start));
  for (const token of statement.tokens) hideNonAsciiLetters(token, put);
  for (const waiver of ctx.waivers) put(waiver.range, waiver.replacement);
  return units.join('');
}

/**
 * MySQL allows any character from U+0080 up in identifiers; the grammar only Latin-1 letters and
 * CJK. Each UTF-16 unit becomes `_` (same length), so names like `заказы` or `名前😀` parse.
 */
function hideNonAsciiLetters(token: Token, put: (range: SourceRange, replacement: string) => void): void {
  if (token.type !== 'word' && token.type !== 'quoted') return;
  if (!/[^\x00-\x7f]/.test(token.text)) return;
  put(token, token.text.replace(/[^\x00-\x7f]/g, '_'));
}
