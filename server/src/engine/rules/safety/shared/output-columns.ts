// The column names a PostgreSQL statement gives: a foreign table's column list, and the output
// columns of a query (CREATE VIEW, CREATE TABLE … AS, SELECT … INTO), named as PostgreSQL names
// them (FigureColname) where the text shows it plainly.

import type { SourceRange } from '../../../model/source.js';
import { clipBytes, PG_MAX_IDENTIFIER } from '../../../schema/names.js';
import type { StatementContext } from '../../rule.js';
import { closingBracket, unquoteDoubleQuoted, type SqlToken } from '../../tokens.js';
import { serverAtLeast } from './pg-version.js';

/** A column name a statement gives or assigns, folded and truncated as PostgreSQL does. */
export interface ColumnMention {
  name: string;
  range: SourceRange;
  /** Named by PostgreSQL for an expression without an alias (`?column?`, `count`, `case`). */
  inferred?: boolean;
}

/** `CREATE FOREIGN TABLE [IF NOT EXISTS] name (a int, b text, CHECK (…))`: the column names. */
export function foreignTableColumns(tokens: readonly SqlToken[]): ColumnMention[] {
  const table = tokens.findIndex((token) => token.lower === 'table');
  if (table < 0) return [];
  const open = afterName(tokens, table + 1);
  if (tokens[open]?.text !== '(') return [];
  return listElements(tokens, open).flatMap((element) => {
    const first = element[0];
    if (!first || (first.kind === 'word' && TABLE_CONSTRAINT_WORDS.has(first.lower))) return [];
    const name = identifierName(first);
    return name === undefined ? [] : [{ name, range: first }];
  });
}

const TABLE_CONSTRAINT_WORDS = new Set(['constraint', 'check', 'unique', 'primary', 'foreign', 'exclude', 'like']);

/**
 * The columns of CREATE [MATERIALIZED] VIEW, CREATE TABLE … AS and SELECT … INTO, in order: the
 * column list's names, then the names of the query's remaining output columns. An entry is
 * undefined where the name is not known from the text.
 */
export function queryColumns(tokens: readonly SqlToken[], naming: Naming): (ColumnMention | undefined)[] {
  if (tokens[0]?.lower !== 'create') {
    // SELECT … INTO: the output columns end at INTO.
    const query = selectTargets(tokens, 0, naming);
    return query?.end?.lower === 'into' ? query.columns : [];
  }
  const object = tokens.findIndex((token) => token.lower === 'view' || token.lower === 'table');
  if (object < 0) return [];
  let i = afterName(tokens, object + 1);
  const listed: ColumnMention[] = [];
  if (tokens[i]?.text === '(') {
    for (const element of listElements(tokens, i)) {
      const name = element.length === 1 ? identifierName(element[0]) : undefined;
      if (name === undefined) return [];
      listed.push({ name, range: element[0] });
    }
    i = closingBracket(tokens, i) + 1;
  }
  // The query follows the first AS outside brackets (WITH (options) may come before it).
  for (let depth = 0; i < tokens.length; i++) {
    const text = tokens[i].text;
    if (text === '(') depth++;
    else if (text === ')') depth--;
    else if (depth === 0 && tokens[i].lower === 'as') break;
  }
  const query = selectTargets(tokens, i + 1, naming)?.columns ?? [];
  return [...listed, ...query.slice(listed.length)];
}

/** Index after `[IF NOT EXISTS] [schema.]name` starting at `i`. */
function afterName(tokens: readonly SqlToken[], i: number): number {
  if (tokens[i]?.lower === 'if' && tokens[i + 1]?.lower === 'not' && tokens[i + 2]?.lower === 'exists') i += 3;
  i++;
  while (tokens[i]?.text === '.' && tokens[i + 1]) i += 2;
  return i;
}

/** The comma-separated elements inside the bracket opened at `open`. */
function listElements(tokens: readonly SqlToken[], open: number): SqlToken[][] {
  const close = closingBracket(tokens, open);
  const elements: SqlToken[][] = [[]];
  for (let i = open + 1, depth = 0; i < close; i++) {
    const text = tokens[i].text;
    if (text === '(') depth++;
    else if (text === ')') depth--;
    if (depth === 0 && text === ',') elements.push([]);
    else elements[elements.length - 1].push(tokens[i]);
  }
  return elements.filter((element) => element.length > 0);
}

