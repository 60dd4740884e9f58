// Lookups for rule authors: find objects in a snapshot by the names a statement uses, and ask
// what happened to a name that is no longer there.

import type { Name } from '../model/changes.js';
import { historyKey, tableLinkKey } from './editor.js';
import type { Column, HistoryEntry, Index, Schema, SchemaObjectKind, Table } from './model.js';
import { columnKey, indexKey, objectKey, type QualifiedName } from './names.js';
import { findColumn as findColumnIn } from './table-edit.js';

export function findTable(schema: Schema, name: QualifiedName | Name): Table | undefined {
  return schema.tables.get(tableKeyOf(schema, name));
}

const tableKeyOf = (schema: Schema, name: QualifiedName): string => objectKey(schema.dialect, name);

export function findColumn(schema: Schema, table: QualifiedName | Name, column: string): Column | undefined {
  const found = findTable(schema, table);
  return found && findColumnIn(schema.dialect, found, column);
}

/** An index by name (PostgreSQL: schema-wide; MySQL: pass the table). */
export function findIndex(schema: Schema, name: QualifiedName, table?: QualifiedName): { table: Table; index: Index } | undefined {
  const tableKey = table ? tableKeyOf(schema, table) : undefined;
  const owner = schema.indexOwners.get(indexKey(schema.dialect, tableKey ?? '', name.name, name.schema)) ?? tableKey;
  const found = owner === undefined ? undefined : schema.tables.get(owner);
  const index = found?.indexes.find((i) => (schema.dialect === 'postgres' ? i.name === name.name : i.name.toLowerCase() === name.name.toLowerCase()));
  return found && index ? { table: found, index } : undefined;
}

/**
 * Every drop or rename of an object once known by `name`, oldest first: "`quality_definitions`
 * was dropped in 010_y.up.sql". For columns pass the table as well.
 */
export function historyOf(schema: Schema, kind: SchemaObjectKind, name: QualifiedName, table?: QualifiedName): readonly HistoryEntry[] {
  const key = kind === 'column' && table ? `${tableKeyOf(schema, table)}.${columnKey(schema.dialect, name.name)}` : tableKeyOf(schema, name);
  return schema.history.get(historyKey(kind, key)) ?? [];
}

/** The other tables whose foreign keys reference table `tableKey`, with their keys, in the order they came to. */
export function tablesReferencing(schema: Schema, tableKey: string): [string, Table][] {
  return (schema.links.get(tableLinkKey('referenced-by', tableKey)) ?? []).flatMap((key): [string, Table][] => {
    const table = key === tableKey ? undefined : schema.tables.get(key);
    return table ? [[key, table]] : [];
  });
}
