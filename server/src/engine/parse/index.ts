// Statements of a migration part: split once, then parsed by the dialect's parser.

import type { Statement } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';
import { resolveDynamicSql } from './mysql/dynamic-sql.js';
import { parseMysqlStatement } from './mysql/index.js';
import { loadPostgresParser, parsePostgresStatements } from './postgres/index.js';
import { FULL_PARSE_BUDGET, parseLargePart } from './large-part.js';
import { recoverCreateTable, type ParseOne } from './recover.js';
import { splitStatements } from './split.js';

export { splitStatements } from './split.js';

/** Loads the parsers' WebAssembly; call once before `parseStatements`. */
export async function initParsers(): Promise<void> {
  await loadPostgresParser();
}

/** The statements of `range` in `text` (a whole file's text), with file offsets. */
export function parseStatements(text: string, range: SourceRange, dialect: Dialect): Statement[] {
  const spans = splitStatements(text, range, dialect);
  const parseSpans = (some: SourceRange[]): Statement[] =>
    dialect === 'postgres'
      ? parsePostgresStatements(text, some.length === 0 ? range : { start: some[0].start, end: some[some.length - 1].end }, some)
      : some.map((span) => ({ range: span, text: text.slice(span.start, span.end), ...parseMysqlStatement(text, span, dialect) }));
  const parsed = spans.length > FULL_PARSE_BUDGET ? parseLargePart(text, spans, dialect, parseSpans) : parseSpans(spans);
  const statements = parsed.map((statement) => (statement.syntaxError ? recoverCreateTable(statement, text, dialect, parserOf(dialect)) : statement));
  return dialect === 'postgres' ? statements : resolveDynamicSql(statements, (sql) => parseMysqlStatement(sql, { start: 0, end: sql.length }, dialect));
}

function parserOf(dialect: Dialect): ParseOne {
  if (dialect === 'postgres') return (file, span) => parsePostgresStatements(file, span, [span])[0] ?? {};
  return (file, span) => parseMysqlStatement(file, span, dialect);
}