/** How the configured server names some expressions. */
export interface Naming {
  /** `SELECT true`: `?column?` from PostgreSQL 15 (a constant), `bool` before (a cast). */
  booleanConstant: string;
}

export function naming(ctx: StatementContext): Naming {
  return { booleanConstant: serverAtLeast(ctx.settings, 15) ? '?column?' : 'bool' };
}

/** Words that end a SELECT's output list. */
const TARGET_LIST_END = new Set([
  'from', 'into', 'where', 'group', 'having', 'window', 'order', 'limit', 'offset', 'fetch', 'for', 'union', 'intersect', 'except', 'with', 'returning',
]);

/**
 * The output columns of the query starting at `start` (`SELECT …`, `(SELECT …)`, `WITH … SELECT …`):
 * the first SELECT's output list, and the token that ended it. Undefined for other queries (VALUES, TABLE t).
 */
function selectTargets(tokens: readonly SqlToken[], start: number, naming: Naming): { columns: (ColumnMention | undefined)[]; end?: SqlToken } | undefined {
  let i = start;
  while (tokens[i]?.text === '(') i++;
  if (tokens[i]?.lower === 'with') {
    for (let depth = 0; i < tokens.length; i++) {
      const text = tokens[i].text;
      if (text === '(') depth++;
      else if (text === ')') depth--;
      else if (depth === 0 && tokens[i].lower === 'select') break;
    }
  }
  if (tokens[i]?.lower !== 'select') return undefined;
  i++;
  if (tokens[i]?.lower === 'all') i++;
  else if (tokens[i]?.lower === 'distinct') {
    i++;
    if (tokens[i]?.lower === 'on' && tokens[i + 1]?.text === '(') i = closingBracket(tokens, i + 1) + 1;
  }
  const items: SqlToken[][] = [];
  let item: SqlToken[] = [];
  let depth = 0;
  for (; i < tokens.length; i++) {
    const token = tokens[i];
    if (depth === 0) {
      if (token.text === ')' || token.text === ';') break;
      if (token.text === ',') {
        items.push(item);
        item = [];
        continue;
      }
      const previous = item.at(-1)?.lower;
      // `1 AS from` is an alias; `a IS DISTINCT FROM b` and `x::timestamp WITH TIME ZONE` go on.
      const goesOn = previous === 'as' || (token.lower === 'from' && previous === 'distinct') || (token.lower === 'with' && tokens[i + 1]?.lower === 'time');
      if (token.kind === 'word' && TARGET_LIST_END.has(token.lower) && !goesOn) break;
    }
    depth += opens(token) ? 1 : closes(token) ? -1 : 0;
    item.push(token);
  }
  if (item.length > 0) items.push(item);
  return { columns: items.map((target) => targetColumn(target, naming)), end: tokens[i] };
}

const opens = (token: SqlToken) => token.text === '(' || token.text === '[' || (token.kind === 'word' && token.lower === 'case');
const closes = (token: SqlToken) => token.text === ')' || token.text === ']' || (token.kind === 'word' && token.lower === 'end');

/** Words that end an expression or belong to one, so never read as a bare alias after it. */
const NOT_AN_ALIAS = new Set([
  'all', 'and', 'any', 'array', 'as', 'asc', 'at', 'between', 'case', 'collate', 'day', 'desc', 'distinct', 'else', 'end', 'escape', 'false', 'first',
  'from', 'hour', 'ilike', 'in', 'interval', 'is', 'isnull', 'last', 'like', 'minute', 'month', 'not', 'notnull', 'null', 'nulls', 'operator', 'or', 'over',
  'overlaps', 'precision', 'row', 'second', 'similar', 'some', 'symmetric', 'then', 'time', 'to', 'true', 'unknown', 'varying', 'when', 'with', 'without',
  'year', 'zone',
]);

/** Keyword operators: an expression with one outside brackets is named `?column?`. */
const KEYWORD_OPERATORS = new Set(['and', 'or', 'not', 'is', 'isnull', 'notnull', 'like', 'ilike', 'similar', 'between', 'in']);

/** Calls whose column is not named after the word written (`trim` → `btrim`, `cast(x AS int)` → `int4`). */
const RENAMED_CALLS = new Set(['cast', 'trim', 'treat', 'extract']);

