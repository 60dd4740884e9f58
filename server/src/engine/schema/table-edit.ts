// Building blocks for changing one table: turning the change model's column and constraint
// definitions into schema objects, naming what the statement left unnamed the way the server
// would, and keeping indexes and constraints consistent when columns go away or change name.

import { prefixLengthsOf, type ColumnDef, type Constraint, type IndexDef, type PrefixLengths, type ReferentialAction } from '../model/changes.js';
import type { Dialect } from '../model/source.js';
import type { SchemaEditor } from './editor.js';
import { normalizeDefault, normalizeExpression } from './expressions.js';
import type { Column, ForeignKey, Index, Table } from './model.js';
import {
  chooseMysqlForeignKeyName,
  chooseMysqlIndexName,
  choosePostgresName,
  columnKey,
  indexKey,
  isPostgres,
  makePostgresName,
  nameTaken,
  postgresColumnsAddition,
  sameColumn,
} from './names.js';
import { isPostgresSerial, normalizeType } from './types.js';
import { escapeRegExp } from '../model/text.js';

export function newTable(editor: SchemaEditor, name: string, schema: string | undefined): Table {
  // Every table has every key (absent ones undefined): one object shape keeps replay's property
  // accesses monomorphic, which matters when thousands of tables are copied.
  const qualified = schema !== undefined && editor.key({ schema, name }) !== editor.key({ name });
  return {
    name,
    schema: qualified ? schema : undefined,
    columns: [],
    primaryKey: undefined,
    uniques: [],
    foreignKeys: [],
    checks: [],
    indexes: [],
    columnsUnknown: undefined,
    charset: undefined,
    rowFormat: undefined,
    engine: undefined,
    ...editor.created(),
  };
}

export function findColumn(dialect: Dialect, table: Table, name: string): Column | undefined {
  const key = columnKey(dialect, name);
  return table.columns.find((column) => columnKey(dialect, column.name) === key);
}

export function columnFromDef(editor: SchemaEditor, table: Table, def: ColumnDef): Column {
  const { dialect } = editor;
  const serial = def.serial || (isPostgres(dialect) && isPostgresSerial(def.type.name));
  const mysqlSerial = !isPostgres(dialect) && def.type.name.toLowerCase() === 'serial';
  const defaultValue = serial ? serialDefault(table.name, def.name) : def.default ? normalizeDefault(dialect, def.default.sql) : undefined;
  // All keys always present, for the same reason as in newTable.
  return {
    name: def.name,
    type: normalizeType(dialect, {
      name: def.type.name,
      args: def.type.args,
      arrayDims: def.type.arrayDims,
      unsigned: def.type.unsigned,
      values: def.type.enumValues,
    }),
    nullable: def.nullable && !serial && !mysqlSerial && !def.identity,
    default: defaultValue,
    identity: def.identity,
    ownedSequence: serial || def.identity ? makePostgresName(table.name, def.name, 'seq') : undefined,
    autoIncrement: def.autoIncrement || mysqlSerial || undefined,
    generated: def.generated && { expression: normalizeExpression(dialect, def.generated.expression.sql), stored: def.generated.stored },
    onUpdate: def.onUpdate && normalizeExpression(dialect, def.onUpdate.sql),
    // Without CHARACTER SET or COLLATE, MySQL gives a new or redefined column its table's default.
    charset: isPostgres(dialect) ? undefined : (def.type.charset ?? charsetOfCollation(def.type.collation) ?? table.charset),
    ...editor.created(),
  };
}

/** PostgreSQL's serial columns default to the next value of `<table>_<column>_seq`. */
function serialDefault(table: string, column: string): string {
  return `nextval('${makePostgresName(table, column, 'seq')}')`;
}

/** A MySQL SERIAL column is also a unique key. */
export function serialUniqueConstraint(def: ColumnDef): Constraint | undefined {
  if (def.type.name.toLowerCase() !== 'serial') return undefined;
  return { kind: 'unique', columns: [def.name], inline: true, range: def.range };
}

/** Whether a constraint of the table already has `name` (MySQL compares names case-insensitively). */
const constraintTaken =
  (dialect: Dialect, table: Table) =>
  (name: string): boolean => {
    const same = (other: string | undefined) => other !== undefined && (isPostgres(dialect) ? other === name : other.toLowerCase() === name.toLowerCase());
    return same(table.primaryKey?.name) || table.uniques.some((u) => same(u.name)) || table.foreignKeys.some((f) => same(f.name)) || table.checks.some((c) => same(c.name));
  };

/** Names PostgreSQL considers taken for a new index: every relation in the namespace. */
function postgresRelationTaken(editor: SchemaEditor, schema: string | undefined): (name: string) => boolean {
  const { tables, views, sequences, indexOwners } = editor.schema;
  return (name) => {
    const key = editor.key({ schema, name });
    return tables.has(key) || views.has(key) || sequences.has(key) || indexOwners.has(key);
  };
}

