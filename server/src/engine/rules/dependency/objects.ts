// Finds an object in a snapshot by the kind and key a replay event names it with, so a rule can
// ask "does it exist after migration K, and which statement created it?".

import type { Provenance, Schema, SchemaObjectKind, Table } from '../../schema/model.js';
import type { PersistentMap } from '../../schema/persistent-map.js';
import { columnKey } from '../../schema/names.js';

/** Splits a `table.member` key (names.ts) at its last dot; a key without one is all member. */
function memberOf(key: string): { tableKey: string; member: string } {
  const dot = key.lastIndexOf('.');
  return { tableKey: dot < 0 ? '' : key.slice(0, dot), member: key.slice(dot + 1) };
}

const NAMED_MAPS: Partial<Record<SchemaObjectKind, readonly ('views' | 'enums' | 'functions' | 'triggers' | 'extensions' | 'sequences' | 'schemas')[]>> = {
  view: ['views'],
  'materialized-view': ['views'],
  enum: ['enums'],
  function: ['functions'],
  trigger: ['triggers'],
  extension: ['extensions'],
  sequence: ['sequences'],
  schema: ['schemas'],
};

export function findObject(schema: Schema, kind: SchemaObjectKind, key: string): Provenance | undefined {
  const same = (a: string | undefined, b: string) => a !== undefined && (schema.dialect === 'postgres' ? a === b : a.toLowerCase() === b.toLowerCase());
  switch (kind) {
    case 'table':
      // Statements that read a relation accept a view as well.
      return schema.tables.get(key) ?? schema.views.get(key);
    case 'column': {
      const { tableKey, member } = memberOf(key);
      return schema.tables.get(tableKey)?.columns.find((column) => columnKey(schema.dialect, column.name) === member);
    }
    case 'index': {
      const owner = schema.indexOwners.get(key);
      const table = owner === undefined ? undefined : schema.tables.get(owner);
      const { member } = memberOf(key);
      return table && findKey(table, (name) => same(name, member));
    }
    case 'primary-key':
      return schema.tables.get(key)?.primaryKey;
    case 'check':
    case 'unique':
    case 'foreign-key': {
      const { tableKey, member } = memberOf(key);
      const table = schema.tables.get(tableKey);
      const matches = (name: string | undefined) => same(name, member);
      return table && (table.checks.find((check) => matches(check.name)) ?? table.foreignKeys.find((fk) => matches(fk.name)) ?? findKey(table, matches));
    }
    default:
      for (const map of NAMED_MAPS[kind] ?? []) {
        const found = (schema[map] as PersistentMap<Provenance>).get(key);
        if (found) return found;
      }
      return undefined;
  }
}

/** An index, unique constraint or primary key of the table, by name. */
function findKey(table: Table, matches: (name: string | undefined) => boolean): (Provenance & { name?: string }) | undefined {
  return table.indexes.find((index) => matches(index.name)) ?? table.uniques.find((unique) => matches(unique.name)) ?? (matches(table.primaryKey?.name) ? table.primaryKey : undefined);
}
