// ALTER TABLE: each action applied to the table in turn, recorded in the table's and column's
// provenance. An action against a missing column or constraint becomes a `missing` event and
// the rest of the statement still applies.

import type { AlterTableAction, AlterTableChange, Name } from '../model/changes.js';
import type { SchemaEditor } from './editor.js';
import { normalizeDefault } from './expressions.js';
import type { Column, ObjectEvent, Table } from './model.js';
import { columnKey, indexKey, isPostgres, sameColumn } from './names.js';
import { renameColumnReferences, renameTable, renameTargetColumns } from './renames.js';
import {
  addConstraint,
  addIndex,
  columnFromDef,
  findColumn,
  serialUniqueConstraint,
  storageOptions,
  withRenamedColumn,
  withoutColumn,
} from './table-edit.js';
import { normalizeType } from './types.js';

export function applyAlterTable(editor: SchemaEditor, change: AlterTableChange): void {
  let tableKey = editor.key(change.table);
  const existing = editor.schema.tables.get(tableKey);
  if (!existing) {
    if (!change.ifExists) editor.missing('table', change.table.raw, tableKey, change.table);
    return;
  }
  let table: Table = existing;
  for (const action of change.actions) {
    if (action.kind === 'rename-table') {
      editor.putTable(tableKey, table);
      tableKey = renameTable(editor, tableKey, action.to);
      table = editor.schema.tables.get(tableKey)!;
      continue;
    }
    table = applyAction(editor, tableKey, table, action);
  }
  editor.putTable(tableKey, table);
}

function applyAction(editor: SchemaEditor, tableKey: string, table: Table, action: AlterTableAction): Table {
  const { dialect } = editor;
  const columnRef = (name: string) => `${table.name}.${name}`;
  const columnHistoryKey = (name: string) => `${tableKey}.${columnKey(dialect, name)}`;

  /** Applies `update` to one column, or records it missing. */
  const updateColumn = (name: string, detail: string, update: (column: Column) => Column): Table => {
    const column = findColumn(dialect, table, name);
    if (!column) {
      if (!table.columnsUnknown) editor.missing('column', columnRef(name), columnHistoryKey(name), action.range);
      return table;
    }
    const updated = editor.withEvent(update(column), 'altered', detail);
    return editor.withEvent({ ...table, columns: table.columns.map((c) => (c === column ? updated : c)) }, 'altered', `column \`${column.name}\` ${detail}`);
  };

  switch (action.kind) {
    case 'add-column': {
      if (findColumn(dialect, table, action.column.name)) {
        if (!action.ifNotExists) editor.exists('column', columnRef(action.column.name), columnHistoryKey(action.column.name), action.range);
        return table;
      }
      let next: Table = editor.withEvent({ ...table, columns: [...table.columns, columnFromDef(editor, table, action.column)] }, 'altered', `column \`${action.column.name}\` added`);
      const serialUnique = isPostgres(dialect) ? undefined : serialUniqueConstraint(action.column);
      for (const constraint of serialUnique ? [...action.constraints, serialUnique] : action.constraints) {
        next = addConstraint(editor, tableKey, next, constraint);
      }
      return next;
    }
    case 'drop-column': {
      const column = findColumn(dialect, table, action.column);
      if (!column) {
        if (!action.ifExists && !table.columnsUnknown) editor.missing('column', columnRef(action.raw), columnHistoryKey(action.column), action.range);
        return table;
      }
      editor.recordHistory('column', columnHistoryKey(column.name), columnRef(column.name), column);
      return editor.withEvent(withoutColumn(editor, tableKey, table, column.name), 'altered', `column \`${column.name}\` dropped`);
    }
    case 'alter-column-type':
      return updateColumn(action.column, 'type changed', (c) => ({ ...c, type: normalizeType(dialect, { ...action.type, values: action.type.enumValues }) }));
    case 'set-not-null':
      return updateColumn(action.column, 'set NOT NULL', (c) => ({ ...c, nullable: false }));
    case 'drop-not-null':
      return updateColumn(action.column, 'made nullable', (c) => ({ ...c, nullable: true }));
    case 'set-default':
      return updateColumn(action.column, 'default set', (c) => ({ ...c, default: normalizeDefault(dialect, action.default.sql) }));
    case 'drop-default':
      return updateColumn(action.column, 'default dropped', (c) => ({ ...c, default: undefined }));
    case 'rename-column': {
      const column = findColumn(dialect, table, action.from);
      if (!column) {
        if (!table.columnsUnknown) editor.missing('column', columnRef(action.rawFrom), columnHistoryKey(action.from), action.range);
        return table;
      }
      return renameColumn(editor, tableKey, table, column, action.to);
    }
    case 'redefine-column': {
      const column = findColumn(dialect, table, action.from);
      if (!column) {
        editor.missing('column', columnRef(action.rawFrom), columnHistoryKey(action.from), action.range);
        return table;
      }
      let next = sameColumn(dialect, column.name, action.column.name) ? table : renameColumn(editor, tableKey, table, column, action.column.name);
      const renamed = findColumn(dialect, next, action.column.name)!;
      const redefined: Column = { ...columnFromDef(editor, next, action.column), created: renamed.created, events: renamed.events };
      next = editor.withEvent({ ...next, columns: next.columns.map((c) => (c === renamed ? editor.withEvent(redefined, 'altered', 'redefined') : c)) }, 'altered', `column \`${redefined.name}\` redefined`);
      for (const constraint of action.constraints) next = addConstraint(editor, tableKey, next, constraint);
      return next;
    }
    case 'add-constraint':
      return editor.withEvent(addConstraint(editor, tableKey, table, action.constraint), 'altered', `constraint added`);
    case 'drop-constraint':
      return dropConstraint(editor, tableKey, table, action.name, action.raw, action.ifExists, action.range);
    case 'rename-constraint':
      return renameConstraint(editor, tableKey, table, action.from, action.to, action.range);
    case 'add-index':
      return editor.withEvent(addIndex(editor, tableKey, table, action.index), 'altered', 'index added');
    case 'drop-index':
      return dropIndexOf(editor, tableKey, table, action.name, action.raw, action.range) ?? table;
    case 'rename-index':
      return renameIndexOf(editor, tableKey, table, action.from, action.to, action.range);
    case 'drop-primary-key':
      if (!table.primaryKey) {
        editor.missing('primary-key', `${table.name} primary key`, tableKey, action.range);
        return table;
      }
      return editor.withEvent({ ...table, primaryKey: undefined }, 'altered', 'primary key dropped');
    case 'set-table-option': {
      const storage = storageOptions({ [action.option]: action.value }, table);
      return storage.charset === table.charset && storage.rowFormat === table.rowFormat && storage.engine === table.engine ? table : { ...table, ...storage };
    }
    case 'other':
      return convertedToCharset(table, action.description);
    case 'validate-constraint':
    case 'attach-partition':
    case 'detach-partition':
    case 'rename-table':
      return table;
  }
}

