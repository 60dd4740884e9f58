// Reads a live PostgreSQL catalog (a server through `pg`, or PGlite) into the schema model, with
// the same normalisation replay applies, so compareSchemas() can put the two side by side.
//
// pg_catalog rather than information_schema: only it has index methods and predicates, identity
// and generated columns, enum labels in order, and which index backs which constraint. Arrays
// come back through json_agg, which both `pg` and PGlite decode the same way.

import { normalizeDefault, normalizeExpression } from '../../engine/schema/expressions.js';
import type { Column, Index, Schema } from '../../engine/schema/model.js';
import { normalizeType, parseTypeText } from '../../engine/schema/types.js';
import type { ReferentialAction } from '../../engine/model/changes.js';
import { CatalogSchemaBuilder, NO_PROVENANCE } from './build.js';

/** What both `pg.Client`/`pg.Pool` and `@electric-sql/pglite` offer. */
export interface PostgresQueryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

/** Namespaces that hold the user's objects (not the system's, not temporary ones). */
const USER_NAMESPACE = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

/** Objects an extension installed are the extension's, not the migrations'. */
const notFromExtension = (oid: string) => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = ${oid} AND d.deptype = 'e')`;

const RELATIONS = `
  SELECT c.oid::int8::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm') AND ${USER_NAMESPACE} AND ${notFromExtension('c.oid')}`;

const COLUMNS = `
  SELECT a.attrelid::int8::text AS relation, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
         a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated AS generated,
         pg_get_expr(ad.adbin, ad.adrelid) AS default_value
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND ${USER_NAMESPACE}
  ORDER BY a.attrelid, a.attnum`;

const columnNames = (keys: string, relation: string) =>
  `(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(${keys}) WITH ORDINALITY AS k(num, ord)
    JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.num)`;

const CONSTRAINTS = `
  SELECT con.conrelid::int8::text AS relation, con.conname AS name, con.contype AS type,
         ${columnNames('con.conkey', 'con.conrelid')} AS columns,
         con.confrelid::int8::text AS target, ${columnNames('con.confkey', 'con.confrelid')} AS target_columns,
         con.confdeltype AS on_delete, con.confupdtype AS on_update,
         pg_get_expr(con.conbin, con.conrelid) AS expression
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE con.contype IN ('p', 'u', 'f', 'c') AND ${USER_NAMESPACE}
  ORDER BY con.conname`;

const INDEXES = `
  SELECT i.indrelid::int8::text AS relation, ic.relname AS name, i.indisunique AS is_unique, am.amname AS method,
         pg_get_expr(i.indpred, i.indrelid) AS predicate,
         (SELECT json_agg(pg_get_indexdef(i.indexrelid, k, true) ORDER BY k) FROM generate_series(1, i.indnkeyatts) AS k) AS columns
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
  JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NAMESPACE}
    AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))`;

const ENUMS = `
  SELECT n.nspname AS schema, t.typname AS name, json_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE ${USER_NAMESPACE} AND ${notFromExtension('t.oid')}
  GROUP BY n.nspname, t.typname`;

/** Sequences of serial and identity columns belong to their column, as in replay. */
const SEQUENCES = `
  SELECT n.nspname AS schema, c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'S' AND ${USER_NAMESPACE} AND ${notFromExtension('c.oid')}
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0)`;

const FUNCTIONS = `
  SELECT DISTINCT n.nspname AS schema, p.proname AS name
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p') AND ${USER_NAMESPACE} AND ${notFromExtension('p.oid')}`;

const TRIGGERS = `
  SELECT t.tgname AS name, t.tgrelid::int8::text AS relation
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE NOT t.tgisinternal AND ${USER_NAMESPACE}`;

const EXTENSIONS = `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql'`;

const SCHEMAS = `
  SELECT n.nspname AS name FROM pg_namespace n
  WHERE ${USER_NAMESPACE} AND n.nspname <> 'public' AND ${notFromExtension('n.oid')}`;

const ACTIONS: Record<string, ReferentialAction> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

/** A plain or quoted identifier as pg_get_indexdef prints a column; undefined for expressions. */
function indexColumnName(text: string): string | undefined {
  if (/^[a-z_][a-z0-9_$]*$/.test(text)) return text;
  const quoted = /^"((?:[^"]|"")*)"$/.exec(text);
  return quoted ? quoted[1].replace(/""/g, '"') : undefined;
}

