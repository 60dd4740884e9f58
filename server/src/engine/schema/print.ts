// Renders a snapshot for people and tools: as JSON (stable: objects sorted by name, columns in
// table order, no undefined fields) and as DDL in the snapshot's dialect that recreates it
// (foreign keys last, so tables can be created in name order).

import type { Column, ForeignKey, Index, NamedObject, Provenance, Schema, Table } from './model.js';
import { isPostgres } from './names.js';
import { formatType } from './types.js';

export interface JsonOptions {
  /** Adds `createdIn` (version and file) to every object that has provenance. */
  provenance?: boolean;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function schemaToJson(schema: Schema, options: JsonOptions = {}): { [key: string]: Json } {
  const origin = (object: Provenance): { createdIn?: Json } =>
    options.provenance && object.created ? { createdIn: { version: object.created.version, file: object.created.file } } : {};
  const clean = (object: object): { [key: string]: Json } => {
    const out: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(object)) {
      if (value === undefined || key === 'created' || key === 'events') continue;
      out[key] = value as Json;
    }
    return { ...out, ...origin(object as Provenance) };
  };
  const byName = <T extends { name: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const table = (t: Table): Json =>
    clean({
      ...t,
      columns: t.columns.map((c) => clean({ ...c, type: formatType(c.type) })),
      primaryKey: t.primaryKey && clean(t.primaryKey),
      uniques: byName(t.uniques).map(clean),
      foreignKeys: byName(t.foreignKeys).map(clean),
      checks: byName(t.checks).map(clean),
      indexes: byName(t.indexes).map((i) => clean({ ...i, servesForeignKey: undefined })),
    });
  const named = (objects: Iterable<[string, NamedObject]>): Json[] => [...objects].map(([, object]) => clean(object));
  return {
    dialect: schema.dialect,
    tables: schema.tables.sortedEntries().map(([, t]) => table(t)),
    enums: schema.enums.sortedEntries().map(([, e]) => clean(e)),
    views: schema.views.sortedEntries().map(([, v]) => clean(v)),
    sequences: named(schema.sequences.sortedEntries()),
    functions: named(schema.functions.sortedEntries()),
    triggers: named(schema.triggers.sortedEntries()),
    extensions: named(schema.extensions.sortedEntries()),
    schemas: named(schema.schemas.sortedEntries()),
  };
}

const POSTGRES_PLAIN = /^[a-z_][a-z0-9_$]*$/;
const RESERVED = new Set(['user', 'order', 'group', 'table', 'select', 'from', 'where', 'default', 'check', 'column', 'primary', 'references', 'key', 'index', 'limit', 'offset', 'desc', 'asc', 'end', 'to', 'all', 'and', 'or', 'not', 'null', 'unique', 'grant']);

export function quoteIdentifier(dialect: Schema['dialect'], name: string): string {
  if (isPostgres(dialect)) return POSTGRES_PLAIN.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name.toLowerCase()) ? name : `\`${name.replace(/`/g, '``')}\``;
}

