// What the two expression-default rules share: which columns a statement defines, and which
// defaults are expressions in MySQL's sense.

import type { ColumnDef, Expression } from '../../model/changes.js';
import type { StatementContext } from '../rule.js';

const TEMPORAL_TYPES = new Set(['timestamp', 'datetime']);
/** The one expression MySQL always accepted unparenthesised, for TIMESTAMP and DATETIME columns. */
const CURRENT_TIMESTAMP = /^(current_timestamp|now|localtime|localtimestamp)\s*(\(\s*\d*\s*\))?$/i;

/** Column definitions the statement writes: CREATE TABLE columns, ADD COLUMN, MODIFY/CHANGE. */
export function definedColumns(ctx: StatementContext): ColumnDef[] {
  const change = ctx.change;
  if (change?.kind === 'create-table') return change.columns;
  if (change?.kind !== 'alter-table') return [];
  return change.actions.flatMap((action) => (action.kind === 'add-column' || action.kind === 'redefine-column' ? [action.column] : []));
}

/** The column's default when it is an expression default (not a literal, not CURRENT_TIMESTAMP on a temporal column). */
export function expressionDefault(column: ColumnDef): Expression | undefined {
  const expression = column.default;
  if (!expression || expression.kind === 'constant') return undefined;
  const unwrapped = expression.sql.replace(/^\((.*)\)$/s, '$1').trim();
  return TEMPORAL_TYPES.has(column.type.name) && CURRENT_TIMESTAMP.test(unwrapped) ? undefined : expression;
}

export const isParenthesised = (expression: Expression): boolean => expression.sql.startsWith('(');
