// What a name denotes in a snapshot, and which object that is across history: an object keeps its
// identity through renames and redefinitions (the statement that created it and the name it was
// created with), and a table dropped and created again is a new object.

import type { Column, NamedObject, ObjectEvent, Provenance, Schema, Table } from '../schema/model.js';
import type { PersistentMap } from '../schema/persistent-map.js';
import { indexKey, objectKey, type QualifiedName } from '../schema/names.js';
import { findColumn } from '../schema/table-edit.js';
import { sameName } from './identifiers.js';

/** The kinds of object a name in a migration can denote. */
export type SymbolKind = 'table' | 'view' | 'column' | 'index' | 'constraint' | 'type' | 'sequence' | 'function' | 'trigger' | 'schema' | 'extension';

export interface NamedProvenance extends Provenance {
  name?: string;
}

/** An object a name resolved to, and its identity across the set's history. */
export interface Resolved {
  identity: string;
  object: NamedProvenance;
}

/** The name an object was created with: renames remember what they replaced. */
export function originalName(object: NamedProvenance): string {
  const renamed = object.events.find((event: ObjectEvent) => event.action === 'renamed' && event.from !== undefined);
  return renamed?.from ?? object.name ?? '';
}

export function resolved(kind: SymbolKind, object: NamedProvenance): Resolved {
  const created = object.created;
  const name = originalName(object);
  const identity = created ? `${kind}@${created.file}#${created.range.start}:${name}` : `${kind}~${name}`;
  return { identity, object };
}

/** A table or view by name (statements that read a relation accept either). */
export function findRelation(schema: Schema, name: QualifiedName): { kind: 'table' | 'view'; key: string; object: Table | NamedObject } | undefined {
  const key = objectKey(schema.dialect, name);
  const table = schema.tables.get(key);
  if (table) return { kind: 'table', key, object: table };
  const view = schema.views.get(key);
  return view ? { kind: 'view', key, object: view } : undefined;
}

export function findTableColumn(schema: Schema, tableKey: string, column: string): Column | undefined {
  const table = schema.tables.get(tableKey);
  return table && findColumn(schema.dialect, table, column);
}

/** An index (or the unique constraint or primary key behind one) by name; MySQL names them per table. */
export function findIndexObject(schema: Schema, name: QualifiedName, tableKey?: string): NamedProvenance | undefined {
  const owner = schema.indexOwners.get(indexKey(schema.dialect, tableKey ?? '', name.name, name.schema)) ?? tableKey;
  const table = owner === undefined ? undefined : schema.tables.get(owner);
  if (!table) return undefined;
  const same = (other: string | undefined) => other !== undefined && sameName(schema.dialect, other, name.name);
  return table.indexes.find((index) => same(index.name)) ?? table.uniques.find((unique) => same(unique.name)) ?? (same(table.primaryKey?.name) ? table.primaryKey : undefined);
}

/** A named constraint of a table: primary key, unique, foreign key or check. */
export function findConstraint(schema: Schema, tableKey: string, name: string): NamedProvenance | undefined {
  const table = schema.tables.get(tableKey);
  if (!table) return undefined;
  const same = (other: string | undefined) => other !== undefined && sameName(schema.dialect, other, name);
  if (same(table.primaryKey?.name)) return table.primaryKey;
  return table.uniques.find((c) => same(c.name)) ?? table.foreignKeys.find((c) => same(c.name)) ?? table.checks.find((c) => same(c.name)) ?? table.indexes.find((c) => same(c.name));
}

export type NamedMap = 'enums' | 'functions' | 'triggers' | 'extensions' | 'sequences' | 'schemas' | 'views';

export function findNamed(schema: Schema, map: NamedMap, name: QualifiedName): NamedProvenance | undefined {
  return (schema[map] as PersistentMap<NamedProvenance>).get(objectKey(schema.dialect, name));
}
