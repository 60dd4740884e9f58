// PostgreSQL statements through libpg-query (the real PostgreSQL parser, as WebAssembly).
//
// One parser call per migration part is several times faster than one per statement, so the
// whole part is parsed first and the parser's statements are matched to the splitter's ranges.
// Only when that call fails (some statement is bad) is each statement parsed on its own, so the
// good ones still yield changes and the bad one a syntax error at its own position.

import type { Node, RawStmt } from 'libpg-query';
import type { Statement } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import { contentRange } from '../lexer.js';
import { toChange } from './normalise.js';
import { PgSource } from './source.js';
import { pgSyntaxError } from './syntax-error.js';

let loaded: Promise<void> | undefined;
let parseSync: typeof import('libpg-query').parseSync = () => {
  throw new Error('the PostgreSQL parser is not loaded: call initEngine() first');
};

/**
 * Loads libpg-query when first needed: requiring it reads its 1.7 MB of WebAssembly, which a
 * command answered from its cache never uses.
 */
export function loadPostgresParser(): Promise<void> {
  loaded ??= import('libpg-query').then(async (libpgQuery) => {
    await libpgQuery.loadModule();
    parseSync = libpgQuery.parseSync;
  });
  return loaded;
}

/** Parses the statements at `spans` (from the splitter, in order, inside `region`) of `file`. */
export function parsePostgresStatements(file: string, region: SourceRange, spans: SourceRange[]): Statement[] {
  if (spans.length === 0) return [];
  const text = file.slice(region.start, region.end);
  let raw: RawStmt[];
  try {
    raw = parseSync(text).stmts ?? [];
  } catch {
    return spans.flatMap((span) => parseOneSpan(file, span));
  }
  return matchToSpans(file, new PgSource(file, region.start, text), raw, spans) ?? spans.flatMap((span) => parseOneSpan(file, span));
}

function parseOneSpan(file: string, span: SourceRange): Statement[] {
  const text = file.slice(span.start, span.end);
  let raw: RawStmt[];
  try {
    raw = parseSync(text).stmts ?? [];
  } catch (error) {
    return [{ range: span, text, syntaxError: pgSyntaxError(error, file, span) }];
  }
  return (
    matchToSpans(file, new PgSource(file, span.start, text), raw, [span]) ?? [
      { range: span, text, change: { kind: 'other', statementType: 'empty' } },
    ]
  );
}

/**
 * Pairs the parser's statements with the splitter's ranges. A range can hold several statements
 * (a goose StatementBegin/End block); each becomes its own Statement. Returns undefined when the
 * two disagree about a boundary, so the caller parses range by range instead.
 */
function matchToSpans(file: string, source: PgSource, raw: RawStmt[], spans: SourceRange[]): Statement[] | undefined {
  const statements: Statement[] = [];
  let next = 0;
  for (const span of spans) {
    const inSpan: { range: SourceRange; stmt: Node }[] = [];
    while (next < raw.length) {
      const range = source.statementRange(raw[next].stmt_location, raw[next].stmt_len);
      if (range.end <= span.start) {
        next++;
        continue;
      }
      if (range.start >= span.end) break;
      if (range.start < span.start) return undefined;
      // Past the span's end there may only be comments the splitter left out (`SELECT 1 -- x\n;`).
      if (range.end > span.end && contentRange(file, span.end, range.end, 'postgres')) return undefined;
      range.end = Math.min(range.end, span.end);
      const stmt = raw[next++].stmt;
      if (stmt) inSpan.push({ range, stmt });
    }
    if (inSpan.length === 0) return undefined;
    for (const { range, stmt } of inSpan) {
      const own = inSpan.length === 1 ? span : range;
      statements.push({ range: own, text: file.slice(own.start, own.end), change: toChange(stmt, { source, range: own }) });
    }
  }
  return statements;
}
