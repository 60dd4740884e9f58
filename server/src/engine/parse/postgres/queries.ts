// The relations a query reads: what a view depends on, what a data change touches.

import type { RangeVar } from 'libpg-query';
import type { Name } from '../../model/changes.js';
import { rangeVarName } from './names.js';
import type { PgContext } from './text.js';

/** Tables and views a query reads, once each, in source order; CTE names excluded. */
export function relationsRead(ctx: PgContext, query: unknown): Name[] {
  const relations: RangeVar[] = [];
  const cteNames = new Set<string>();
  collect(query, relations, cteNames);
  const seen = new Set<string>();
  const names: Name[] = [];
  for (const relation of relations) {
    if (!relation.schemaname && relation.relname && cteNames.has(relation.relname)) continue;
    const key = `${relation.schemaname ?? ''}.${relation.relname ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(rangeVarName(ctx, relation));
  }
  return names.sort((a, b) => a.range.start - b.range.start);
}

function collect(value: unknown, relations: RangeVar[], cteNames: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, relations, cteNames);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as { RangeVar?: RangeVar; CommonTableExpr?: { ctename?: string } };
  if (node.RangeVar) {
    relations.push(node.RangeVar);
    return;
  }
  if (node.CommonTableExpr?.ctename) cteNames.add(node.CommonTableExpr.ctename);
  for (const child of Object.values(value)) collect(child, relations, cteNames);
}
