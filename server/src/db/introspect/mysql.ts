// Reads a live MySQL or MariaDB database (the connection's current database) through
// information_schema into the schema model, normalised as replay normalises.
//
// Where the servers differ it reads what each says and folds it back: MariaDB stores JSON as
// LONGTEXT with a json_valid() check named after the column, and quotes string defaults in
// COLUMN_DEFAULT; MySQL 8 leaves them unquoted and marks expression defaults DEFAULT_GENERATED.

import type { ReferentialAction } from '../../engine/model/changes.js';
import type { Dialect } from '../../engine/model/source.js';
import { normalizeDefault, normalizeExpression } from '../../engine/schema/expressions.js';
import type { CheckConstraint, Column, Index, Schema } from '../../engine/schema/model.js';
import { normalizeType, parseTypeText } from '../../engine/schema/types.js';
import { CatalogSchemaBuilder, NO_PROVENANCE } from './build.js';

/** What mysql2/promise's Connection and Pool offer: `query` resolves to [rows, fields]. */
export interface MysqlQueryable {
  query(sql: string, params?: unknown[]): Promise<[unknown, unknown]>;
}

type Row = Record<string, any>;

async function rows(db: MysqlQueryable, sql: string): Promise<Row[]> {
  const [result] = await db.query(sql);
  // information_schema column names come back in upper case on MySQL 8 and as written on
  // MariaDB; the queries alias every column in lower case so both read the same.
  return result as Row[];
}

const TABLES = `SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = DATABASE()`;

const COLUMNS = `
  SELECT table_name AS table_name, column_name AS name, column_type AS type, is_nullable AS nullable,
         column_default AS default_value, extra AS extra, generation_expression AS generation
  FROM information_schema.columns WHERE table_schema = DATABASE()
  ORDER BY table_name, ordinal_position`;

const INDEX_COLUMNS = `
  SELECT table_name AS table_name, index_name AS name, non_unique AS non_unique, column_name AS column_name,
         index_type AS method, seq_in_index AS position
  FROM information_schema.statistics WHERE table_schema = DATABASE()
  ORDER BY table_name, index_name, seq_in_index`;

const FOREIGN_KEYS = `
  SELECT k.table_name AS table_name, k.constraint_name AS name, k.column_name AS column_name,
         k.referenced_table_name AS target, k.referenced_column_name AS target_column,
         r.delete_rule AS on_delete, r.update_rule AS on_update
  FROM information_schema.key_column_usage k
  JOIN information_schema.referential_constraints r
    ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name
  WHERE k.table_schema = DATABASE() AND k.referenced_table_name IS NOT NULL
  ORDER BY k.table_name, k.constraint_name, k.ordinal_position`;

const CHECKS = `
  SELECT t.table_name AS table_name, t.constraint_name AS name, c.check_clause AS expression
  FROM information_schema.table_constraints t
  JOIN information_schema.check_constraints c ON c.constraint_schema = t.constraint_schema AND c.constraint_name = t.constraint_name
  WHERE t.table_schema = DATABASE() AND t.constraint_type = 'CHECK'`;

const MARIADB_CHECKS = `
  SELECT table_name AS table_name, constraint_name AS name, check_clause AS expression
  FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()`;

const TRIGGERS = `SELECT trigger_name AS name, event_object_table AS table_name FROM information_schema.triggers WHERE trigger_schema = DATABASE()`;
const ROUTINES = `SELECT routine_name AS name FROM information_schema.routines WHERE routine_schema = DATABASE()`;

const ACTIONS: Record<string, ReferentialAction> = {
  'NO ACTION': 'restrict',
  RESTRICT: 'restrict',
  CASCADE: 'cascade',
  'SET NULL': 'set null',
  'SET DEFAULT': 'set default',
};

