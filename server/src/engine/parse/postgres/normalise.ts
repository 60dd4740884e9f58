// One libpg-query statement node → one Change. Statements with no dedicated change kind become
// `other` with the parser's node name, so nothing is silently dropped.

import type { Node } from 'libpg-query';
import type { Change } from '../../model/changes.js';
import { alterTable, rename } from './alter.js';
import { copy, deleteRows, insert, merge, select, truncate, update } from './data.js';
import { drop } from './drop.js';
import { createIndex, reindex } from './indexes.js';
import { listName, nameOf, rangeVarName, stringValues } from './names.js';
import { objectKindOf } from './object-kinds.js';
import { cluster, lockTables, vacuum } from './options.js';
import {
  alterDomain,
  alterEnum,
  comment,
  createDomain,
  createEnum,
  createFunction,
  createOtherType,
  createTrigger,
  createView,
} from './objects.js';
import { setting, transaction } from './session.js';
import { createTable, createTableAs } from './tables.js';
import type { PgContext } from './text.js';

export function toChange(node: Node, ctx: PgContext): Change {
  if ('CreateStmt' in node) return createTable(ctx, node.CreateStmt);
  if ('CreateTableAsStmt' in node) return createTableAs(ctx, node.CreateTableAsStmt);
  if ('AlterTableStmt' in node) return alterTable(ctx, node.AlterTableStmt);
  if ('RenameStmt' in node) return rename(ctx, node.RenameStmt);
  if ('IndexStmt' in node) return createIndex(ctx, node.IndexStmt);
  if ('ReindexStmt' in node) return reindex(ctx, node.ReindexStmt);
  if ('DropStmt' in node) return drop(ctx, node.DropStmt);
  if ('CreateEnumStmt' in node) return createEnum(ctx, node.CreateEnumStmt.typeName, node.CreateEnumStmt.vals);
  if ('AlterEnumStmt' in node) return alterEnum(ctx, node.AlterEnumStmt);
  if ('CompositeTypeStmt' in node) return createOtherType(rangeVarName(ctx, node.CompositeTypeStmt.typevar), 'composite');
  if ('CreateRangeStmt' in node) return createOtherType(listName(ctx, node.CreateRangeStmt.typeName), 'range');
  if ('DefineStmt' in node && node.DefineStmt.kind === 'OBJECT_TYPE') {
    return createOtherType(listName(ctx, node.DefineStmt.defnames), 'other');
  }
  if ('CreateDomainStmt' in node) return createDomain(ctx, node.CreateDomainStmt);
  if ('AlterDomainStmt' in node) return alterDomain(ctx, node.AlterDomainStmt);
  if ('ViewStmt' in node) return createView(ctx, node.ViewStmt);
  if ('CreateFunctionStmt' in node) return createFunction(ctx, node.CreateFunctionStmt);
  if ('CreateTrigStmt' in node) return createTrigger(ctx, node.CreateTrigStmt);
  if ('CreateExtensionStmt' in node) {
    return { kind: 'create-extension', name: node.CreateExtensionStmt.extname ?? '', ifNotExists: node.CreateExtensionStmt.if_not_exists === true };
  }
  if ('CreateSchemaStmt' in node) {
    const schema = node.CreateSchemaStmt;
    return { kind: 'create-schema', name: schema.schemaname ?? schema.authrole?.rolename ?? '', ifNotExists: schema.if_not_exists === true };
  }
  if ('CreateSeqStmt' in node) return { kind: 'create-sequence', name: rangeVarName(ctx, node.CreateSeqStmt.sequence) };
  if ('AlterSeqStmt' in node) return { kind: 'alter-sequence', name: rangeVarName(ctx, node.AlterSeqStmt.sequence) };
  if ('InsertStmt' in node) return insert(ctx, node.InsertStmt);
  if ('UpdateStmt' in node) return update(ctx, node.UpdateStmt);
  if ('DeleteStmt' in node) return deleteRows(ctx, node.DeleteStmt);
  if ('MergeStmt' in node) return merge(ctx, node.MergeStmt);
  if ('CopyStmt' in node) return copy(ctx, node.CopyStmt);
  if ('TruncateStmt' in node) return truncate(ctx, node.TruncateStmt);
  if ('SelectStmt' in node) return select(ctx, node.SelectStmt);
  if ('TransactionStmt' in node) return transaction(node.TransactionStmt);
  if ('VariableSetStmt' in node) return setting(node.VariableSetStmt);
  if ('CommentStmt' in node) return comment(ctx, node.CommentStmt);
  if ('VacuumStmt' in node) return vacuum(ctx, node.VacuumStmt);
  if ('ClusterStmt' in node) return cluster(ctx, node.ClusterStmt);
  if ('LockStmt' in node) return lockTables(ctx, node.LockStmt);
  if ('RefreshMatViewStmt' in node) {
    return { kind: 'other', statementType: 'RefreshMatViewStmt', object: { kind: 'materialized-view', name: rangeVarName(ctx, node.RefreshMatViewStmt.relation) } };
  }
  if ('AlterObjectSchemaStmt' in node) {
    const stmt = node.AlterObjectSchemaStmt;
    const object = stmt.object;
    const name = stmt.relation
      ? rangeVarName(ctx, stmt.relation)
      : nameOf(ctx, object && 'List' in object ? stringValues(object.List.items) : object && 'String' in object ? [object.String.sval ?? ''] : []);
    return { kind: 'other', statementType: 'AlterObjectSchemaStmt', object: { kind: objectKindOf(stmt.objectType), name } };
  }
  return { kind: 'other', statementType: Object.keys(node)[0] ?? 'unknown' };
}
