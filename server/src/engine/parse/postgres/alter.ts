// ALTER TABLE and the RENAME statements that touch tables, columns and constraints.

import type { AlterTableCmd, AlterTableStmt, DefElem, RenameStmt } from 'libpg-query';
import type { AlterTableAction, Change, Name } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import { columnDef, tableConstraint } from './columns.js';
import { constantText, expression } from './expressions.js';
import { findName, nameOf, rangeVarName, stringValues } from './names.js';
import { objectKindOf } from './object-kinds.js';
import { afterKeyword, commaSeparated, slice, trimmed, type PgContext } from './text.js';
import { typeRef } from './types.js';

export function alterTable(ctx: PgContext, stmt: AlterTableStmt): Change {
  const table = rangeVarName(ctx, stmt.relation);
  const cmds = (stmt.cmds ?? []).flatMap((node) => ('AlterTableCmd' in node ? [node.AlterTableCmd] : []));
  const parts = commaSeparated(ctx, table.range.end, ctx.range.end);
  const actionRanges = parts.length === cmds.length ? parts : cmds.map(() => ({ ...ctx.range }));
  if (stmt.objtype !== 'OBJECT_TABLE' && stmt.objtype !== 'OBJECT_FOREIGN_TABLE') {
    return { kind: 'other', statementType: 'AlterTableStmt', object: { kind: objectKindOf(stmt.objtype), name: table } };
  }
  return {
    kind: 'alter-table',
    table,
    ifExists: stmt.missing_ok === true,
    only: stmt.relation?.inh !== true,
    actions: cmds.map((cmd, i) => alterAction(ctx, cmd, actionRanges[i])),
  };
}

function alterAction(ctx: PgContext, cmd: AlterTableCmd, range: SourceRange): AlterTableAction {
  const column = cmd.name ?? '';
  const columnRaw = (): string => (cmd.name !== undefined ? findName(ctx, [cmd.name], range.start).raw : '');
  const def = cmd.def;
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      if (def && 'ColumnDef' in def) {
        const parsed = columnDef(ctx, def.ColumnDef);
        return { kind: 'add-column', ...parsed, ifNotExists: cmd.missing_ok === true, range };
      }
      break;
    case 'AT_DropColumn':
      return { kind: 'drop-column', column, raw: columnRaw(), ifExists: cmd.missing_ok === true, cascade: cmd.behavior === 'DROP_CASCADE', range };
    case 'AT_AlterColumnType':
      if (def && 'ColumnDef' in def && def.ColumnDef.typeName) {
        const usingStart = afterKeyword(ctx, range.start, 'using');
        const action: AlterTableAction = { kind: 'alter-column-type', column, raw: columnRaw(), type: typeRef(ctx, def.ColumnDef.typeName).type, range };
        if (usingStart >= 0 && usingStart < range.end) action.using = expression(ctx, def.ColumnDef.raw_default, trimmed(ctx, usingStart, range.end));
        return action;
      }
      break;
    case 'AT_SetNotNull':
      return { kind: 'set-not-null', column, raw: columnRaw(), range };
    case 'AT_DropNotNull':
      return { kind: 'drop-not-null', column, raw: columnRaw(), range };
    case 'AT_ColumnDefault':
      if (!def) return { kind: 'drop-default', column, raw: columnRaw(), range };
      return { kind: 'set-default', column, raw: columnRaw(), default: expression(ctx, def, trimmed(ctx, afterKeyword(ctx, range.start, 'default'), range.end)), range };
    case 'AT_AddConstraint':
      if (def && 'Constraint' in def) {
        const constraint = tableConstraint(ctx, def.Constraint);
        if (constraint) return { kind: 'add-constraint', constraint, range };
      }
      break;
    case 'AT_DropConstraint':
      return { kind: 'drop-constraint', name: column, raw: columnRaw(), ifExists: cmd.missing_ok === true, cascade: cmd.behavior === 'DROP_CASCADE', range };
    case 'AT_ValidateConstraint':
      return { kind: 'validate-constraint', name: column, raw: columnRaw(), range };
    case 'AT_AttachPartition':
    case 'AT_DetachPartition':
      if (def && 'PartitionCmd' in def) {
        const partition = rangeVarName(ctx, def.PartitionCmd.name);
        if (cmd.subtype === 'AT_AttachPartition') return { kind: 'attach-partition', partition, range };
        return { kind: 'detach-partition', partition, concurrently: def.PartitionCmd.concurrent === true, range };
      }
      break;
    case 'AT_SetRelOptions':
    case 'AT_ResetRelOptions':
      return storageOption(def && 'List' in def ? def.List.items : undefined, cmd.subtype === 'AT_ResetRelOptions', range);
    case 'AT_SetLogged':
    case 'AT_SetUnLogged':
      return { kind: 'set-table-option', option: 'logged', value: String(cmd.subtype === 'AT_SetLogged'), range };
    case 'AT_SetTableSpace':
      return { kind: 'set-table-option', option: 'tablespace', value: column, range };
    case 'AT_SetAccessMethod':
      return { kind: 'set-table-option', option: 'access method', value: column, range };
  }
  return { kind: 'other', description: slice(ctx, range).replace(/\s+/g, ' '), range };
}