/** Names MySQL considers taken for a new index: the table's own keys. */
const mysqlIndexTaken = (table: Table): ((name: string) => boolean) =>
  nameTaken('mysql', ['PRIMARY', ...table.uniques.map((u) => u.name), ...table.indexes.map((i) => i.name)]);

function setNotNull(dialect: Dialect, table: Table, columns: readonly string[]): Table {
  const needsChange = (column: Column) => column.nullable && columns.some((name) => sameColumn(dialect, name, column.name));
  if (!table.columns.some(needsChange)) return table;
  return { ...table, columns: table.columns.map((c) => (needsChange(c) ? { ...c, nullable: false } : c)) };
}

function normalizeAction(dialect: Dialect, action: ReferentialAction | undefined): ReferentialAction {
  // MySQL's NO ACTION is RESTRICT, and its catalog says so.
  const value = action ?? 'no action';
  return !isPostgres(dialect) && value === 'no action' ? 'restrict' : value;
}

/** Adds a constraint; `tableKey` is the table's key in the snapshot. */
export function addConstraint(editor: SchemaEditor, tableKey: string, table: Table, constraint: Constraint): Table {
  const { dialect } = editor;
  const postgres = isPostgres(dialect);
  const origin = editor.created();
  switch (constraint.kind) {
    case 'primary-key': {
      if (table.primaryKey) {
        editor.exists('primary-key', `${table.name} primary key`, tableKey, constraint.range);
        return table;
      }
      const name = postgres ? constraint.name ?? choosePostgresName(table.name, undefined, 'pkey', postgresRelationTaken(editor, table.schema)) : 'PRIMARY';
      if (postgres) editor.setIndexOwner(indexKey(dialect, tableKey, name, table.schema), tableKey);
      return setNotNull(dialect, { ...table, primaryKey: { name, columns: constraint.columns, ...prefixes(constraint.prefixLengths), ...origin } }, constraint.columns);
    }
    case 'unique': {
      const name = postgres
        ? constraint.name ?? choosePostgresName(table.name, postgresColumnsAddition(constraint.columns), 'key', postgresRelationTaken(editor, table.schema))
        : constraint.name ?? chooseMysqlIndexName(constraint.columns[0], mysqlIndexTaken(table));
      editor.setIndexOwner(indexKey(dialect, tableKey, name, table.schema), tableKey);
      const withUnique = { ...table, uniques: [...table.uniques, { name, columns: constraint.columns, ...prefixes(constraint.prefixLengths), ...origin }] };
      return postgres ? withUnique : dropIndexesReplacedFor(dialect, withUnique, constraint.columns);
    }
    case 'foreign-key': {
      const target = editor.schema.tables.get(editor.key(constraint.references.table));
      const targetKey = editor.key(constraint.references.table);
      const selfReference = targetKey === tableKey;
      const targetTable = selfReference ? table : target;
      if (!targetTable) editor.missing('table', constraint.references.table.raw, targetKey, constraint.references.table);
      const targetColumns = constraint.references.columns.length ? constraint.references.columns : targetTable?.primaryKey?.columns ?? [];
      if (targetTable && !targetTable.columnsUnknown) {
        for (const column of targetColumns) {
          if (!findColumn(dialect, targetTable, column)) editor.missing('column', `${targetTable.name}.${column}`, `${targetKey}.${columnKey(dialect, column)}`, constraint.references.table);
        }
      }
      const name = postgres
        ? constraint.name ?? choosePostgresName(table.name, postgresColumnsAddition(constraint.columns), 'fkey', constraintTaken(dialect, table))
        : constraint.name ?? chooseMysqlForeignKeyName(table.name, table.foreignKeys.map((f) => f.name));
      const foreignKey: ForeignKey = {
        name,
        columns: constraint.columns,
        targetTable: targetKey,
        targetColumns,
        onDelete: normalizeAction(dialect, constraint.onDelete),
        onUpdate: normalizeAction(dialect, constraint.onUpdate),
        ...origin,
      };
      const withForeignKey = { ...table, foreignKeys: [...table.foreignKeys, foreignKey] };
      return postgres ? withForeignKey : ensureMysqlForeignKeyIndex(editor, tableKey, withForeignKey, foreignKey, constraint.name !== undefined);
    }
    case 'check': {
      const expression = normalizeExpression(dialect, constraint.expression.sql);
      const name = constraint.name ?? generatedCheckName(editor, table, expression, constraint.inline);
      return { ...table, checks: [...table.checks, { name, expression, ...origin }] };
    }
    case 'exclude':
      // Exclusion constraints are PostgreSQL-only and carry no columns the model compares.
      return table;
  }
}

