// Types, domains, views, routines, triggers, extensions, schemas, sequences and comments.

import type {
  AlterDomainStmt,
  AlterEnumStmt,
  CommentStmt,
  CreateDomainStmt,
  CreateFunctionStmt,
  CreateTrigStmt,
  Node,
  ViewStmt,
} from 'libpg-query';
import type { AlterTypeChange, Change, CommentChange, DomainChange, Name, RoutineChange } from '../../model/changes.js';
import { findName, listName, nameOf, rangeVarName, stringValue, stringValues } from './names.js';
import { objectKindOf } from './object-kinds.js';
import { relationsRead } from './queries.js';
import { lexerAt, trimmed, type PgContext } from './text.js';
import { typeRef } from './types.js';
import { TokenKind } from '../lexer.js';

export function createEnum(ctx: PgContext, typeName: Node[] | undefined, values: Node[] | undefined): Change {
  return { kind: 'create-type', name: listName(ctx, typeName), variant: 'enum', values: stringValues(values) };
}

export function createOtherType(typeName: Name, variant: 'composite' | 'range' | 'other'): Change {
  return { kind: 'create-type', name: typeName, variant, values: [] };
}

export function alterEnum(ctx: PgContext, stmt: AlterEnumStmt): AlterTypeChange {
  const name = listName(ctx, stmt.typeName);
  if (stmt.oldVal !== undefined) {
    return { kind: 'alter-type', name, action: { kind: 'rename-value', from: stmt.oldVal, to: stmt.newVal ?? '' } };
  }
  const action: AlterTypeChange['action'] = { kind: 'add-value', value: stmt.newVal ?? '', ifNotExists: stmt.skipIfNewValExists === true };
  if (stmt.newValNeighbor !== undefined) {
    if (stmt.newValIsAfter) action.after = stmt.newValNeighbor;
    else action.before = stmt.newValNeighbor;
  }
  return { kind: 'alter-type', name, action };
}

export function createDomain(ctx: PgContext, stmt: CreateDomainStmt): DomainChange {
  const change: DomainChange = {
    kind: 'create-domain',
    name: listName(ctx, stmt.domainname),
    addsConstraint: (stmt.constraints ?? []).some((node) => 'Constraint' in node && node.Constraint.contype === 'CONSTR_CHECK'),
  };
  if (stmt.typeName) change.baseType = typeRef(ctx, stmt.typeName).type;
  return change;
}

export function alterDomain(ctx: PgContext, stmt: AlterDomainStmt): DomainChange {
  // subtype 'C' is ADD CONSTRAINT (see AlterDomainStmt in parsenodes.h).
  return { kind: 'alter-domain', name: listName(ctx, stmt.typeName), addsConstraint: stmt.subtype === 'C' };
}

export function createView(ctx: PgContext, stmt: ViewStmt): Change {
  return {
    kind: 'create-view',
    name: rangeVarName(ctx, stmt.view),
    materialized: false,
    orReplace: stmt.replace === true,
    ifNotExists: false,
    references: relationsRead(ctx, stmt.query),
  };
}

export function createFunction(ctx: PgContext, stmt: CreateFunctionStmt): RoutineChange {
  const change: RoutineChange = {
    kind: 'create-function',
    name: listName(ctx, stmt.funcname),
    procedure: stmt.is_procedure === true,
    orReplace: stmt.replace === true,
  };
  for (const option of stmt.options ?? []) {
    if (!('DefElem' in option)) continue;
    if (option.DefElem.defname === 'language') change.language = stringValue(option.DefElem.arg)?.toLowerCase();
    if (option.DefElem.defname === 'volatility') {
      const volatility = stringValue(option.DefElem.arg)?.toLowerCase();
      if (volatility === 'volatile' || volatility === 'stable' || volatility === 'immutable') change.volatility = volatility;
    }
    if (option.DefElem.defname === 'as') {
      const body = bodyRange(ctx, option.DefElem.location);
      if (body) change.bodyRange = body;
    }
  }
  if (stmt.sql_body) {
    change.language ??= 'sql';
    const body = bodyRange(ctx, undefined);
    if (body) change.bodyRange = body;
  }
  return change;
}

/** The body string after AS (`$$ … $$`, `'…'`) or the `BEGIN ATOMIC … END` / `RETURN …` body. */
function bodyRange(ctx: PgContext, asLocation: number | undefined): { start: number; end: number } | undefined {
  const lexer = lexerAt(ctx, asLocation !== undefined ? ctx.source.offset(asLocation) : ctx.range.start);
  while (lexer.nextContent()) {
    if (asLocation !== undefined && (lexer.kind === TokenKind.DollarString || lexer.kind === TokenKind.String)) {
      return { start: lexer.tokenStart, end: lexer.pos };
    }
    if (asLocation === undefined && (lexer.isWord('begin') || lexer.isWord('return'))) {
      return trimmed(ctx, lexer.tokenStart, ctx.range.end);
    }
  }
  return undefined;
}

export function createTrigger(ctx: PgContext, stmt: CreateTrigStmt): Change {
  const name = findName(ctx, [stmt.trigname ?? '']);
  const table = rangeVarName(ctx, stmt.relation);
  const functionParts = stringValues(stmt.funcname);
  return {
    kind: 'create-trigger',
    name,
    table,
    ...(functionParts.length > 0 && { function: findName(ctx, functionParts, table.range.end) }),
    orReplace: stmt.replace === true,
  };
}

/** Where the last `.` outside double quotes is in a dotted name as written (its length when none). */
function lastUnquotedDot(written: string): number {
  let quoted = false;
  let dot = written.length;
  for (let i = 0; i < written.length; i++) {
    if (written[i] === '"') quoted = !quoted;
    else if (written[i] === '.' && !quoted) dot = i;
  }
  return dot;
}

export function comment(ctx: PgContext, stmt: CommentStmt): CommentChange {
  const objectKind = stmt.objtype === 'OBJECT_COLUMN' ? 'column' : objectKindOf(stmt.objtype);
  const object = stmt.object;
  let parts: string[] = [];
  if (object && 'List' in object) parts = stringValues(object.List.items);
  else if (object && 'String' in object) parts = [object.String.sval ?? ''];
  else if (object && 'TypeName' in object) parts = stringValues(object.TypeName.names);
  else if (object && 'ObjectWithArgs' in object) parts = stringValues(object.ObjectWithArgs.objname);
  if (objectKind === 'column' && parts.length > 1) {
    const written = nameOf(ctx, parts);
    // The table as written is the column's name without its last part: `t` of `t.c`.
    const tableLength = lastUnquotedDot(written.raw);
    const table: Name = { name: parts[parts.length - 2], raw: written.raw.slice(0, tableLength), range: { start: written.range.start, end: written.range.start + tableLength } };
    if (parts.length > 2) table.schema = parts[parts.length - 3];
    return { kind: 'comment', objectKind, target: table, column: parts[parts.length - 1] };
  }
  return { kind: 'comment', objectKind, target: nameOf(ctx, parts) };
}
