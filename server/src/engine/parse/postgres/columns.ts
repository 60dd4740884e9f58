// Column definitions and constraints, shared by CREATE TABLE and ALTER TABLE.

import type { ColumnDef as PgColumnDef, Constraint as PgConstraint, Node } from 'libpg-query';
import type { ColumnDef, Constraint, ReferentialAction } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import { expression } from './expressions.js';
import { rangeVarName, stringValues } from './names.js';
import { typeRef } from './types.js';
import { afterKeyword, elementEnd, lexerAt, parenthesisedAfter, trimmed, type PgContext } from './text.js';

const REFERENTIAL_ACTIONS: Record<string, ReferentialAction> = {
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

export interface ParsedColumn {
  column: ColumnDef;
  /** PRIMARY KEY, UNIQUE, REFERENCES and CHECK declared on the column, as table constraints. */
  constraints: Constraint[];
}

export function columnDef(ctx: PgContext, def: PgColumnDef): ParsedColumn {
  const start = def.location !== undefined ? ctx.source.offset(def.location) : ctx.range.start;
  const end = elementEnd(ctx, start);
  const name = def.colname ?? '';
  const { type, serial } = def.typeName
    ? typeRef(ctx, def.typeName)
    : { type: { name: '', args: [], arrayDims: 0, raw: '', range: { start, end: start } }, serial: false };
  const column: ColumnDef = {
    name,
    raw: firstToken(ctx, start),
    type,
    nullable: !def.is_not_null,
    range: { start, end },
  };
  if (serial) column.serial = true;
  const collation = stringValues(def.collClause?.collname).join('.');
  if (collation) type.collation = collation;

  const constraints: Constraint[] = [];
  const pieces = (def.constraints ?? []).flatMap((node) => ('Constraint' in node ? [node.Constraint] : []));
  const boundaries = pieces.map((piece) => ctx.source.offset(piece.location ?? 0));
  if (def.collClause?.location !== undefined) boundaries.push(ctx.source.offset(def.collClause.location));
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    const range = trimmed(ctx, boundaries[i], nextBoundary(boundaries, boundaries[i], end));
    switch (piece.contype) {
      case 'CONSTR_NOTNULL':
        column.nullable = false;
        break;
      case 'CONSTR_DEFAULT':
        column.default = expression(ctx, piece.raw_expr, trimmed(ctx, afterKeyword(ctx, range.start, 'default'), range.end));
        break;
      case 'CONSTR_IDENTITY':
        column.identity = piece.generated_when === 'a' ? 'always' : 'by default';
        column.nullable = false;
        break;
      case 'CONSTR_GENERATED': {
        const inner = parenthesisedAfter(ctx, range.start) ?? range;
        column.generated = { expression: expression(ctx, piece.raw_expr, inner), stored: piece.generated_kind !== 'v' };
        break;
      }
      default: {
        const constraint = constraintOf(ctx, piece, range, name);
        if (!constraint) break;
        constraint.inline = true;
        if (constraint.kind === 'primary-key') column.nullable = false;
        constraints.push(constraint);
      }
    }
  }
  return { column, constraints };
}

/** The nearest boundary after `from`, or `end`. */
function nextBoundary(boundaries: readonly number[], from: number, end: number): number {
  let next = end;
  for (const boundary of boundaries) if (boundary > from && boundary < next) next = boundary;
  return next;
}

function firstToken(ctx: PgContext, start: number): string {
  const lexer = lexerAt(ctx, start);
  return lexer.nextContent() ? lexer.tokenText() : '';
}

/** A PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK / EXCLUDE constraint; `column` for inline ones. */
export function constraintOf(ctx: PgContext, c: PgConstraint, range: SourceRange, column?: string): Constraint | undefined {
  const base = { range, ...(c.conname !== undefined && { name: c.conname }) };
  switch (c.contype) {
    case 'CONSTR_PRIMARY':
      return { ...base, kind: 'primary-key', columns: ownColumns(c.keys, column), ...(c.indexname !== undefined && { usingIndex: c.indexname }) };
    case 'CONSTR_UNIQUE':
      return { ...base, kind: 'unique', columns: ownColumns(c.keys, column), ...(c.indexname !== undefined && { usingIndex: c.indexname }) };
    case 'CONSTR_FOREIGN': {
      const onDelete = REFERENTIAL_ACTIONS[c.fk_del_action ?? ''];
      const onUpdate = REFERENTIAL_ACTIONS[c.fk_upd_action ?? ''];
      return {
        ...base,
        kind: 'foreign-key',
        columns: ownColumns(c.fk_attrs, column),
        references: { table: rangeVarName(ctx, c.pktable), columns: stringValues(c.pk_attrs) },
        ...(onDelete && { onDelete }),
        ...(onUpdate && { onUpdate }),
        ...(c.skip_validation && { notValid: true }),
      };
    }
    case 'CONSTR_CHECK':
      return {
        ...base,
        kind: 'check',
        expression: expression(ctx, c.raw_expr, parenthesisedAfter(ctx, range.start) ?? range),
        ...(c.skip_validation && { notValid: true }),
      };
    case 'CONSTR_EXCLUSION':
      return { ...base, kind: 'exclude', columns: exclusionColumns(c.exclusions) };
    default:
      return undefined;
  }
}

/** A constraint's columns; an inline one that lists none is on its own column. */
function ownColumns(nodes: Node[] | undefined, column: string | undefined): string[] {
  const names = stringValues(nodes);
  return names.length > 0 || column === undefined ? names : [column];
}

function exclusionColumns(exclusions: Node[] | undefined): string[] {
  const columns: string[] = [];
  for (const pair of exclusions ?? []) {
    const element = 'List' in pair ? pair.List.items?.[0] : undefined;
    if (element && 'IndexElem' in element && element.IndexElem.name) columns.push(element.IndexElem.name);
  }
  return columns;
}

/** A table-level constraint (`CONSTRAINT x …` in CREATE TABLE or ALTER TABLE … ADD). */
export function tableConstraint(ctx: PgContext, c: PgConstraint): Constraint | undefined {
  const start = c.location !== undefined ? ctx.source.offset(c.location) : ctx.range.start;
  return constraintOf(ctx, c, { start, end: elementEnd(ctx, start) });
}
