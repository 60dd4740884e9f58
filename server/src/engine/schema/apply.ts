// Applies one change of the change model to the schema being replayed. Never throws: a change
// against a missing object, or creating one that exists, becomes a ReplayEvent and replay goes on
// with the schema a real server would have been left with.

import type {
  AlterTypeChange,
  Change,
  CreateTableChange,
  CreateViewChange,
  DataChange,
  DropChange,
  Name,
  ObjectKind,
} from '../model/changes.js';
import { applyAlterTable, dropIndexOf, renameIndexOf } from './apply-alter-table.js';
import type { SchemaEditor } from './editor.js';
import type { Column, EnumType, NamedObject, Table } from './model.js';
import { tablesReferencing } from './lookup.js';
import { columnKey, isPostgres } from './names.js';
import { renameTable } from './renames.js';
import { addConstraint, addIndex, columnFromDef, findColumn, newTable, serialUniqueConstraint, storageOptions } from './table-edit.js';

export function applyChange(editor: SchemaEditor, change: Change): void {
  switch (change.kind) {
    case 'create-table':
      return createTable(editor, change);
    case 'alter-table':
      return applyAlterTable(editor, change);
    case 'rename-table':
      for (const { from, to } of change.renames) {
        const key = editor.key(from);
        if (editor.schema.tables.has(key)) renameTable(editor, key, to);
        else editor.missing('table', from.raw, key, from);
      }
      return;
    case 'drop':
      for (const name of change.names) drop(editor, change, name);
      return;
    case 'create-index':
      return createIndex(editor, change.index.table, (table, key) => addIndex(editor, key, table, change.index));
    case 'create-type':
      return createType(editor, change.name, change.variant === 'enum' ? change.values : undefined);
    case 'alter-type':
      return alterType(editor, change);
    case 'create-view':
      return createView(editor, change);
    case 'create-function':
      editor.put('functions', editor.key(change.name), { ...namedObject(editor, change.name), volatility: change.volatility ?? 'volatile' });
      return;
    case 'create-trigger':
      return createTrigger(editor, change.name, change.table, change.orReplace);
    case 'create-extension':
      return createNamed(editor, 'extensions', 'extension', { name: change.name, raw: change.name, range: editor.origin.range }, change.ifNotExists);
    case 'create-schema':
      return createNamed(editor, 'schemas', 'schema', { name: change.name, raw: change.name, range: editor.origin.range }, change.ifNotExists);
    case 'create-sequence':
      return createNamed(editor, 'sequences', 'sequence', change.name, false);
    case 'alter-sequence':
      if (!editor.named('sequences', change.name) && !ownedByColumn(editor, change.name)) editor.missing('sequence', change.name.raw, editor.key(change.name), change.name);
      return;
    case 'data':
      return checkDataChange(editor, change);
    case 'create-domain':
    case 'alter-domain':
    case 'transaction':
    case 'set':
    case 'comment':
    case 'reindex':
      return;
    case 'other':
      if (change.object && change.renamedTo !== undefined) renameObject(editor, change.object.kind, change.object.name, change.renamedTo);
      return;
  }
}

/** ALTER INDEX/VIEW/SEQUENCE/FUNCTION … RENAME TO: objects without a change kind of their own. */
function renameObject(editor: SchemaEditor, kind: ObjectKind, name: Name, to: string): void {
  const key = editor.key(name);
  if (kind === 'index') {
    const tableKey = editor.schema.indexOwners.get(key);
    const table = tableKey === undefined ? undefined : editor.schema.tables.get(tableKey);
    if (table && tableKey !== undefined) editor.putTable(tableKey, renameIndexOf(editor, tableKey, table, name.name, to, name.range));
    else editor.missing('index', name.raw, key, name);
    return;
  }
  if (kind === 'table') {
    if (editor.schema.tables.has(key)) renameTable(editor, key, { ...name, name: to, raw: to });
    else editor.missing('table', name.raw, key, name);
    return;
  }
  const map = DROP_MAPS[kind];
  if (!map || map === 'enums') return;
  const existing = editor.schema[map].get(key) as NamedObject | undefined;
  if (!existing) {
    editor.missing(HISTORY_KINDS[map], name.raw, key, name);
    return;
  }
  editor.recordHistory(HISTORY_KINDS[map], key, existing.name, existing, to);
  editor.remove(map, key);
  editor.put(map, editor.key({ schema: name.schema, name: to }), editor.withEvent({ ...existing, name: to }, 'renamed', `renamed from \`${existing.name}\``, existing.name) as never);
}

