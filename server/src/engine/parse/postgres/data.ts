// INSERT, UPDATE, DELETE, MERGE, COPY, TRUNCATE and SELECT.

import type { CopyStmt, DeleteStmt, InsertStmt, MergeStmt, Node, RangeVar, SelectStmt, TruncateStmt, UpdateStmt } from 'libpg-query';
import type { DataChange, Name } from '../../model/changes.js';
import { rangeVarName } from './names.js';
import { relationsRead } from './queries.js';
import type { PgContext } from './text.js';

function targetNames(targets: Node[] | undefined): string[] {
  return (targets ?? []).flatMap((node) => ('ResTarget' in node && node.ResTarget.name ? [node.ResTarget.name] : []));
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
  return {
    kind: 'data',
    operation: 'insert',
    tables: tablesOf(ctx, stmt.relation, stmt.selectStmt, stmt.withClause),
    columns: targetNames(stmt.cols),
    hasWhere: false,
    ...(stmt.onConflictClause && { onConflict: true }),
  };
}

export function update(ctx: PgContext, stmt: UpdateStmt): DataChange {
  const columns = targetNames(stmt.targetList);
  const duplicates = [...new Set(columns.filter((column, i) => columns.indexOf(column) !== i))];
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
  const columns = (stmt.mergeWhenClauses ?? []).flatMap((node) =>
    'MergeWhenClause' in node ? targetNames(node.MergeWhenClause.targetList) : [],
  );
  return {
    kind: 'data',
    operation: 'merge',
    tables: tablesOf(ctx, stmt.relation, stmt.sourceRelation, stmt.withClause),
    columns: [...new Set(columns)],
    hasWhere: true,
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