function storageOption(items: ({ DefElem: DefElem } | object)[] | undefined, reset: boolean, range: SourceRange): AlterTableAction {
  const options = (items ?? []).flatMap((item) => ('DefElem' in item ? [item.DefElem] : []));
  return {
    kind: 'set-table-option',
    option: options.map((option) => option.defname ?? '').join(', '),
    value: reset ? '' : options.map((option) => constantText(option.arg)).join(', '),
    range,
  };
}

export function rename(ctx: PgContext, stmt: RenameStmt): Change {
  const newName = stmt.newname ?? '';
  const to = (): Name => findName(ctx, [newName], Math.max(afterKeyword(ctx, ctx.range.start, 'to'), ctx.range.start));
  const relation = (): Name => rangeVarName(ctx, stmt.relation);
  const alterTableWith = (action: AlterTableAction): Change => ({
    kind: 'alter-table',
    table: relation(),
    ifExists: stmt.missing_ok === true,
    only: stmt.relation?.inh !== true,
    actions: [action],
  });
  const subname = stmt.subname ?? '';
  const whole = { ...ctx.range };
  switch (stmt.renameType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_FOREIGN_TABLE':
      return { kind: 'rename-table', renames: [{ from: relation(), to: to() }] };
    case 'OBJECT_COLUMN': {
      const from = findName(ctx, [subname], relation().range.end);
      return alterTableWith({ kind: 'rename-column', from: subname, to: newName, rawFrom: from.raw, rawTo: to().raw, range: whole });
    }
    case 'OBJECT_TABCONSTRAINT':
      return alterTableWith({ kind: 'rename-constraint', from: subname, to: newName, range: whole });
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const name = stmt.object && 'List' in stmt.object ? nameOf(ctx, stringValues(stmt.object.List.items)) : to();
      if (stmt.renameType === 'OBJECT_TYPE') return { kind: 'alter-type', name, action: { kind: 'rename', to: newName } };
      return { kind: 'other', statementType: 'RenameStmt', object: { kind: 'domain', name }, renamedTo: newName };
    }
  }
  const name = stmt.relation ? relation() : renamedObjectName(ctx, stmt);
  return { kind: 'other', statementType: 'RenameStmt', object: { kind: objectKindOf(stmt.renameType), name }, renamedTo: newName };
}

function renamedObjectName(ctx: PgContext, stmt: RenameStmt): Name {
  const object = stmt.object;
  if (object && 'List' in object) return nameOf(ctx, stringValues(object.List.items));
  if (object && 'String' in object) return nameOf(ctx, [object.String.sval ?? '']);
  if (object && 'ObjectWithArgs' in object) return nameOf(ctx, stringValues(object.ObjectWithArgs.objname));
  return nameOf(ctx, [stmt.subname ?? '']);
}
