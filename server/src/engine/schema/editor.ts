// The mutable cursor replay uses while it applies one migration part: it holds the current
// immutable Schema and swaps in new versions of single maps, so every intermediate value is
// itself a valid snapshot (one per statement, for rules that need the schema just before it).

import type { Name } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';
import type { HistoryEntry, NamedObject, ObjectEvent, ObjectEventAction, Origin, Schema, SchemaObjectKind, Table } from './model.js';
import { objectKey, type QualifiedName } from './names.js';
import { schemaMaps } from './patched.js';
import { PersistentMap } from './persistent-map.js';

export type ReplayEventKind =
  /** The statement uses an object that does not exist at that point. */
  | 'missing'
  /** The statement creates an object that already exists (without IF NOT EXISTS). */
  | 'exists'
  /** The statement drops a table other objects still depend on, without CASCADE. */
  | 'dependents';

/** Something a real database would have rejected; replay records it and carries on. */
export interface ReplayEvent {
  kind: ReplayEventKind;
  objectKind: SchemaObjectKind;
  /** Display name: `films`, `films.title`. */
  name: string;
  /** The name's key in the snapshot maps (names.ts), for looking the object up elsewhere in history. */
  key: string;
  message: string;
  origin: Origin;
  /** The name's range when the change model has it, else the statement's. */
  range: SourceRange;
  /** For `missing`: every earlier drop or rename of an object by that name. */
  history?: readonly HistoryEntry[];
}

export function emptySchema(dialect: Dialect): Schema {
  const empty = PersistentMap.empty<never>();
  return {
    dialect,
    tables: empty,
    views: empty,
    enums: empty,
    functions: empty,
    triggers: empty,
    extensions: empty,
    sequences: empty,
    schemas: empty,
    indexOwners: empty,
    history: empty,
    links: empty,
  };
}

type NamedMaps = 'views' | 'enums' | 'functions' | 'triggers' | 'extensions' | 'sequences' | 'schemas';

/** The maps of a Schema (every field but the dialect). */
export type SchemaMapName = Exclude<keyof Schema, 'dialect'>;

/** One change to one map of a snapshot: `value` undefined deletes the key. */
export interface SchemaWrite {
  map: SchemaMapName;
  key: string;
  value: unknown;
}

/** `schema` with `writes` applied in order (the same object when they change nothing). */
export function applyWrites(schema: Schema, writes: readonly SchemaWrite[]): Schema {
  let changed: Record<SchemaMapName, PersistentMap<unknown>> | undefined;
  for (const { map, key, value } of writes) {
    const current = (changed ?? schema)[map] as PersistentMap<unknown>;
    const next = value === undefined ? current.delete(key) : current.set(key, value);
    if (next !== current) (changed ??= schemaMaps(schema))[map] = next;
  }
  return changed ? ({ dialect: schema.dialect, ...changed } as Schema) : schema;
}

export const historyKey = (kind: SchemaObjectKind, key: string): string => `${kind}:${key}`;

/** What Schema.links records per table. */
export type TableLink = 'referenced-by' | 'indexes' | 'triggers';

/** `>` cannot start an object key, so link keys never clash with the keys of other maps in a footprint. */
export const tableLinkKey = (link: TableLink, tableKey: string): string => `>${link}>${tableKey}`;

/** `schema` with the table links of its tables, indexes and triggers: for a schema assembled without the editor (a live catalog). */
export function linkTables(schema: Omit<Schema, 'links'>): Schema {
  const links = new Map<string, string[]>();
  const link = (kind: TableLink, tableKey: string, key: string) => {
    const linkKey = tableLinkKey(kind, tableKey);
    links.set(linkKey, [...(links.get(linkKey) ?? []), key]);
  };
  for (const [key, table] of schema.tables) for (const target of foreignKeyTargets(table)) link('referenced-by', target, key);
  for (const [index, owner] of schema.indexOwners) link('indexes', owner, index);
  for (const [key, trigger] of schema.triggers) if (trigger.table !== undefined) link('triggers', trigger.table, key);
  return { ...schema, links: PersistentMap.from(links) };
}

const foreignKeyTargets = (table: Table | undefined): readonly string[] => (table ? [...new Set(table.foreignKeys.map((fk) => fk.targetTable))] : []);
const ownerOf = (tableKey: string | undefined): readonly string[] => (tableKey === undefined ? [] : [tableKey]);

export class SchemaEditor {
  readonly events: ReplayEvent[] = [];
  /** Every change made, in order, so replay can apply the same changes to another snapshot. */
  readonly writes: SchemaWrite[] = [];

  constructor(
    public schema: Schema,
    public origin: Origin,
  ) {}

  get dialect(): Dialect {
    return this.schema.dialect;
  }

  key(name: QualifiedName): string {
    return objectKey(this.dialect, name);
  }