/** Reads the connection's current database. */
export async function introspectMysql(db: MysqlQueryable): Promise<Schema> {
  const [versionRow] = await rows(db, 'SELECT VERSION() AS version');
  const mariadb = /mariadb/i.test(String(versionRow.version));
  const dialect: Dialect = mariadb ? 'mariadb' : 'mysql';
  const builder = new CatalogSchemaBuilder(dialect);

  for (const row of await rows(db, TABLES)) {
    const name = { name: String(row.name) };
    if (row.type === 'VIEW') builder.addNamed('views', builder.key(name), { ...builder.namedObject(name), materialized: false, references: [] });
    else builder.addTable(name);
  }

  // MariaDB's JSON columns are LONGTEXT guarded by CHECK (json_valid(col)), named after the column.
  const checks = await rows(db, mariadb ? MARIADB_CHECKS : CHECKS);
  const jsonColumns = new Set(
    checks.filter((c) => /^json_valid\(`?([^`)]+)`?\)$/i.test(String(c.expression).trim())).map((c) => `${String(c.table_name).toLowerCase()}.${String(c.name).toLowerCase()}`),
  );

  const columnsByTable = new Map<string, Column[]>();
  for (const row of await rows(db, COLUMNS)) {
    const key = builder.key({ name: row.table_name });
    const isJson = jsonColumns.has(`${key}.${String(row.name).toLowerCase()}`) && /^longtext$/i.test(row.type);
    const type = normalizeType(dialect, isJson ? { name: 'json' } : parseTypeText(row.type));
    const column: Column = { name: row.name, type, nullable: row.nullable === 'YES', ...NO_PROVENANCE };
    const extra = String(row.extra ?? '').toLowerCase();
    const defaultValue = columnDefault(dialect, row.default_value, extra, type.name);
    if (defaultValue !== undefined) column.default = defaultValue;
    if (extra.includes('auto_increment')) column.autoIncrement = true;
    const onUpdate = /on update ([a-z_]+(?:\(\d*\))?)/.exec(extra);
    if (onUpdate) column.onUpdate = normalizeExpression(dialect, onUpdate[1]);
    if (/(virtual|stored|persistent) generated|generated/i.test(extra) && row.generation) {
      column.generated = { expression: normalizeExpression(dialect, row.generation), stored: /stored|persistent/.test(extra) };
      delete column.default;
    }
    columnsByTable.set(key, [...(columnsByTable.get(key) ?? []), column]);
  }
  for (const [key, columns] of columnsByTable) builder.updateTable(key, (table) => ({ ...table, columns }));

  interface IndexEntry {
    table: string;
    name: string;
    unique: boolean;
    method: string;
    columns: string[];
  }
  const indexes = new Map<string, IndexEntry>();
  for (const row of await rows(db, INDEX_COLUMNS)) {
    const table = builder.key({ name: row.table_name });
    const id = `${table}\u0000${row.name}`;
    const entry: IndexEntry = indexes.get(id) ?? { table, name: row.name, unique: Number(row.non_unique) === 0, method: String(row.method).toLowerCase(), columns: [] };
    entry.columns.push(row.column_name);
    indexes.set(id, entry);
  }
  for (const entry of indexes.values()) {
    builder.updateTable(entry.table, (table) => {
      if (entry.name === 'PRIMARY') return { ...table, primaryKey: { name: 'PRIMARY', columns: entry.columns, ...NO_PROVENANCE } };
      if (entry.unique) return { ...table, uniques: [...table.uniques, { name: entry.name, columns: entry.columns, ...NO_PROVENANCE }] };
      const index: Index = { name: entry.name, unique: false, method: entry.method, columns: entry.columns, ...NO_PROVENANCE };
      return { ...table, indexes: [...table.indexes, index] };
    });
  }

  interface ForeignKeyEntry {
    table: string;
    name: string;
    columns: string[];
    target: string;
    targetColumns: string[];
    onDelete: ReferentialAction;
    onUpdate: ReferentialAction;
  }
  const foreignKeys = new Map<string, ForeignKeyEntry>();
  for (const row of await rows(db, FOREIGN_KEYS)) {
    const table = builder.key({ name: row.table_name });
    const id = `${table}\u0000${row.name}`;
    const entry: ForeignKeyEntry = foreignKeys.get(id) ?? {
      table,
      name: row.name,
      columns: [],
      target: builder.key({ name: row.target }),
      targetColumns: [],
      onDelete: ACTIONS[row.on_delete] ?? 'restrict',
      onUpdate: ACTIONS[row.on_update] ?? 'restrict',
    };
    entry.columns.push(row.column_name);
    entry.targetColumns.push(row.target_column);
    foreignKeys.set(id, entry);
  }
  for (const fk of foreignKeys.values()) {
    const foreignKey = { name: fk.name, columns: fk.columns, targetTable: fk.target, targetColumns: fk.targetColumns, onDelete: fk.onDelete, onUpdate: fk.onUpdate, ...NO_PROVENANCE };
    builder.updateTable(fk.table, (table) => ({ ...table, foreignKeys: [...table.foreignKeys, foreignKey] }));
  }

  for (const row of checks) {
    const key = builder.key({ name: row.table_name });
    if (jsonColumns.has(`${key}.${String(row.name).toLowerCase()}`)) continue;
    const check: CheckConstraint = { name: row.name, expression: normalizeExpression(dialect, String(row.expression)), ...NO_PROVENANCE };
    builder.updateTable(key, (table) => ({ ...table, checks: [...table.checks, check] }));
  }

  for (const row of await rows(db, TRIGGERS)) {
    const name = { name: String(row.name) };
    builder.addNamed('triggers', builder.key(name), builder.namedObject(name, builder.key({ name: row.table_name })));
  }
  for (const row of await rows(db, ROUTINES)) {
    const name = { name: String(row.name) };
    builder.addNamed('functions', builder.key(name), builder.namedObject(name));
  }
  return builder.build();
}

/**
 * COLUMN_DEFAULT as replay would store the default. MariaDB quotes literals and writes `NULL` for
 * "no default"; MySQL 8 writes literals bare and flags expressions with DEFAULT_GENERATED.
 */
function columnDefault(dialect: Dialect, value: unknown, extra: string, typeName: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value);
  if (dialect === 'mariadb') return normalizeDefault(dialect, text);
  const isExpression = extra.includes('default_generated') || /^current_timestamp/i.test(text);
  const isNumber = /^-?\d+(\.\d+)?$/.test(text) && !/char|text|enum|set/.test(typeName);
  return normalizeDefault(dialect, isExpression || isNumber ? text : `'${text.replace(/'/g, "''")}'`);
}
