// A seed file with 100,000 INSERT statements must not hold up the editor: parsing every one costs
// seconds and a gigabyte. What the history needs from such rows is the table and columns they
// write, and those are the same for every row that repeats an earlier row's `INSERT INTO t (…)
// VALUES` head. So past a budget of fully parsed statements, a row whose head an earlier row
// already had, and whose rest is only value lists, takes that row's parsed change (moved to its
// own place) instead of being parsed again. Schema changes and anything else are always parsed.
// The statement is marked `skimmed`: replay and the rules take its template row, in the same run
// of rows on the same schema, as having said all there is to say about it, and a rule tells the
// user that errors inside those values are left for the database to find.

import type { DataChange, Statement } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';
import { SqlLexer, TokenKind } from './lexer.js';

/** Statements of one part parsed one by one before repeated INSERT rows are skimmed. */
export const FULL_PARSE_BUDGET = 2_000;

/** Parses `spans` (in order) of `text` with the dialect's parser. */
export type ParseSpans = (spans: SourceRange[]) => Statement[];

/** The part's statements, with rows past the budget that repeat an earlier row's head skimmed. */
export function parseLargePart(text: string, spans: SourceRange[], dialect: Dialect, parseSpans: ParseSpans): Statement[] {
  const statements: (Statement | undefined)[] = new Array(spans.length);
  /** The first row of each head, to be parsed and lent to the rows repeating it. */
  const templates = new Map<string, number>();
  const copies: { index: number; template: number }[] = [];
  const toParse: number[] = [];
  spans.forEach((span, index) => {
    const insert = index < FULL_PARSE_BUDGET ? undefined : readInsert(text, span, dialect);
    // Rows lend their parse only within a run of INSERTs: any other statement may change what
    // the next rows' table is, so after it each head is parsed (and judged) again.
    if (!insert) templates.clear();
    const head = insert?.rowsHead;
    const template = head === undefined ? undefined : templates.get(head);
    if (template !== undefined) copies.push({ index, template });
    else {
      if (head !== undefined) templates.set(head, index);
      toParse.push(index);
    }
  });
  for (const run of contiguousRuns(toParse)) {
    const parsed = parseSpans(run.map((index) => spans[index]));
    // A span can hold several statements (a goose StatementBegin block): the run is then kept whole.
    if (parsed.length !== run.length) return parseSpans(spans);
    run.forEach((index, i) => (statements[index] = parsed[i]));
  }
  for (const { index, template } of copies) {
    const model = statements[template]!;
    const span = spans[index];
    statements[index] =
      model.change?.kind === 'data' && !model.syntaxError
        ? { range: span, text: text.slice(span.start, span.end), change: moved(model.change, span.start - model.range.start), skimmed: true }
        : parseSpans([span])[0];
  }
  return statements as Statement[];
}

/**
 * Undefined when the statement is not an INSERT. Else `rowsHead`: the text up to and including
 * `VALUES` of `INSERT … VALUES (…), (…)` when only value lists of literals follow (no ON CONFLICT,
 * RETURNING, ON DUPLICATE KEY, function calls: those rows are parsed).
 */
function readInsert(text: string, span: SourceRange, dialect: Dialect): { rowsHead?: string } | undefined {
  const lexer = new SqlLexer(text, span.start, span.end, dialect);
  if (!lexer.nextContent() || !lexer.isWord('insert')) return undefined;
  return { rowsHead: rowsHead(lexer, text, span) };
}

function rowsHead(lexer: SqlLexer, text: string, span: SourceRange): string | undefined {
  let headEnd = -1;
  let depth = 0;
  let afterWord = false;
  while (lexer.nextContent()) {
    if (headEnd < 0) {
      if (lexer.isPunctuation('(')) depth++;
      else if (lexer.isPunctuation(')')) depth--;
      else if (depth === 0 && lexer.isWord('values')) headEnd = lexer.pos;
      else if (depth === 0 && (lexer.isWord('select') || lexer.isWord('default') || lexer.isWord('set'))) return undefined;
      continue;
    }
    // Only literals: a function call or subquery in a row may read what its head does not say.
    if (lexer.isPunctuation('(')) {
      if (afterWord) return undefined;
      depth++;
    } else if (lexer.isPunctuation(')')) depth--;
    else if (depth === 0 && !lexer.isPunctuation(',')) return undefined;
    else if (lexer.isWord('select')) return undefined;
    afterWord = lexer.kind === TokenKind.Word;
  }
  // The exact text: rows lent one parse must have their names at the same distance from their start.
  return headEnd < 0 || depth !== 0 ? undefined : text.slice(span.start, headEnd);
}

function* contiguousRuns(indexes: readonly number[]): Generator<number[]> {
  let run: number[] = [];
  for (const index of indexes) {
    if (run.length > 0 && index !== run[run.length - 1] + 1) {
      yield run;
      run = [];
    }
    run.push(index);
  }
  if (run.length > 0) yield run;
}

/** A copy of a row's change for a row `delta` characters further: only its table names have ranges. */
function moved(change: DataChange, delta: number): DataChange {
  return { ...change, tables: change.tables.map((table) => ({ ...table, range: { start: table.range.start + delta, end: table.range.end + delta } })) };
}
