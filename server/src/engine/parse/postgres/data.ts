// INSERT, UPDATE, DELETE, MERGE, COPY, TRUNCATE and SELECT.

import type { CopyStmt, DeleteStmt, InsertStmt, MergeStmt, Node, RangeVar, SelectStmt, TruncateStmt, UpdateStmt } from 'libpg-query';
import type { DataChange, Name } from '../../model/changes.js';
import { rangeVarName } from './names.js';
import { relationsRead } from './queries.js';
import type { PgContext } from './text.js';

function targetNames(targets: Node[] | undefined): string[] {
  return (targets ?? []).flatMap((node) => ('ResTarget' in node && node.ResTarget.name ? [node.ResTarget.name] : []));
}

/**
 * Columns PostgreSQL rejects as assigned more than once, each of `lists` (a SET list or an INSERT
 * column list) on its own: a column named twice where at least one names the whole column.
 * Assignments to distinct fields or elements of one column (`a.x = 1, a.y = 2`, `a[1] = 1, a[2] = 2`)
 * are merged by PostgreSQL, and so are repeated ones (`a[1] = 1, a[1] = 2`: the last wins).
 */
function duplicateAssignments(...lists: (Node[] | undefined)[]): string[] {
  const duplicates = new Set<string>();
  for (const list of lists) {
    const assigned = new Map<string, { count: number; whole: boolean }>();
    for (const node of list ?? []) {
      if (!('ResTarget' in node) || !node.ResTarget.name) continue;
      const entry = assigned.get(node.ResTarget.name) ?? { count: 0, whole: false };
      entry.count++;
      entry.whole ||= !node.ResTarget.indirection?.length;
      assigned.set(node.ResTarget.name, entry);
    }
    for (const [name, { count, whole }] of assigned) if (count > 1 && whole) duplicates.add(name);
  }
  return [...duplicates];
}

/** The target table first, then every other relation the statement reads. */
function tablesOf(ctx: PgContext, target: RangeVar | undefined, ...reads: unknown[]): Name[] {
  const tables = target ? [rangeVarName(ctx, target)] : [];
  for (const name of relationsRead(ctx, reads)) {
    if (!tables.some((t) => t.name === name.name && t.schema === name.schema)) tables.push(name);
  }
  return tables;
}

export function insert(ctx: PgContext, stmt: InsertStmt): DataChange {
  const duplicates = duplicateAssignments(stmt.cols, stmt.onConflictClause?.targetList);
  return {
    kind: 'data',
    operation: 'insert',
    tables: tablesOf(ctx, stmt.relation, stmt.selectStmt, stmt.withClause),
    columns: targetNames(stmt.cols),
    hasWhere: false,
    ...(stmt.onConflictClause && { onConflict: true }),
    ...(duplicates.length > 0 && { duplicateAssignments: duplicates }),
  };
}

export function update(ctx: PgContext, stmt: UpdateStmt): DataChange {
  const columns = targetNames(stmt.targetList);
  const duplicates = duplicateAssignments(stmt.targetList);
  return {
    kind: 'data',
    operation: 'update',
    tables: tablesOf(ctx, stmt.relation, stmt.fromClause, stmt.whereClause, stmt.withClause),
    columns,
    hasWhere: stmt.whereClause !== undefined,
    ...(duplicates.length > 0 && { duplicateAssignments: duplicates }),
  };
}

export function deleteRows(ctx: PgContext, stmt: DeleteStmt): DataChange {
  return {
    kind: 'data',
    operation: 'delete',
    tables: tablesOf(ctx, stmt.relation, stmt.usingClause, stmt.whereClause, stmt.withClause),
    columns: [],
    hasWhere: stmt.whereClause !== undefined,
  };
}

export function merge(ctx: PgContext, stmt: MergeStmt): DataChange {
  const targetLists = (stmt.mergeWhenClauses ?? []).map((node) => ('MergeWhenClause' in node ? node.MergeWhenClause.targetList : undefined));
  const columns = targetLists.flatMap(targetNames);
  const duplicates = duplicateAssignments(...targetLists);
  return {
    kind: 'data',
    operation: 'merge',
    tables: tablesOf(ctx, stmt.relation, stmt.sourceRelation, stmt.withClause),
    columns: [...new Set(columns)],
    hasWhere: true,
    ...(duplicates.length > 0 && { duplicateAssignments: duplicates }),
  };
}

export function copy(ctx: PgContext, stmt: CopyStmt): DataChange {
  return {
    kind: 'data',
    operation: 'copy',
    tables: tablesOf(ctx, stmt.relation, stmt.query),
    columns: (stmt.attlist ?? []).flatMap((node) => ('String' in node && node.String.sval ? [node.String.sval] : [])),
    hasWhere: stmt.whereClause !== undefined,
  };
}

export function truncate(ctx: PgContext, stmt: TruncateStmt): DataChange {
  return {
    kind: 'data',
    operation: 'truncate',
    tables: relationsRead(ctx, stmt.relations),
    columns: [],
    hasWhere: false,
    cascade: stmt.behavior === 'DROP_CASCADE',
  };
}

export function select(ctx: PgContext, stmt: SelectStmt): DataChange {
  return {
    kind: 'data',
    operation: 'select',
    tables: relationsRead(ctx, [{ SelectStmt: stmt }]),
    columns: [],
    hasWhere: stmt.whereClause !== undefined,
  };
}