function namedObject(editor: SchemaEditor, name: Name, table?: string): NamedObject {
  const object: NamedObject = { name: name.name, ...editor.created() };
  if (name.schema !== undefined && editor.key(name) !== editor.key({ name: name.name })) object.schema = name.schema;
  if (table !== undefined) object.table = table;
  return object;
}

function createNamed(editor: SchemaEditor, map: 'extensions' | 'schemas' | 'sequences', kind: 'extension' | 'schema' | 'sequence', name: Name, ifNotExists: boolean): void {
  const key = editor.key(name);
  if (editor.named(map, name)) {
    if (!ifNotExists) editor.exists(kind, name.raw, key, name);
    return;
  }
  editor.put(map, key, namedObject(editor, name));
}

/** A sequence a serial or identity column of a table in the same schema created. */
function ownedByColumn(editor: SchemaEditor, name: Name): boolean {
  if (!isPostgres(editor.dialect)) return false;
  const inSchema = (schema: string | undefined) => (schema && schema !== 'public' ? schema : undefined);
  for (const table of editor.schema.tables.values()) {
    if (inSchema(table.schema) === inSchema(name.schema) && table.columns.some((column) => column.ownedSequence === name.name)) return true;
  }
  return false;
}

function createTable(editor: SchemaEditor, change: CreateTableChange): void {
  // Temporary tables vanish with the session; they are never part of the migrated schema.
  if (change.temporary) return;
  const key = editor.key(change.table);
  if (editor.schema.tables.has(key) || editor.schema.views.has(key)) {
    if (!change.ifNotExists) editor.exists('table', change.table.raw, key, change.table);
    return;
  }
  // The new table is built in place; it is shared only once putTable stores it.
  const table: { -readonly [K in keyof Table]: Table[K] } = newTable(editor, change.table.name, change.table.schema);
  Object.assign(table, storageOptions(change.options, table));
  const columns: Column[] = [];
  const source = change.like ?? change.partitionOf;
  if (source) {
    const copied = editor.table(source);
    if (copied) for (const column of copied.columns) columns.push({ ...column, ...editor.created() });
    else {
      editor.missing('table', source.raw, editor.key(source), source);
      table.columnsUnknown = true;
    }
  }
  if (change.fromQuery) table.columnsUnknown = true;
  for (const def of change.columns) columns.push(columnFromDef(editor, table, def));
  table.columns = columns;
  let created: Table = table;
  const serialUniques = isPostgres(editor.dialect) ? [] : change.columns.flatMap((def) => serialUniqueConstraint(def) ?? []);
  // Keys first, foreign keys last: MySQL only creates an index for a foreign key when none of
  // the table's keys can serve it.
  const constraints = [...change.constraints, ...serialUniques];
  for (const constraint of constraints) if (constraint.kind !== 'foreign-key') created = addConstraint(editor, key, created, constraint);
  for (const index of change.indexes) created = addIndex(editor, key, created, index);
  for (const constraint of constraints) if (constraint.kind === 'foreign-key') created = addConstraint(editor, key, created, constraint);
  editor.putTable(key, created);
}

function createIndex(editor: SchemaEditor, tableName: Name, add: (table: Table, key: string) => Table): void {
  const key = editor.key(tableName);
  const table = editor.schema.tables.get(key);
  if (table) editor.putTable(key, add(table, key));
  // Indexes on materialized views are not modelled; only a missing relation is an error.
  else if (!editor.schema.views.has(key)) editor.missing('table', tableName.raw, key, tableName);
}

