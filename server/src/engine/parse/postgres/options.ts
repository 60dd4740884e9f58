// Statement options written as `(NAME [value], …)` lists — VACUUM (FULL false), REINDEX
// (CONCURRENTLY off) — and the statements whose options decide the lock they take: VACUUM, CLUSTER
// and LOCK TABLE, which have no change kind of their own.

import type { ClusterStmt, LockStmt, Node, VacuumStmt } from 'libpg-query';
import { PG_LOCK_MODES, type Name, type OtherChange } from '../../model/changes.js';
import { rangeVarName } from './names.js';
import type { PgContext } from './text.js';

/**
 * Whether the boolean option `name` is on, read as the server reads it (defGetBoolean): written
 * without a value, or as true/on/1, it is on; false/off/0 turn it off. The last one written
 * counts, as in the server (REINDEX (CONCURRENTLY false) INDEX CONCURRENTLY i is concurrent). A
 * value the server refuses counts as on: the statement is judged as the user meant it.
 */
export function booleanOption(options: readonly Node[] | undefined, name: string): boolean {
  let on = false;
  for (const option of options ?? []) {
    if ('DefElem' in option && option.DefElem.defname === name) on = booleanValue(option.DefElem.arg) ?? true;
  }
  return on;
}

function booleanValue(arg: Node | undefined): boolean | undefined {
  if (arg === undefined) return true;
  if ('Integer' in arg) return arg.Integer.ival === 1 ? true : (arg.Integer.ival ?? 0) === 0 ? false : undefined;
  if ('Boolean' in arg) return arg.Boolean.boolval === true;
  const text = 'String' in arg ? arg.String.sval?.toLowerCase() : undefined;
  return text === 'true' || text === 'on' ? true : text === 'false' || text === 'off' ? false : undefined;
}

/** VACUUM and ANALYZE: the tables named, and whether FULL is on. */
export function vacuum(ctx: PgContext, stmt: VacuumStmt): OtherChange {
  const tables = (stmt.rels ?? []).flatMap((node): Name[] => ('VacuumRelation' in node && node.VacuumRelation.relation ? [rangeVarName(ctx, node.VacuumRelation.relation)] : []));
  return { kind: 'other', statementType: 'VacuumStmt', tables, full: booleanOption(stmt.options, 'full') };
}

/** CLUSTER [table [USING index]]: the table, when named. */
export function cluster(ctx: PgContext, stmt: ClusterStmt): OtherChange {
  return { kind: 'other', statementType: 'ClusterStmt', tables: stmt.relation ? [rangeVarName(ctx, stmt.relation)] : [] };
}

/** LOCK [TABLE] tables [IN mode MODE]: the tables and the mode (ACCESS EXCLUSIVE when none is written); LockStmt.mode is PostgreSQL's LOCKMODE, 1–8. */
export function lockTables(ctx: PgContext, stmt: LockStmt): OtherChange {
  const tables = (stmt.relations ?? []).flatMap((node): Name[] => ('RangeVar' in node ? [rangeVarName(ctx, node.RangeVar)] : []));
  return { kind: 'other', statementType: 'LockStmt', tables, lockMode: PG_LOCK_MODES[(stmt.mode ?? 8) - 1] ?? 'ACCESS EXCLUSIVE' };
}