export async function introspectPostgres(db: PostgresQueryable): Promise<Schema> {
  const builder = new CatalogSchemaBuilder('postgres');
  const dialect = 'postgres';
  const keyByOid = new Map<string, string>();

  for (const row of (await db.query(RELATIONS)).rows) {
    const name = { schema: row.schema, name: row.name };
    if (row.kind === 'v' || row.kind === 'm') {
      builder.addNamed('views', builder.key(name), { ...builder.namedObject(name), materialized: row.kind === 'm', references: [] });
      continue;
    }
    builder.addTable(name);
    keyByOid.set(row.oid, builder.key(name));
  }

  const columnsByTable = new Map<string, Column[]>();
  for (const row of (await db.query(COLUMNS)).rows) {
    const key = keyByOid.get(row.relation);
    if (key === undefined) continue;
    const type = normalizeType(dialect, parseTypeText(row.type));
    const column: Column = { name: row.name, type, nullable: !row.not_null, ...NO_PROVENANCE };
    if (row.identity === 'a') column.identity = 'always';
    if (row.identity === 'd') column.identity = 'by default';
    if (row.generated === 's' && row.default_value) column.generated = { expression: normalizeExpression(dialect, row.default_value), stored: true };
    else if (row.default_value) {
      const value = normalizeDefault(dialect, row.default_value);
      if (value !== undefined) column.default = value;
    }
    columnsByTable.set(key, [...(columnsByTable.get(key) ?? []), column]);
  }
  for (const [key, columns] of columnsByTable) builder.updateTable(key, (table) => ({ ...table, columns }));

  for (const row of (await db.query(CONSTRAINTS)).rows) {
    const key = keyByOid.get(row.relation);
    if (key === undefined) continue;
    const columns: string[] = row.columns ?? [];
    builder.updateTable(key, (table) => {
      switch (row.type) {
        case 'p':
          return { ...table, primaryKey: { name: row.name, columns, ...NO_PROVENANCE } };
        case 'u':
          return { ...table, uniques: [...table.uniques, { name: row.name, columns, ...NO_PROVENANCE }] };
        case 'f': {
          const foreignKey = {
            name: row.name,
            columns,
            targetTable: keyByOid.get(row.target) ?? row.target,
            targetColumns: row.target_columns ?? [],
            onDelete: ACTIONS[row.on_delete] ?? 'no action',
            onUpdate: ACTIONS[row.on_update] ?? 'no action',
            ...NO_PROVENANCE,
          };
          return { ...table, foreignKeys: [...table.foreignKeys, foreignKey] };
        }
        default:
          return { ...table, checks: [...table.checks, { name: row.name, expression: normalizeExpression(dialect, row.expression ?? ''), ...NO_PROVENANCE }] };
      }
    });
  }

  for (const row of (await db.query(INDEXES)).rows) {
    const key = keyByOid.get(row.relation);
    if (key === undefined) continue;
    const columns = (row.columns ?? []).map((text: string) => indexColumnName(text) ?? normalizeExpression(dialect, text));
    const index: Index = { name: row.name, unique: row.is_unique, method: row.method, columns, ...NO_PROVENANCE };
    if (row.predicate) index.where = normalizeExpression(dialect, row.predicate);
    builder.updateTable(key, (table) => ({ ...table, indexes: [...table.indexes, index] }));
  }

  for (const row of (await db.query(ENUMS)).rows) {
    const name = { schema: row.schema, name: row.name };
    builder.addNamed('enums', builder.key(name), { ...builder.namedObject(name), values: row.labels });
  }
  for (const row of (await db.query(SEQUENCES)).rows) builder.addNamed('sequences', builder.key(row), builder.namedObject(row));
  for (const row of (await db.query(FUNCTIONS)).rows) builder.addNamed('functions', builder.key(row), builder.namedObject(row));
  for (const row of (await db.query(TRIGGERS)).rows) {
    const tableKey = keyByOid.get(row.relation);
    if (tableKey === undefined) continue;
    builder.addNamed('triggers', `${tableKey}.${row.name}`, builder.namedObject({ name: row.name }, tableKey));
  }
  for (const row of (await db.query(EXTENSIONS)).rows) builder.addNamed('extensions', row.name, builder.namedObject({ name: row.name }));
  for (const row of (await db.query(SCHEMAS)).rows) builder.addNamed('schemas', row.name, builder.namedObject({ name: row.name }));
  return builder.build();
}