/** The name of one output column, after PostgreSQL's FigureColname, when the text shows it plainly. */
function targetColumn(item: readonly SqlToken[], naming: Naming): ColumnMention | undefined {
  const last = item.at(-1);
  if (!last) return undefined;
  const whole = { start: item[0].start, end: last.end };
  const alias = identifierName(last);
  if (item.length >= 3 && item.at(-2)?.lower === 'as') return alias === undefined ? undefined : { name: alias, range: last };
  if (item.length >= 2 && alias !== undefined && !(last.kind === 'word' && NOT_AN_ALIAS.has(last.lower))) {
    const before = item.at(-2) as SqlToken;
    if (isLiteral(before) || before.text === ')' || before.text === ']' || chainEnd(item, 0) === item.length - 1) return { name: alias, range: last };
  }
  if (last.text === '*') return undefined;
  // A column reference: `a`, `t.a`.
  if (chainEnd(item, 0) === item.length) {
    if (item.length === 1 && last.kind === 'word' && NOT_AN_ALIAS.has(last.lower)) {
      if (last.lower === 'true' || last.lower === 'false') return { name: naming.booleanConstant, range: whole, inferred: true };
      if (last.lower === 'null') return { name: '?column?', range: whole, inferred: true };
      return undefined;
    }
    return alias === undefined ? undefined : { name: alias, range: last };
  }
  // A literal, signed or not.
  const unsigned = item[0].text === '-' || item[0].text === '+' ? item.slice(1) : item;
  if (unsigned.length === 1 && isLiteral(unsigned[0])) return { name: '?column?', range: whole, inferred: true };
  // An operator outside brackets makes the whole an operator expression.
  let depth = 0;
  let operator = false;
  for (const token of item) {
    if (depth === 0 && token.kind === 'punctuation' && !['(', ')', '[', ']', '.', '::'].includes(token.text)) operator = true;
    if (depth === 0 && token.kind === 'word' && KEYWORD_OPERATORS.has(token.lower)) operator = true;
    depth += opens(token) ? 1 : closes(token) ? -1 : 0;
  }
  if (operator) return { name: '?column?', range: whole, inferred: true };
  // CASE … END.
  if (item[0].kind === 'word' && item[0].lower === 'case' && matchingEnd(item) === item.length - 1) return { name: 'case', range: whole, inferred: true };
  // A call: `count(*)`, `schema.f(x)`.
  const callee = chainEnd(item, 0);
  if (callee > 0 && item[callee]?.text === '(' && closingBracket(item, callee) === item.length - 1) {
    const name = identifierName(item[callee - 1]);
    if (name === undefined || RENAMED_CALLS.has(name)) return undefined;
    return { name, range: whole, inferred: true };
  }
  return undefined;
}

/** Index of the CASE … END closing the CASE at 0. */
function matchingEnd(item: readonly SqlToken[]): number {
  let depth = 0;
  for (let i = 0; i < item.length; i++) {
    depth += opens(item[i]) ? 1 : closes(item[i]) ? -1 : 0;
    if (depth === 0) return i;
  }
  return -1;
}

/** Index after the dotted name (`a`, `s.t.a`) starting at `i`; `i` when there is none. */
function chainEnd(item: readonly SqlToken[], i: number): number {
  if (!item[i] || identifierName(item[i]) === undefined) return i;
  let end = i + 1;
  while (item[end]?.text === '.' && item[end + 1] && identifierName(item[end + 1]) !== undefined) end += 2;
  return end;
}

const isLiteral = (token: SqlToken): boolean => token.kind === 'string' || token.kind === 'dollar-quoted' || (token.kind === 'word' && /^[0-9.]/.test(token.text));

/** PostgreSQL's folded, 63-byte name of an identifier token; undefined for other tokens. */
export function identifierName(token: SqlToken | undefined): string | undefined {
  if (!token) return undefined;
  if (token.kind === 'double-quoted') return clipBytes(unquoteDoubleQuoted(token.text), PG_MAX_IDENTIFIER);
  if (token.kind !== 'word' || !/^[\p{L}_]/u.test(token.text)) return undefined;
  return clipBytes(token.text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()), PG_MAX_IDENTIFIER);
}
