// Renames that reach beyond one table: foreign keys elsewhere follow a renamed table or column,
// because the database links them by identity, not by name.

import type { Name } from '../model/changes.js';
import type { Dialect } from '../model/source.js';
import type { SchemaEditor } from './editor.js';
import type { Table } from './model.js';
import { indexKey, isPostgres } from './names.js';
import { renameIn } from './table-edit.js';

/** The table with foreign keys to `targetKey` pointing at `to` instead of column `from`. */
export function renameTargetColumns(dialect: Dialect, table: Table, targetKey: string, from: string, to: string): Table {
  let changed = false;
  const foreignKeys = table.foreignKeys.map((fk) => {
    if (fk.targetTable !== targetKey) return fk;
    const targetColumns = renameIn(dialect, fk.targetColumns, from, to);
    if (targetColumns === fk.targetColumns) return fk;
    changed = true;
    return { ...fk, targetColumns };
  });
  return changed ? { ...table, foreignKeys } : table;
}

/** Every other table's foreign keys to column `from` of `tableKey` now name `to`. */
export function renameColumnReferences(editor: SchemaEditor, tableKey: string, from: string, to: string): void {
  for (const key of editor.linked('referenced-by', tableKey)) {
    const table = editor.schema.tables.get(key);
    if (key === tableKey || !table) continue;
    const updated = renameTargetColumns(editor.dialect, table, tableKey, from, to);
    if (updated !== table) editor.putTable(key, updated);
  }
}

/** Foreign keys pointing at table `from` point at table `to`. */
function retargetForeignKeys(editor: SchemaEditor, from: string, to: string): void {
  for (const key of editor.linked('referenced-by', from)) {
    const table = editor.schema.tables.get(key);
    if (!table) continue;
    editor.putTable(key, { ...table, foreignKeys: table.foreignKeys.map((fk) => (fk.targetTable === from ? { ...fk, targetTable: to } : fk)) });
  }
}

/**
 * Renames the table stored under `fromKey` to `to`; returns the new key. Records the old name in
 * the history so "renamed earlier" is answerable, and moves what is keyed by the table.
 */
export function renameTable(editor: SchemaEditor, fromKey: string, to: Name): string {
  const table = editor.schema.tables.get(fromKey)!;
  const toKey = editor.key({ schema: to.schema ?? table.schema, name: to.name });
  if (toKey !== fromKey && editor.schema.tables.has(toKey)) {
    editor.exists('table', to.raw, toKey, to);
    return fromKey;
  }
  const renamed = editor.withEvent({ ...table, name: to.name }, 'renamed', `renamed from \`${table.name}\``, table.name);
  editor.recordHistory('table', fromKey, table.name, table, to.name);
  editor.deleteTable(fromKey);
  editor.putTable(toKey, renamed);
  retargetForeignKeys(editor, fromKey, toKey);
  if (!isPostgres(editor.dialect)) moveMysqlIndexOwners(editor, renamed, fromKey, toKey);
  else repointIndexOwners(editor, fromKey, toKey);
  return toKey;
}

/** PostgreSQL index names do not change with the table, but their owner key does. */
function repointIndexOwners(editor: SchemaEditor, fromKey: string, toKey: string): void {
  for (const index of editor.linked('indexes', fromKey)) editor.setIndexOwner(index, toKey);
}

/** MySQL index keys include the table key. */
function moveMysqlIndexOwners(editor: SchemaEditor, table: Table, fromKey: string, toKey: string): void {
  for (const name of [...table.indexes.map((i) => i.name), ...table.uniques.map((u) => u.name)]) {
    editor.setIndexOwner(indexKey(editor.dialect, fromKey, name), undefined);
    editor.setIndexOwner(indexKey(editor.dialect, toKey, name), toKey);
  }
}