function renameColumn(editor: SchemaEditor, tableKey: string, table: Table, column: Column, to: string): Table {
  const { dialect } = editor;
  editor.recordHistory('column', `${tableKey}.${columnKey(dialect, column.name)}`, `${table.name}.${column.name}`, column, `${table.name}.${to}`);
  const renamed = editor.withEvent({ ...column, name: to }, 'renamed', `renamed from \`${column.name}\``, column.name);
  const next = withRenamedColumn(dialect, { ...table, columns: table.columns.map((c) => (c === column ? renamed : c)) }, column.name, to);
  // Foreign keys point at the column, not its name: they follow the rename, here and elsewhere.
  renameColumnReferences(editor, tableKey, column.name, to);
  const result = renameTargetColumns(dialect, next, tableKey, column.name, to);
  return editor.withEvent(result, 'altered', `column \`${column.name}\` renamed to \`${to}\``);
}

type NamedItems = 'uniques' | 'foreignKeys' | 'checks';

function dropConstraint(editor: SchemaEditor, tableKey: string, table: Table, name: string, raw: string, ifExists: boolean, range: Name['range']): Table {
  const { dialect } = editor;
  const same = (other: string | undefined) => other !== undefined && (isPostgres(dialect) ? other === name : other.toLowerCase() === name.toLowerCase());
  if (same(table.primaryKey?.name)) {
    editor.setIndexOwner(indexKey(dialect, tableKey, name, table.schema), undefined);
    return editor.withEvent({ ...table, primaryKey: undefined }, 'altered', `constraint \`${name}\` dropped`);
  }
  for (const list of ['uniques', 'foreignKeys', 'checks'] as NamedItems[]) {
    const items = table[list] as readonly { name: string }[];
    if (!items.some((item) => same(item.name))) continue;
    if (list === 'uniques') editor.setIndexOwner(indexKey(dialect, tableKey, name, table.schema), undefined);
    return editor.withEvent({ ...table, [list]: items.filter((item) => !same(item.name)) }, 'altered', `constraint \`${name}\` dropped`);
  }
  // MySQL's DROP CONSTRAINT/DROP KEY also reach unique keys through their index name.
  if (!isPostgres(dialect)) {
    const dropped = dropIndexOf(editor, tableKey, table, name, raw, range, true);
    if (dropped) return dropped;
  }
  if (!ifExists) editor.missing('check', `${table.name}.${raw}`, `${tableKey}.${name}`, range);
  return table;
}

