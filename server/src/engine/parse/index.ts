// Statements of a migration part: split once, then parsed by the dialect's parser.

import type { Statement } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';
import { parseMysqlStatement } from './mysql/index.js';
import { loadPostgresParser, parsePostgresStatements } from './postgres/index.js';
import { splitStatements } from './split.js';

export { splitStatements } from './split.js';

/** Loads the parsers' WebAssembly; call once before `parseStatements`. */
export async function initParsers(): Promise<void> {
  await loadPostgresParser();
}

/** The statements of `range` in `text` (a whole file's text), with file offsets. */
export function parseStatements(text: string, range: SourceRange, dialect: Dialect): Statement[] {
  const spans = splitStatements(text, range, dialect);
  if (dialect === 'postgres') return parsePostgresStatements(text, range, spans);
  return spans.map((span) => ({ range: span, text: text.slice(span.start, span.end), ...parseMysqlStatement(text, span, dialect) }));
}