const DROP_MAPS: Partial<Record<ObjectKind, 'views' | 'enums' | 'functions' | 'extensions' | 'sequences' | 'schemas'>> = {
  view: 'views',
  'materialized-view': 'views',
  type: 'enums',
  function: 'functions',
  procedure: 'functions',
  extension: 'extensions',
  sequence: 'sequences',
  schema: 'schemas',
};

const HISTORY_KINDS = {
  views: 'view',
  enums: 'enum',
  functions: 'function',
  extensions: 'extension',
  sequences: 'sequence',
  schemas: 'schema',
} as const;

function drop(editor: SchemaEditor, change: DropChange, name: Name): void {
  const key = editor.key(name);
  if (change.objectKind === 'table') return dropTable(editor, name, change.ifExists, change.cascade);
  if (change.objectKind === 'index') return dropIndex(editor, change, name);
  if (change.objectKind === 'trigger') return dropTrigger(editor, change, name);
  const map = DROP_MAPS[change.objectKind];
  if (!map) return;
  const kind = HISTORY_KINDS[map];
  const existing = editor.schema[map].get(key) as NamedObject | EnumType | undefined;
  if (!existing && map === 'sequences' && ownedByColumn(editor, name)) return;
  if (!existing) {
    // DROP TYPE may name a composite or range type, which the model does not keep.
    if (!change.ifExists && map !== 'enums') editor.missing(kind, name.raw, key, name);
    return;
  }
  editor.recordHistory(map === 'views' && (existing as { materialized?: boolean }).materialized ? 'materialized-view' : kind, key, existing.name, existing);
  editor.remove(map, key);
}

function dropTable(editor: SchemaEditor, name: Name, ifExists: boolean, cascade: boolean): void {
  const key = editor.key(name);
  const table = editor.schema.tables.get(key);
  if (!table) {
    if (!ifExists) editor.missing('table', name.raw, key, name);
    return;
  }
  const dependents = tablesReferencing(editor.schema, key);
  if (dependents.length && !cascade && isPostgres(editor.dialect)) {
    const names = dependents.map(([, t]) => `\`${t.name}\``).join(', ');
    editor.report('dependents', 'table', table.name, key, `table \`${table.name}\` is still referenced by foreign keys of ${names}`, name);
  }
  if (cascade) {
    for (const [otherKey, other] of dependents) {
      editor.putTable(otherKey, editor.withEvent({ ...other, foreignKeys: other.foreignKeys.filter((fk) => fk.targetTable !== key) }, 'altered', `foreign keys to \`${table.name}\` dropped by CASCADE`));
    }
  }
  for (const indexName of editor.linked('indexes', key)) editor.setIndexOwner(indexName, undefined);
  for (const triggerKey of editor.linked('triggers', key)) editor.remove('triggers', triggerKey);
  editor.recordHistory('table', key, table.name, table);
  editor.deleteTable(key);
}

function dropIndex(editor: SchemaEditor, change: DropChange, name: Name): void {
  const tableName = change.table;
  const tableKey = tableName ? editor.key(tableName) : editor.schema.indexOwners.get(editor.key(name));
  const table = tableKey === undefined ? undefined : editor.schema.tables.get(tableKey);
  if (!table || tableKey === undefined) {
    if (!change.ifExists) editor.missing('index', name.raw, editor.key(name), name);
    return;
  }
  const updated = change.ifExists && !table.indexes.some((i) => i.name === name.name) ? table : dropIndexOf(editor, tableKey, table, name.name, name.raw, name.range);
  if (updated) editor.putTable(tableKey, updated);
}

/** PostgreSQL triggers belong to a table (`name ON table`); MySQL's to the database. */
function triggerKey(editor: SchemaEditor, name: Name, tableKey: string | undefined): string {
  return isPostgres(editor.dialect) && tableKey !== undefined ? `${tableKey}.${name.name}` : editor.key(name);
}

function createTrigger(editor: SchemaEditor, name: Name, tableName: Name, orReplace: boolean): void {
  const tableKey = editor.key(tableName);
  if (!editor.schema.tables.has(tableKey) && !editor.schema.views.has(tableKey)) editor.missing('table', tableName.raw, tableKey, tableName);
  const key = triggerKey(editor, name, tableKey);
  if (editor.schema.triggers.has(key) && !orReplace) {
    editor.exists('trigger', name.raw, key, name);
    return;
  }
  editor.put('triggers', key, namedObject(editor, name, tableKey));
}