/** DDL that recreates the snapshot; views, functions and triggers appear as comments (their bodies are not kept). */
export function schemaToSql(schema: Schema): string {
  const q = (name: string) => quoteIdentifier(schema.dialect, name);
  const qualified = (object: { schema?: string; name: string }) => (object.schema ? `${q(object.schema)}.${q(object.name)}` : q(object.name));
  const list = (columns: readonly string[]) => columns.map(q).join(', ');
  const postgres = isPostgres(schema.dialect);
  const out: string[] = [];

  for (const [, extension] of schema.extensions.sortedEntries()) out.push(`CREATE EXTENSION IF NOT EXISTS ${q(extension.name)};`);
  for (const [, namespace] of schema.schemas.sortedEntries()) out.push(`CREATE SCHEMA ${q(namespace.name)};`);
  for (const [, type] of schema.enums.sortedEntries()) out.push(`CREATE TYPE ${qualified(type)} AS ENUM (${type.values.map(literal).join(', ')});`);
  for (const [, sequence] of schema.sequences.sortedEntries()) out.push(`CREATE SEQUENCE ${qualified(sequence)};`);

  const tables = schema.tables.sortedEntries().map(([, table]) => table);
  for (const table of tables) {
    const lines = table.columns.map((column) => `  ${columnSql(schema.dialect, q, column)}`);
    if (table.primaryKey) {
      const name = postgres && table.primaryKey.name ? `CONSTRAINT ${q(table.primaryKey.name)} ` : '';
      lines.push(`  ${name}PRIMARY KEY (${list(table.primaryKey.columns)})`);
    }
    for (const unique of table.uniques) lines.push(`  CONSTRAINT ${q(unique.name)} UNIQUE (${list(unique.columns)})`);
    for (const check of table.checks) lines.push(`  CONSTRAINT ${q(check.name)} CHECK (${check.expression})`);
    if (!postgres) for (const index of table.indexes) lines.push(`  ${mysqlIndexSql(q, index)}`);
    if (table.columnsUnknown) out.push(`-- the columns of ${qualified(table)} are not known from the migrations`);
    out.push(`CREATE TABLE ${qualified(table)} (\n${lines.join(',\n')}\n);`);
    if (postgres) for (const index of table.indexes) out.push(postgresIndexSql(q, qualified(table), index));
  }
  for (const table of tables) {
    for (const fk of table.foreignKeys) out.push(`ALTER TABLE ${qualified(table)} ADD ${foreignKeySql(schema, q, fk)};`);
  }
  for (const [, view] of schema.views.sortedEntries()) out.push(`-- ${view.materialized ? 'materialized view' : 'view'} ${qualified(view)} (reads ${view.references.join(', ') || 'no tables'})`);
  for (const [, fn] of schema.functions.sortedEntries()) out.push(`-- function ${qualified(fn)}`);
  for (const [, trigger] of schema.triggers.sortedEntries()) out.push(`-- trigger ${q(trigger.name)}${trigger.table ? ` on ${trigger.table}` : ''}`);
  return out.length ? `${out.join('\n\n')}\n` : '';
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function columnSql(dialect: Schema['dialect'], q: (name: string) => string, column: Column): string {
  const parts = [q(column.name), formatType(column.type)];
  if (column.generated) parts.push(`GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`);
  if (column.identity) parts.push(`GENERATED ${column.identity.toUpperCase()} AS IDENTITY`);
  if (!column.nullable) parts.push('NOT NULL');
  if (column.default !== undefined) parts.push(`DEFAULT ${column.default}`);
  if (column.onUpdate) parts.push(`ON UPDATE ${column.onUpdate}`);
  if (column.autoIncrement && !isPostgres(dialect)) parts.push('AUTO_INCREMENT');
  return parts.join(' ');
}

function postgresIndexSql(q: (name: string) => string, table: string, index: Index): string {
  const method = index.method === 'btree' ? '' : ` USING ${index.method}`;
  const where = index.where ? ` WHERE ${index.where}` : '';
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${table}${method} (${index.columns.map((c) => (/[()\s]/.test(c) ? c : q(c))).join(', ')})${where};`;
}

function mysqlIndexSql(q: (name: string) => string, index: Index): string {
  const kind = index.method === 'fulltext' ? 'FULLTEXT KEY' : index.method === 'spatial' ? 'SPATIAL KEY' : 'KEY';
  return `${kind} ${q(index.name)} (${index.columns.map((c) => (/[()\s]/.test(c) ? `(${c})` : q(c))).join(', ')})`;
}

function foreignKeySql(schema: Schema, q: (name: string) => string, fk: ForeignKey): string {
  const target = schema.tables.get(fk.targetTable);
  const targetName = target ? (target.schema ? `${q(target.schema)}.${q(target.name)}` : q(target.name)) : fk.targetTable;
  // Each dialect's default action (the one its catalog reports when none was written) is left out.
  const implicit = isPostgres(schema.dialect) ? 'no action' : 'restrict';
  const action = (clause: string, value: string) => (value === implicit ? '' : ` ${clause} ${value.toUpperCase()}`);
  const actions = action('ON DELETE', fk.onDelete) + action('ON UPDATE', fk.onUpdate);
  return `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${fk.columns.map(q).join(', ')}) REFERENCES ${targetName} (${fk.targetColumns.map(q).join(', ')})${actions}`;
}