function renameConstraint(editor: SchemaEditor, tableKey: string, table: Table, from: string, to: string, range: Name['range']): Table {
  const rename = <T extends { name?: string }>(item: T): T => (item.name === from ? { ...item, name: to } : item);
  const next: Table = {
    ...table,
    primaryKey: table.primaryKey && rename(table.primaryKey),
    uniques: table.uniques.map(rename),
    foreignKeys: table.foreignKeys.map(rename),
    checks: table.checks.map(rename),
  };
  const changed = next.primaryKey !== table.primaryKey || (['uniques', 'foreignKeys', 'checks'] as NamedItems[]).some((list) => next[list].some((item, i) => item !== table[list][i]));
  if (!changed) {
    editor.missing('check', `${table.name}.${from}`, `${tableKey}.${from}`, range);
    return table;
  }
  return editor.withEvent(next, 'altered', `constraint \`${from}\` renamed to \`${to}\``);
}

/** The table without the named index (or MySQL unique key); undefined when it has none. */
export function dropIndexOf(editor: SchemaEditor, tableKey: string, table: Table, name: string, raw: string, range: Name['range'], quiet = false): Table | undefined {
  const { dialect } = editor;
  const same = (other: string) => (isPostgres(dialect) ? other === name : other.toLowerCase() === name.toLowerCase());
  const index = table.indexes.find((i) => same(i.name));
  const unique = isPostgres(dialect) ? undefined : table.uniques.find((u) => same(u.name));
  if (!index && !unique) {
    if (!quiet) editor.missing('index', raw, indexKey(dialect, tableKey, name, table.schema), range);
    return undefined;
  }
  const dropped = (index ?? unique)!;
  editor.setIndexOwner(indexKey(dialect, tableKey, dropped.name, table.schema), undefined);
  editor.recordHistory('index', indexKey(dialect, tableKey, dropped.name, table.schema), dropped.name, dropped);
  return editor.withEvent(
    { ...table, indexes: table.indexes.filter((i) => i !== index), uniques: table.uniques.filter((u) => u !== unique) },
    'altered',
    `index \`${dropped.name}\` dropped`,
  );
}

export function renameIndexOf(editor: SchemaEditor, tableKey: string, table: Table, from: string, to: string, range: Name['range']): Table {
  const { dialect } = editor;
  const same = (other: string | undefined) => other !== undefined && (isPostgres(dialect) ? other === from : other.toLowerCase() === from.toLowerCase());
  const renamed = table.indexes.find((i) => same(i.name)) ?? table.uniques.find((u) => same(u.name)) ?? (isPostgres(dialect) && same(table.primaryKey?.name) ? table.primaryKey : undefined);
  if (!renamed) {
    editor.missing('index', from, indexKey(dialect, tableKey, from, table.schema), range);
    return table;
  }
  const rename = <T extends { name?: string; events: readonly ObjectEvent[] }>(item: T): T =>
    (item as unknown) === renamed ? editor.withEvent({ ...item, name: to }, 'renamed', `renamed from \`${from}\``, from) : item;
  const next: Table = {
    ...table,
    indexes: table.indexes.map(rename),
    uniques: table.uniques.map(rename),
    primaryKey: table.primaryKey && rename(table.primaryKey),
  };
  editor.setIndexOwner(indexKey(dialect, tableKey, from, table.schema), undefined);
  editor.setIndexOwner(indexKey(dialect, tableKey, to, table.schema), tableKey);
  editor.recordHistory('index', indexKey(dialect, tableKey, from, table.schema), from, renamed, to);
  return editor.withEvent(next, 'altered', `index \`${from}\` renamed to \`${to}\``);
}

/**
 * MySQL `CONVERT TO CHARACTER SET x`: every text column and the table's default become x. An
 * `other` action of any other kind leaves the table as it was.
 */
function convertedToCharset(table: Table, description: string): Table {
  if (!description.startsWith('convert:')) return table;
  const named = /\bCONVERT\s+TO\s+(?:CHARACTER\s+SET|CHARSET)\s+[`'"]?(\w+)/i.exec(description);
  const charset = named?.[1].toLowerCase();
  return { ...table, charset, columns: table.columns.map((column) => (column.charset === undefined && charset === undefined ? column : { ...column, charset })) };
}