/**
 * PostgreSQL names a check after the one column it reads (`t_price_check`), or `t_check`;
 * MariaDB names a column-level check after its column and others `CONSTRAINT_<n>`;
 * MySQL uses `<table>_chk_<n>`.
 */
function generatedCheckName(editor: SchemaEditor, table: Table, expression: string, inline: boolean | undefined): string {
  const { dialect } = editor;
  const referenced = table.columns.filter((column) => mentions(expression, column.name, dialect));
  const taken = constraintTaken(dialect, table);
  if (isPostgres(dialect)) return choosePostgresName(table.name, referenced.length === 1 ? referenced[0].name : undefined, 'check', taken);
  if (dialect === 'mariadb') {
    if (inline && referenced.length >= 1 && !taken(referenced[0].name)) return referenced[0].name;
    let n = 1;
    while (taken(`CONSTRAINT_${n}`)) n++;
    return `CONSTRAINT_${n}`;
  }
  let n = 1;
  while (taken(`${table.name}_chk_${n}`)) n++;
  return `${table.name}_chk_${n}`;
}

/** Whether a normalised expression names the column (MySQL column names ignore case). */
function mentions(expression: string, column: string, dialect: Dialect): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_$])${escapeRegExp(column)}($|[^A-Za-z0-9_$])`, isPostgres(dialect) ? '' : 'i').test(expression);
}

/** Whether an index or key on `columns` (in order) can serve a foreign key on `needed`. */
function covers(dialect: Dialect, columns: readonly string[], needed: readonly string[]): boolean {
  return needed.every((column, i) => columns[i] !== undefined && sameColumn(dialect, columns[i], column));
}

/**
 * MySQL gives every foreign key an index, creating one when none can serve: named after the
 * constraint when the statement named it, else after its first column.
 */
function ensureMysqlForeignKeyIndex(editor: SchemaEditor, tableKey: string, table: Table, foreignKey: ForeignKey, named: boolean): Table {
  const keys = [table.primaryKey?.columns ?? [], ...table.uniques.map((u) => u.columns), ...table.indexes.map((i) => i.columns)];
  if (keys.some((columns) => covers(editor.dialect, columns, foreignKey.columns))) return table;
  const taken = mysqlIndexTaken(table);
  const name = named && !taken(foreignKey.name) ? foreignKey.name : chooseMysqlIndexName(foreignKey.columns[0], taken);
  editor.setIndexOwner(indexKey(editor.dialect, tableKey, name), tableKey);
  const index: Index = { name, unique: false, method: 'btree', columns: foreignKey.columns, servesForeignKey: true, ...editor.created() };
  return { ...table, indexes: [...table.indexes, index] };
}

/** MySQL silently drops the index it made for a foreign key once another index can serve it. */
function dropIndexesReplacedFor(dialect: Dialect, table: Table, columns: readonly string[]): Table {
  const indexes = table.indexes.filter(
    (index) => !(index.servesForeignKey && covers(dialect, columns, index.columns)),
  );
  return indexes.length === table.indexes.length ? table : { ...table, indexes };
}

export function addIndex(editor: SchemaEditor, tableKey: string, table: Table, def: IndexDef): Table {
  const { dialect } = editor;
  const postgres = isPostgres(dialect);
  const columns = def.elements.map((element) => element.column ?? normalizeExpression(dialect, element.expression ?? ''));
  const method = (def.method ?? 'btree').toLowerCase();
  if (!postgres && def.unique) {
    const name = def.name?.name;
    return addConstraint(editor, tableKey, table, { kind: 'unique', columns, name, ...prefixes(prefixLengthsOf(def.elements)), range: def.range });
  }
  let name = def.name?.name;
  if (name !== undefined) {
    const key = indexKey(dialect, tableKey, name, table.schema);
    const taken = postgres ? postgresRelationTaken(editor, table.schema)(name) : mysqlIndexTaken(table)(name);
    if (taken) {
      if (!def.ifNotExists) editor.exists('index', name, key, def.name);
      return table;
    }
  } else {
    const expressionAware = def.elements.map((element) => element.column ?? postgresExpressionColumnName(element.expression ?? ''));
    name = postgres
      ? choosePostgresName(table.name, postgresColumnsAddition(expressionAware), 'idx', postgresRelationTaken(editor, table.schema))
      : chooseMysqlIndexName(expressionAware[0], mysqlIndexTaken(table));
  }
  editor.setIndexOwner(indexKey(dialect, tableKey, name, table.schema), tableKey);
  const index: Index = { name, unique: def.unique, method, columns, ...prefixes(prefixLengthsOf(def.elements)), ...editor.created() };
  if (def.where) index.where = normalizeExpression(dialect, def.where.sql);
  const withIndex = { ...table, indexes: [...table.indexes, index] };
  return postgres ? withIndex : dropIndexesReplacedFor(dialect, withIndex, columns);
}

/** The field only when some key part is a prefix, so keys without one stay as they were. */
const prefixes = (prefixLengths: PrefixLengths | undefined): { prefixLengths?: PrefixLengths } => (prefixLengths ? { prefixLengths } : {});

/**
 * The name PostgreSQL's FigureColname gives an index expression when naming the index: the
 * function called at the top, the column inside a cast, else `expr`.
 */
function postgresExpressionColumnName(expression: string): string {
  const text = expression.trim().replace(/^\((.*)\)$/s, '$1').trim();
  const call = /^([A-Za-z_][A-Za-z0-9_$]*)\s*\(/.exec(text);
  if (call) return call[1].toLowerCase();
  const cast = /^([A-Za-z_][A-Za-z0-9_$]*)\s*::/.exec(text);
  return cast ? cast[1].toLowerCase() : 'expr';
}

/**
 * Removes a column and what depends on it the way the servers do: PostgreSQL drops every index
 * and constraint that uses it; MySQL takes it out of multi-column indexes and drops the rest.
 */
export function withoutColumn(editor: SchemaEditor, tableKey: string, table: Table, column: string): Table {
  const { dialect } = editor;
  const uses = (columns: readonly string[]) => columns.some((c) => sameColumn(dialect, c, column));
  const postgres = isPostgres(dialect);
  const shrink = <T extends { columns: readonly string[]; name?: string }>(items: readonly T[]): T[] =>
    items.flatMap((item) => {
      if (!uses(item.columns)) return [item];
      const remaining = item.columns.filter((c) => !sameColumn(dialect, c, column));
      if (postgres || remaining.length === 0) {
        if (item.name !== undefined) editor.setIndexOwner(indexKey(dialect, tableKey, item.name, table.schema), undefined);
        return [];
      }
      return [{ ...item, columns: remaining }];
    });
  const next: Table = {
    ...table,
    columns: table.columns.filter((c) => !sameColumn(dialect, c.name, column)),
    uniques: shrink(table.uniques),
    indexes: shrink(table.indexes),
    foreignKeys: table.foreignKeys.filter((f) => !uses(f.columns)),
    checks: postgres ? table.checks.filter((c) => !mentions(c.expression, column, dialect)) : table.checks,
  };
  if (table.primaryKey && uses(table.primaryKey.columns)) {
    const remaining = table.primaryKey.columns.filter((c) => !sameColumn(dialect, c, column));
    if (postgres || remaining.length === 0) {
      delete next.primaryKey;
      if (postgres && table.primaryKey.name) editor.setIndexOwner(indexKey(dialect, tableKey, table.primaryKey.name, table.schema), undefined);
    } else next.primaryKey = { ...table.primaryKey, columns: remaining };
  }
  return next;
}

/** Replaces `from` by `to` in a list of column names. */
export function renameIn(dialect: Dialect, columns: readonly string[], from: string, to: string): readonly string[] {
  return columns.some((c) => sameColumn(dialect, c, from)) ? columns.map((c) => (sameColumn(dialect, c, from) ? to : c)) : columns;
}

/** A column renamed within its own table's constraints and indexes. */
export function withRenamedColumn(dialect: Dialect, table: Table, from: string, to: string): Table {
  const rename = <T extends { columns: readonly string[]; prefixLengths?: PrefixLengths }>(item: T): T => {
    const columns = renameIn(dialect, item.columns, from, to);
    if (columns === item.columns) return item;
    const prefixLengths = item.prefixLengths && Object.fromEntries(Object.entries(item.prefixLengths).map(([column, length]) => [sameColumn(dialect, column, from) ? to : column, length]));
    return { ...item, columns, ...prefixes(prefixLengths) };
  };
  return {
    ...table,
    primaryKey: table.primaryKey && rename(table.primaryKey),
    uniques: table.uniques.map(rename),
    indexes: table.indexes.map(rename),
    foreignKeys: table.foreignKeys.map(rename),
  };
}

/** The character set a MySQL collation belongs to: `utf8mb4_unicode_ci` → `utf8mb4`, `binary` → `binary`. */
export function charsetOfCollation(collation: string | undefined): string | undefined {
  return collation?.toLowerCase().split('_')[0];
}

/**
 * What MySQL table options (lower-case keys: charset, collate, row_format, engine) change of the
 * table's storage; COLLATE alone names the character set too.
 */
export function storageOptions(options: Readonly<Record<string, string>>, table: Table): Pick<Table, 'charset' | 'rowFormat' | 'engine'> {
  const lower = (value: string | undefined) => value?.toLowerCase();
  return {
    charset: lower(options.charset) ?? charsetOfCollation(options.collate) ?? table.charset,
    rowFormat: lower(options.row_format) ?? table.rowFormat,
    engine: lower(options.engine) ?? table.engine,
  };
}