  table(name: QualifiedName): Table | undefined {
    return this.schema.tables.get(this.key(name));
  }

  private write(map: SchemaMapName, key: string, value: unknown): void {
    if (map === 'tables') this.relink('referenced-by', key, foreignKeyTargets(this.schema.tables.get(key)), foreignKeyTargets(value as Table | undefined));
    else if (map === 'indexOwners') this.relink('indexes', key, ownerOf(this.schema.indexOwners.get(key)), ownerOf(value as string | undefined));
    else if (map === 'triggers') this.relink('triggers', key, ownerOf(this.schema.triggers.get(key)?.table), ownerOf((value as NamedObject | undefined)?.table));
    this.record(map, key, value);
  }

  private record(map: SchemaMapName, key: string, value: unknown): void {
    const write = { map, key, value };
    this.writes.push(write);
    this.schema = applyWrites(this.schema, [write]);
  }

  /** Moves `key` from the link lists of the tables it left to those it joined. */
  private relink(link: TableLink, key: string, before: readonly string[], after: readonly string[]): void {
    for (const table of before) {
      if (after.includes(table)) continue;
      const linkKey = tableLinkKey(link, table);
      const rest = (this.schema.links.get(linkKey) ?? []).filter((linked) => linked !== key);
      this.record('links', linkKey, rest.length === 0 ? undefined : rest);
    }
    for (const table of after) {
      if (before.includes(table)) continue;
      const linkKey = tableLinkKey(link, table);
      this.record('links', linkKey, [...(this.schema.links.get(linkKey) ?? []), key]);
    }
  }

  /** Keys linked to `tableKey`: referencing tables, its index keys or trigger keys, in the order they appeared. */
  linked(link: TableLink, tableKey: string): readonly string[] {
    return this.schema.links.get(tableLinkKey(link, tableKey)) ?? [];
  }

  putTable(key: string, table: Table): void {
    this.write('tables', key, table);
  }

  deleteTable(key: string): void {
    this.write('tables', key, undefined);
  }

  put<K extends NamedMaps>(map: K, key: string, value: Schema[K] extends PersistentMap<infer V> ? V : never): void {
    this.write(map, key, value);
  }

  remove(map: NamedMaps, key: string): void {
    this.write(map, key, undefined);
  }

  setIndexOwner(indexKey: string, tableKey: string | undefined): void {
    this.write('indexOwners', indexKey, tableKey);
  }

  /** Provenance fields for an object created by the current statement. */
  created(): { created: Origin; events: readonly ObjectEvent[] } {
    return { created: this.origin, events: [] };
  }

  /** The object with one more event in its provenance; a rename passes the name it had (`from`). */
  withEvent<T extends { events: readonly ObjectEvent[] }>(object: T, action: ObjectEventAction, detail: string, from?: string): T {
    const event: ObjectEvent = from === undefined ? { action, detail, origin: this.origin } : { action, detail, origin: this.origin, from };
    return { ...object, events: [...object.events, event] };
  }

  /** Remembers that `name` of `kind` stopped existing here (dropped, or renamed to `to`). */
  recordHistory(kind: SchemaObjectKind, key: string, name: string, object: { created?: Origin }, to?: string): void {
    const entry: HistoryEntry = { kind, name, action: to === undefined ? 'dropped' : 'renamed', origin: this.origin, created: object.created };
    if (to !== undefined) entry.to = to;
    const hKey = historyKey(kind, key);
    const previous = this.schema.history.get(hKey) ?? [];
    this.write('history', hKey, [...previous, entry]);
  }

  report(kind: ReplayEventKind, objectKind: SchemaObjectKind, name: string, key: string, message: string, at?: Name | SourceRange): void {
    const range = at === undefined ? this.origin.range : 'range' in at ? at.range : at;
    const event: ReplayEvent = { kind, objectKind, name, key, message, origin: this.origin, range };
    if (kind === 'missing') {
      const history = this.schema.history.get(historyKey(objectKind, key));
      if (history) event.history = history;
    }
    this.events.push(event);
  }

  missing(objectKind: SchemaObjectKind, name: string, key: string, at?: Name | SourceRange): void {
    this.report('missing', objectKind, name, key, `${describeKind(objectKind)} \`${name}\` does not exist at this point`, at);
  }

  exists(objectKind: SchemaObjectKind, name: string, key: string, at?: Name | SourceRange): void {
    this.report('exists', objectKind, name, key, `${describeKind(objectKind)} \`${name}\` already exists`, at);
  }

  named(map: NamedMaps, name: QualifiedName): NamedObject | undefined {
    return (this.schema[map] as PersistentMap<NamedObject>).get(this.key(name));
  }
}

export function describeKind(kind: SchemaObjectKind): string {
  return kind === 'enum' ? 'type' : kind.replace(/-/g, ' ');
}
