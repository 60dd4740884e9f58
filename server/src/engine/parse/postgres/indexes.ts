// CREATE INDEX and REINDEX.

import type { IndexStmt, ReindexStmt } from 'libpg-query';
import type { CreateIndexChange, IndexDef, IndexElement, ReindexChange } from '../../model/changes.js';
import { expression } from './expressions.js';
import { findName, nameOf, rangeVarName } from './names.js';
import { booleanOption } from './options.js';
import { afterKeyword, commaSeparated, lexerAt, parenthesisedAfter, skipBalanced, slice, trimmed, type PgContext } from './text.js';

export function createIndex(ctx: PgContext, stmt: IndexStmt): CreateIndexChange {
  const table = rangeVarName(ctx, stmt.relation);
  const elementsRange = parenthesisedAfter(ctx, table.range.end);
  const elementRanges = elementsRange ? commaSeparated(ctx, elementsRange.start, elementsRange.end) : [];
  const params = (stmt.indexParams ?? []).flatMap((node) => ('IndexElem' in node ? [node.IndexElem] : []));
  const elements = params.map((param, i): IndexElement => {
    const range = elementRanges.length === params.length ? elementRanges[i] : (elementsRange ?? { ...ctx.range });
    const element: IndexElement = { range };
    if (param.name !== undefined) element.column = param.name;
    else element.expression = expressionText(ctx, range);
    if (param.ordering === 'SORTBY_DESC') element.descending = true;
    return element;
  });
  const index: IndexDef = {
    table,
    unique: stmt.unique === true,
    concurrently: stmt.concurrent === true,
    ifNotExists: stmt.if_not_exists === true,
    method: stmt.accessMethod ?? 'btree',
    elements,
    range: { ...ctx.range },
  };
  if (stmt.idxname !== undefined) index.name = findName(ctx, [stmt.idxname]);
  const include = (stmt.indexIncludingParams ?? []).flatMap((node) => ('IndexElem' in node && node.IndexElem.name ? [node.IndexElem.name] : []));
  if (include.length > 0) index.include = include;
  if (stmt.whereClause) {
    const whereStart = afterKeyword(ctx, elementsRange?.end ?? table.range.end, 'where');
    if (whereStart >= 0) index.where = expression(ctx, stmt.whereClause, trimmed(ctx, whereStart, ctx.range.end));
  }
  return { kind: 'create-index', index };
}

/** An expression element's text without its own parentheses, ordering and operator class. */
function expressionText(ctx: PgContext, range: { start: number; end: number }): string {
  const lexer = lexerAt(ctx, range.start, range.end);
  if (lexer.nextContent() && lexer.isPunctuation('(')) {
    const open = lexer.pos;
    const close = skipBalanced(lexer) - 1;
    return slice(ctx, trimmed(ctx, open, close));
  }
  return slice(ctx, range);
}

const REINDEX_TARGETS: Record<string, ReindexChange['target']> = {
  REINDEX_OBJECT_INDEX: 'index',
  REINDEX_OBJECT_TABLE: 'table',
  REINDEX_OBJECT_SCHEMA: 'schema',
  REINDEX_OBJECT_DATABASE: 'database',
  REINDEX_OBJECT_SYSTEM: 'system',
};

export function reindex(ctx: PgContext, stmt: ReindexStmt): ReindexChange {
  // `REINDEX INDEX CONCURRENTLY i` comes as a CONCURRENTLY option too, after those in parentheses.
  const concurrently = booleanOption(stmt.params, 'concurrently');
  return {
    kind: 'reindex',
    target: REINDEX_TARGETS[stmt.kind ?? ''] ?? 'index',
    name: stmt.relation ? rangeVarName(ctx, stmt.relation) : nameOf(ctx, [stmt.name ?? '']),
    concurrently,
  };
}
