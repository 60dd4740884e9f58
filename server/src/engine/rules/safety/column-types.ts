// The column-type rules (int, smallint, varchar(n), timestamp, json, serial) share one shape:
// find every column type a statement declares — CREATE TABLE columns, ADD COLUMN, ALTER COLUMN
// … TYPE — judge it, and offer the replacement type as a quick fix.

import type { ColumnDef, Name, TypeRef } from '../../model/changes.js';
import type { Rule, RuleMeta, StatementContext } from '../rule.js';
import { inCaseOf } from './keyword-case.js';

export interface DeclaredType {
  type: TypeRef;
  table: Name;
  /** The whole column definition; absent for ALTER COLUMN … TYPE. */
  column?: ColumnDef;
  /** The column's name as written. */
  columnRaw: string;
}

export function declaredTypes(ctx: StatementContext): DeclaredType[] {
  const change = ctx.change;
  if (change?.kind === 'create-table') return change.columns.map((column) => ({ type: column.type, table: change.table, column, columnRaw: column.raw }));
  if (change?.kind !== 'alter-table') return [];
  return change.actions.flatMap((action): DeclaredType[] => {
    if (action.kind === 'add-column') return [{ type: action.column.type, table: change.table, column: action.column, columnRaw: action.column.raw }];
    if (action.kind === 'alter-column-type') return [{ type: action.type, table: change.table, columnRaw: action.raw }];
    return [];
  });
}

export interface TypeVerdict {
  message: string;
  /** The text that replaces the type as written, and the fix's title. */
  replacement?: { text: string; title: string };
}

/** A rule that judges each declared column type on its own. */
export function columnTypeRule(meta: RuleMeta, judge: (declared: DeclaredType, ctx: StatementContext) => TypeVerdict | undefined): Rule {
  return {
    ...meta,
    checkStatement(ctx) {
      for (const declared of declaredTypes(ctx)) {
        const verdict = judge(declared, ctx);
        if (!verdict) continue;
        const { replacement } = verdict;
        ctx.report({
          range: declared.type.range,
          message: verdict.message,
          fixes: replacement ? [{ title: replacement.title, edits: [{ range: declared.type.range, newText: replacement.text }], preferred: true }] : [],
        });
      }
    },
  };
}

/**
 * `raw` with its leading type name replaced by `name`, keeping what follows (array brackets,
 * a precision) and the case the user writes types in: `int[]` → `bigint[]`, `TIMESTAMP(3)` → `TIMESTAMPTZ(3)`.
 */
export function renameType(raw: string, name: string, keepRest = true): string {
  const written = /^[\w."]+/.exec(raw)?.[0] ?? raw;
  return `${inCaseOf(written, name)}${keepRest ? raw.slice(written.length) : ''}`;
}

/** `[]` for each array dimension, in the form the replacement needs. */
export const arraySuffix = (type: TypeRef): string => '[]'.repeat(type.arrayDims);

/** "`title` of `movies`" for messages. */
export const columnLabel = (declared: DeclaredType): string => `\`${declared.columnRaw}\` of \`${declared.table.raw}\``;
