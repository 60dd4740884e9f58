// Statements of a migration part: split once, then parsed by the dialect's parser.

import type { Statement } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';
import { resolveDynamicSql } from './mysql/dynamic-sql.js';
import { parseMysqlStatement } from './mysql/index.js';
import { loadPostgresParser, parsePostgresStatements } from './postgres/index.js';
import { FULL_PARSE_BUDGET, parseLargePart } from './large-part.js';
import { recoverCreateTable, type ParseOne } from './recover.js';
import { splitStatements, type SplitOptions } from './split.js';

export { splitStatements, type SplitOptions } from './split.js';

/** Loads the parsers' WebAssembly; call once before `parseStatements`. */
export async function initParsers(): Promise<void> {
  await loadPostgresParser();
}

/** The statements of `range` in `text` (a whole file's text), with file offsets. */
export function parseStatements(text: string, range: SourceRange, dialect: Dialect, options: SplitOptions = {}): Statement[] {
  const spans = splitStatements(text, range, dialect, options);
  const parseSpans = (some: SourceRange[]): Statement[] =>
    dialect === 'postgres'
      ? parsePostgresStatements(text, some.length === 0 ? range : { start: some[0].start, end: some[some.length - 1].end }, some)
      : some.map((span) => ({ range: span, text: text.slice(span.start, span.end), ...parseMysqlStatement(text, span, dialect) }));
  const parsed = spans.length > FULL_PARSE_BUDGET ? parseLargePart(text, spans, dialect, parseSpans) : parseSpans(spans);
  const statements = parsed.map((statement) => (statement.syntaxError ? recoverCreateTable(statement, text, dialect, parserOf(dialect)) : statement));
  if (dialect === 'postgres') return statements;
  const resolved = resolveDynamicSql(statements, (sql) => parseMysqlStatement(sql, { start: 0, end: sql.length }, dialect));
  return options.sentWhole ? resolved.map(delimiterRejected) : resolved;
}

/** A DELIMITER line in a part sent to the server whole: the server, not the mysql client, reads it. */
function delimiterRejected(statement: Statement): Statement {
  if (!/^delimiter\b/i.test(statement.text)) return statement;
  const message =
    'DELIMITER is a command of the mysql client, not SQL: this framework sends the file to the server as it is, and the server rejects it. ' +
    'Remove the DELIMITER lines and end the routine with `;` — the server reads its BEGIN … END body whole.';
  return { range: statement.range, text: statement.text, syntaxError: { message, range: statement.range } };
}

function parserOf(dialect: Dialect): ParseOne {
  if (dialect === 'postgres') return (file, span) => parsePostgresStatements(file, span, [span])[0] ?? {};
  return (file, span) => parseMysqlStatement(file, span, dialect);
}
