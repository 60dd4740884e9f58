// DROP of every object kind.

import type { DropStmt, Node } from 'libpg-query';
import type { DropChange, Name } from '../../model/changes.js';
import { findName, stringValues } from './names.js';
import { objectKindOf } from './object-kinds.js';
import type { PgContext } from './text.js';

/** Objects that live on a table: DROP TRIGGER t ON tbl lists tbl's name parts, then t. */
const TABLE_MEMBERS = new Set(['OBJECT_TRIGGER', 'OBJECT_RULE', 'OBJECT_POLICY']);

export function drop(ctx: PgContext, stmt: DropStmt): DropChange {
  const change: DropChange = {
    kind: 'drop',
    objectKind: objectKindOf(stmt.removeType),
    names: [],
    ifExists: stmt.missing_ok === true,
    cascade: stmt.behavior === 'DROP_CASCADE',
    concurrently: stmt.concurrent === true,
  };
  let searchFrom = ctx.range.start;
  for (const object of stmt.objects ?? []) {
    const parts = objectNameParts(object);
    if (TABLE_MEMBERS.has(stmt.removeType ?? '') && parts.length > 1) {
      const member = findName(ctx, parts.slice(-1), searchFrom);
      change.names.push(member);
      change.table = findName(ctx, parts.slice(0, -1), member.range.end);
      continue;
    }
    const name: Name = findName(ctx, parts, searchFrom);
    change.names.push(name);
    if (name.range.end > searchFrom && name.range.end <= ctx.range.end) searchFrom = name.range.end;
  }
  return change;
}

function objectNameParts(object: Node): string[] {
  if ('List' in object) return stringValues(object.List.items);
  if ('String' in object) return [object.String.sval ?? ''];
  if ('TypeName' in object) return stringValues(object.TypeName.names);
  if ('ObjectWithArgs' in object) return stringValues(object.ObjectWithArgs.objname);
  return [];
}
