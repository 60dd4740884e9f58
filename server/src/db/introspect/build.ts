// Assembles a Schema from rows read out of a catalog. Both catalog readers fill the same
// builder, so the schema they produce has exactly the shape replay produces.

import type { Dialect } from '../../engine/model/source.js';
import { emptySchema, linkTables } from '../../engine/schema/editor.js';
import type { EnumType, NamedObject, Schema, Table, View } from '../../engine/schema/model.js';
import { indexKey, objectKey, type QualifiedName } from '../../engine/schema/names.js';
import { PersistentMap } from '../../engine/schema/persistent-map.js';

/** Objects read from a live database carry no provenance. */
export const NO_PROVENANCE = { events: [] } as const;

export class CatalogSchemaBuilder {
  readonly tables = new Map<string, Table>();
  private readonly named = {
    views: new Map<string, View>(),
    enums: new Map<string, EnumType>(),
    functions: new Map<string, NamedObject>(),
    triggers: new Map<string, NamedObject>(),
    extensions: new Map<string, NamedObject>(),
    sequences: new Map<string, NamedObject>(),
    schemas: new Map<string, NamedObject>(),
  };

  constructor(readonly dialect: Dialect) {}

  key(name: QualifiedName): string {
    return objectKey(this.dialect, name);
  }

  /** A table with no columns yet, registered under its key. */
  addTable(name: QualifiedName): Table {
    const table: Table = { name: name.name, columns: [], uniques: [], foreignKeys: [], checks: [], indexes: [], ...NO_PROVENANCE };
    if (name.schema !== undefined && this.key(name) !== this.key({ name: name.name })) table.schema = name.schema;
    this.tables.set(this.key(name), table);
    return table;
  }

  /** Replaces the table stored under `key` with `update(table)`; ignores unknown tables. */
  updateTable(key: string, update: (table: Table) => Table): void {
    const table = this.tables.get(key);
    if (table) this.tables.set(key, update(table));
  }

  addNamed<K extends keyof CatalogSchemaBuilder['named']>(map: K, key: string, object: CatalogSchemaBuilder['named'][K] extends Map<string, infer V> ? V : never): void {
    (this.named[map] as Map<string, typeof object>).set(key, object);
  }

  /** A NamedObject for `name`, with the schema kept only when it is not the default one. */
  namedObject(name: QualifiedName, table?: string): NamedObject {
    const object: NamedObject = { name: name.name, ...NO_PROVENANCE };
    if (name.schema !== undefined && this.key(name) !== this.key({ name: name.name })) object.schema = name.schema;
    if (table !== undefined) object.table = table;
    return object;
  }

  build(): Schema {
    const indexOwners: [string, string][] = [];
    for (const [tableKey, table] of this.tables) {
      const names = [...table.indexes.map((i) => i.name), ...table.uniques.map((u) => u.name), ...(table.primaryKey?.name && this.dialect === 'postgres' ? [table.primaryKey.name] : [])];
      for (const name of names) indexOwners.push([indexKey(this.dialect, tableKey, name, table.schema), tableKey]);
    }
    return linkTables({
      ...emptySchema(this.dialect),
      tables: PersistentMap.from(this.tables),
      views: PersistentMap.from(this.named.views),
      enums: PersistentMap.from(this.named.enums),
      functions: PersistentMap.from(this.named.functions),
      triggers: PersistentMap.from(this.named.triggers),
      extensions: PersistentMap.from(this.named.extensions),
      sequences: PersistentMap.from(this.named.sequences),
      schemas: PersistentMap.from(this.named.schemas),
      indexOwners: PersistentMap.from(indexOwners),
    });
  }
}