function dropTrigger(editor: SchemaEditor, change: DropChange, name: Name): void {
  const key = triggerKey(editor, name, change.table && editor.key(change.table));
  const trigger = editor.schema.triggers.get(key);
  if (!trigger) {
    if (!change.ifExists) editor.missing('trigger', name.raw, key, name);
    return;
  }
  editor.recordHistory('trigger', key, trigger.name, trigger);
  editor.remove('triggers', key);
}

function createType(editor: SchemaEditor, name: Name, values: readonly string[] | undefined): void {
  const key = editor.key(name);
  if (editor.schema.enums.has(key)) {
    editor.exists('enum', name.raw, key, name);
    return;
  }
  // Only enums are modelled: their values matter to columns and to comparison.
  if (!values) return;
  const type: EnumType = { name: name.name, values, ...editor.created() };
  if (name.schema !== undefined && editor.key(name) !== editor.key({ name: name.name })) type.schema = name.schema;
  editor.put('enums', key, type);
}

function alterType(editor: SchemaEditor, change: AlterTypeChange): void {
  const key = editor.key(change.name);
  const type = editor.schema.enums.get(key);
  if (!type) {
    if (change.action.kind !== 'other') editor.missing('enum', change.name.raw, key, change.name);
    return;
  }
  const { action } = change;
  switch (action.kind) {
    case 'add-value': {
      if (type.values.includes(action.value)) {
        if (!action.ifNotExists) editor.exists('enum', `${type.name}.${action.value}`, key, change.name);
        return;
      }
      const anchor = action.before ?? action.after;
      const at = anchor === undefined ? type.values.length : type.values.indexOf(anchor) + (action.after !== undefined ? 1 : 0);
      const values = [...type.values];
      values.splice(at < 0 ? values.length : at, 0, action.value);
      editor.put('enums', key, editor.withEvent({ ...type, values }, 'altered', `value '${action.value}' added`));
      return;
    }
    case 'rename-value':
      editor.put('enums', key, editor.withEvent({ ...type, values: type.values.map((v) => (v === action.from ? action.to : v)) }, 'altered', `value '${action.from}' renamed to '${action.to}'`));
      return;
    case 'rename': {
      const toKey = editor.key({ schema: change.name.schema, name: action.to });
      editor.recordHistory('enum', key, type.name, type, action.to);
      editor.remove('enums', key);
      editor.put('enums', toKey, editor.withEvent({ ...type, name: action.to }, 'renamed', `renamed from \`${type.name}\``, type.name));
      return;
    }
    case 'other':
      return;
  }
}

function createView(editor: SchemaEditor, change: CreateViewChange): void {
  const key = editor.key(change.name);
  if ((editor.schema.views.has(key) && !change.orReplace) || editor.schema.tables.has(key)) {
    if (!change.ifNotExists) editor.exists(change.materialized ? 'materialized-view' : 'view', change.name.raw, key, change.name);
    return;
  }
  const references: string[] = [];
  for (const reference of change.references) {
    const referenceKey = editor.key(reference);
    if (!editor.schema.tables.has(referenceKey) && !editor.schema.views.has(referenceKey)) editor.missing('table', reference.raw, referenceKey, reference);
    references.push(referenceKey);
  }
  const view = { ...namedObject(editor, change.name), materialized: change.materialized, references };
  editor.put('views', key, view);
}

function checkDataChange(editor: SchemaEditor, change: DataChange): void {
  for (const name of change.tables) {
    const key = editor.key(name);
    const table = editor.schema.tables.get(key);
    if (!table) {
      if (!editor.schema.views.has(key)) editor.missing('table', name.raw, key, name);
      continue;
    }
    if (change.tables.length !== 1 || table.columnsUnknown) continue;
    for (const column of change.columns) {
      if (!findColumn(editor.dialect, table, column)) {
        editor.missing('column', `${table.name}.${column}`, `${key}.${columnKey(editor.dialect, column)}`, name);
      }
    }
  }
}
