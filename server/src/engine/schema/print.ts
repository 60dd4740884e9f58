// Renders a snapshot for people and tools: as JSON (stable: objects sorted by name, columns in
// table order, no undefined fields) and as DDL in the snapshot's dialect that recreates it on an
// empty database (foreign keys after the tables, so tables can be created in name order; views,
// functions and triggers last, as the migrations wrote them).

import type { Column, ForeignKey, Index, NamedObject, Origin, Provenance, Schema, Table, View } from './model.js';
import { isPostgres } from './names.js';
import { MYSQL_RESERVED, POSTGRES_RESERVED } from './reserved-words.js';
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

export function quoteIdentifier(dialect: Schema['dialect'], name: string): string {
  if (isPostgres(dialect)) return POSTGRES_PLAIN.test(name) && !POSTGRES_RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && !MYSQL_RESERVED.has(name.toLowerCase()) ? name : `\`${name.replace(/`/g, '``')}\``;
}

export interface SqlOptions {
  /**
   * The text of the statement at `origin` (the snapshot keeps no view, function or trigger
   * bodies): such an object created by one statement and not changed since is printed as that
   * statement; without it, or after a change, as a comment.
   */
  statementText?(origin: Origin): string | undefined;
}

/** DDL that recreates the snapshot on an empty database. */
export function schemaToSql(schema: Schema, options: SqlOptions = {}): string {
  const q = (name: string) => quoteIdentifier(schema.dialect, name);
  const qualified = (object: { schema?: string; name: string }) => (object.schema ? `${q(object.schema)}.${q(object.name)}` : q(object.name));
  const list = (columns: readonly string[]) => columns.map(q).join(', ');
  const postgres = isPostgres(schema.dialect);
  const out: string[] = [];

  for (const [, extension] of schema.extensions.sortedEntries()) out.push(`CREATE EXTENSION IF NOT EXISTS ${q(extension.name)};`);
  for (const [, namespace] of schema.schemas.sortedEntries()) out.push(`CREATE SCHEMA ${q(namespace.name)};`);
  for (const [, type] of schema.enums.sortedEntries()) out.push(`CREATE TYPE ${qualified(type)} AS ENUM (${type.values.map(literal).join(', ')});`);
  for (const [, sequence] of schema.sequences.sortedEntries()) out.push(`CREATE SEQUENCE ${qualified(sequence)};`);
  // A serial column's sequence is not an object of its own in the snapshot, only its default's
  // nextval(): created before the tables and owned by its column after them, as `serial` does.
  const serials = postgres ? serialSequences(schema) : [];
  for (const { sequence } of serials) out.push(`CREATE SEQUENCE ${sequence};`);

  const tables = schema.tables.sortedEntries().map(([, table]) => table);
  for (const table of tables) {
    const lines = table.columns.map((column) => `  ${columnSql(schema, q, column)}`);
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
  for (const { sequence, table, column } of serials) out.push(`ALTER SEQUENCE ${sequence} OWNED BY ${qualified(table)}.${q(column)};`);
  for (const table of tables) {
    for (const fk of table.foreignKeys) {
      const statement = `ALTER TABLE ${qualified(table)} ADD ${foreignKeySql(schema, q, fk)};`;
      // A history can drop a table that keys still reference (with checks off): that key cannot be created.
      out.push(schema.tables.has(fk.targetTable) ? statement : `-- ${statement} (table ${fk.targetTable} no longer exists)`);
    }
  }
  const bodies: [Provenance, string][] = [
    ...schema.functions.sortedEntries().map(([, fn]): [Provenance, string] => [fn, `function ${qualified(fn)}`]),
    ...schema.views.sortedEntries().map(([, view]): [Provenance, string] => [view, `${view.materialized ? 'materialized view' : 'view'} ${qualified(view)} (reads ${(view as View).references.join(', ') || 'no tables'})`]),
    ...schema.triggers.sortedEntries().map(([, trigger]): [Provenance, string] => [trigger, `trigger ${q(trigger.name)}${trigger.table ? ` on ${trigger.table}` : ''}`]),
  ];
  // In the order the history created them: a view reads the views and functions before it.
  for (const [object, comment] of bodies.sort(([a], [b]) => creationOrder(a, b))) {
    const text = object.created && object.events.length === 0 ? options.statementText?.(object.created)?.trim() : undefined;
    out.push(text ? terminated(text, postgres) : `-- ${comment}: its definition is not known`);
  }
  return out.length ? `${out.join('\n\n')}\n` : '';
}

/**
 * A statement ended for the script: a MySQL routine or trigger whose body holds `;` between
 * DELIMITER lines, as the mysql client needs them.
 */
function terminated(text: string, postgres: boolean): string {
  const bare = text.replace(/;\s*$/, '');
  return !postgres && bare.includes(';') ? `DELIMITER $$\n${bare}$$\nDELIMITER ;` : `${bare};`;
}

/** Made when first used: an Intl.Collator loads ICU's locale data (several ms at start-up). */
let versionOrder: Intl.Collator | undefined;

/** By migration version (a Flyway repeatable, with none, runs after the versioned ones), then by place in the file. */
function creationOrder(a: Provenance, b: Provenance): number {
  const [x, y] = [a.created, b.created];
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  if (x.version !== y.version) return x.version === '' ? 1 : y.version === '' ? -1 : (versionOrder ??= new Intl.Collator('en', { numeric: true })).compare(x.version, y.version);
  return x.file === y.file ? x.range.start - y.range.start : x.file < y.file ? -1 : 1;
}

const NEXTVAL = /^nextval\('((?:[^']|'')+)'(?:::regclass)?\)$/i;

/** The sequences column defaults take values from that the snapshot does not hold as objects. */
function serialSequences(schema: Schema): { sequence: string; table: Table; column: string }[] {
  const known = new Set(schema.sequences.sortedEntries().map(([, sequence]) => (sequence.schema ? `${sequence.schema}.${sequence.name}` : sequence.name)));
  return schema.tables.sortedEntries().flatMap(([, table]) =>
    table.columns.flatMap((column) => {
      const sequence = NEXTVAL.exec(column.default ?? '')?.[1].replace(/''/g, "'");
      return sequence && !known.has(sequence) ? [{ sequence, table, column: column.name }] : [];
    }),
  );
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function columnSql(schema: Schema, q: (name: string) => string, column: Column): string {
  const { dialect } = schema;
  const parts = [q(column.name), typeSql(schema, q, column.type)];
  if (column.generated) parts.push(`GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`);
  if (column.identity) parts.push(`GENERATED ${column.identity.toUpperCase()} AS IDENTITY`);
  if (!column.nullable) parts.push('NOT NULL');
  if (column.default !== undefined) parts.push(`DEFAULT ${column.default}`);
  if (column.onUpdate) parts.push(`ON UPDATE ${column.onUpdate}`);
  if (column.autoIncrement && !isPostgres(dialect)) parts.push('AUTO_INCREMENT');
  return parts.join(' ');
}

/** An enum type by its own (quoted) name, others as the catalog spells them. */
function typeSql(schema: Schema, q: (name: string) => string, type: Column['type']): string {
  const userType = isPostgres(schema.dialect) ? schema.enums.sortedEntries().find(([, e]) => (e.schema ? `${e.schema}.${e.name}` : e.name) === type.name)?.[1] : undefined;
  if (!userType) return formatType(type);
  return `${userType.schema ? `${q(userType.schema)}.` : ''}${q(userType.name)}${'[]'.repeat(type.arrayDims)}`;
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
