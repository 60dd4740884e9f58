// CREATE TABLE (including PARTITION OF, LIKE and AS SELECT).

import type { CreateStmt, CreateTableAsStmt } from 'libpg-query';
import type { Change, CreateTableChange } from '../../model/changes.js';
import { columnDef, tableConstraint } from './columns.js';
import { constantText } from './expressions.js';
import { rangeVarName } from './names.js';
import { relationsRead } from './queries.js';
import type { PgContext } from './text.js';

export function createTable(ctx: PgContext, stmt: CreateStmt): CreateTableChange {
  const change: CreateTableChange = {
    kind: 'create-table',
    table: rangeVarName(ctx, stmt.relation),
    ifNotExists: stmt.if_not_exists === true,
    temporary: stmt.relation?.relpersistence === 't',
    columns: [],
    constraints: [],
    indexes: [],
    options: tableOptions(stmt),
  };
  for (const element of stmt.tableElts ?? []) {
    if ('ColumnDef' in element) {
      const { column, constraints } = columnDef(ctx, element.ColumnDef);
      change.columns.push(column);
      change.constraints.push(...constraints);
    } else if ('Constraint' in element) {
      const constraint = tableConstraint(ctx, element.Constraint);
      if (constraint) change.constraints.push(constraint);
    } else if ('TableLikeClause' in element) {
      change.like = rangeVarName(ctx, element.TableLikeClause.relation);
    }
  }
  const parent = stmt.inhRelations?.[0];
  if (stmt.partbound && parent && 'RangeVar' in parent) change.partitionOf = rangeVarName(ctx, parent.RangeVar);
  return change;
}

function tableOptions(stmt: CreateStmt): Record<string, string> {
  const options: Record<string, string> = {};
  for (const option of stmt.options ?? []) {
    if ('DefElem' in option && option.DefElem.defname) options[option.DefElem.defname] = constantText(option.DefElem.arg);
  }
  if (stmt.tablespacename) options.tablespace = stmt.tablespacename;
  if (stmt.accessMethod) options.using = stmt.accessMethod;
  if (stmt.partspec?.strategy) options['partition by'] = stmt.partspec.strategy.replace('PARTITION_STRATEGY_', '').toLowerCase();
  return options;
}

/** CREATE TABLE … AS / SELECT … INTO (a table whose columns come from a query) and CREATE MATERIALIZED VIEW. */
export function createTableAs(ctx: PgContext, stmt: CreateTableAsStmt): Change {
  const name = rangeVarName(ctx, stmt.into?.rel);
  if (stmt.objtype === 'OBJECT_MATVIEW') {
    return {
      kind: 'create-view',
      name,
      materialized: true,
      orReplace: false,
      ifNotExists: stmt.if_not_exists === true,
      references: relationsRead(ctx, stmt.query),
      withData: !stmt.into?.skipData,
    };
  }
  return {
    kind: 'create-table',
    table: name,
    ifNotExists: stmt.if_not_exists === true,
    temporary: stmt.into?.rel?.relpersistence === 't',
    columns: [],
    constraints: [],
    indexes: [],
    options: {},
    fromQuery: true,
  };
}
