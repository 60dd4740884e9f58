// A snapshot as a tree for people: tables with their columns, keys and indexes, then views,
// types and the other named objects, each with a one-line summary and where it came from. The
// editor's Schema view shows it (lsp/schema-request.ts).

import type { Column, ForeignKey, Index, NamedObject, ObjectEvent, Origin, Provenance, Schema, SchemaObjectKind, Table } from './model.js';
import { formatType } from './types.js';

export interface OutlineItem {
  /** The object's kind; `history` for the group of objects dropped or renamed away. */
  kind: SchemaObjectKind | 'history';
  name: string;
  /** One line: a column's type and constraints, an index's columns, a foreign key's target. */
  detail: string;
  /** Where it was created; for a dropped or renamed object, where that happened. */
  created?: Origin;
  events: readonly ObjectEvent[];
  children?: OutlineItem[];
  /** Set on the objects under `history`: `created` is then where they were dropped or renamed. */
  removed?: 'dropped' | 'renamed';
}

/** `positionOf` gives a migration version's place in its set, so dropped objects list in the order they went. */
export function schemaOutline(schema: Schema, positionOf: (version: string) => number): OutlineItem[] {
  const nameOf = (object: { name: string; schema?: string }) => (object.schema ? `${object.schema}.${object.name}` : object.name);
  const tableNames = new Map(schema.tables.sortedEntries().map(([key, table]) => [key, nameOf(table)]));
  return [
    ...schema.tables.sortedEntries().map(([, table]) => tableItem(table, nameOf(table), (key) => tableNames.get(key) ?? key)),
    ...schema.views.sortedEntries().map(([, view]) => item(view.materialized ? 'materialized-view' : 'view', nameOf(view), view, view.references.length ? `reads ${view.references.join(', ')}` : '')),
    ...schema.enums.sortedEntries().map(([, type]) => item('enum', nameOf(type), type, type.values.map((value) => `'${value}'`).join(', '))),
    ...named('function', schema.functions.sortedEntries(), nameOf),
    ...named('trigger', schema.triggers.sortedEntries(), nameOf, (trigger) => (trigger.table ? `on ${tableNames.get(trigger.table) ?? trigger.table}` : '')),
    ...named('sequence', schema.sequences.sortedEntries(), nameOf),
    ...named('extension', schema.extensions.sortedEntries(), nameOf),
    ...named('schema', schema.schemas.sortedEntries(), nameOf),
    ...historyItem(schema, positionOf),
  ];
}

/** Objects dropped or renamed away before this point, in the order it happened: what a later migration can no longer use. */
function historyItem(schema: Schema, positionOf: (version: string) => number): OutlineItem[] {
  const entries = schema.history.sortedEntries().flatMap(([, list]) => list);
  if (entries.length === 0) return [];
  const children = [...entries]
    .sort((a, b) => positionOf(a.origin.version) - positionOf(b.origin.version) || a.origin.range.start - b.origin.range.start)
    .map((entry): OutlineItem => ({
      kind: entry.kind,
      name: entry.name,
      detail: `${entry.action === 'renamed' ? `renamed to ${entry.to}` : 'dropped'} in ${entry.origin.version} ${entry.origin.migration}${entry.created ? ` (created in ${entry.created.version})` : ''}`,
      created: entry.origin,
      events: [],
      removed: entry.action,
    }));
  return [{ kind: 'history', name: 'dropped or renamed', detail: `${children.length} object${children.length === 1 ? '' : 's'}`, events: [], children }];
}

function item(kind: SchemaObjectKind, name: string, object: Provenance, detail: string, children?: OutlineItem[]): OutlineItem {
  return { kind, name, detail, ...(object.created && { created: object.created }), events: object.events, ...(children && { children }) };
}

function named(kind: SchemaObjectKind, entries: [string, NamedObject][], nameOf: (object: NamedObject) => string, detail: (object: NamedObject) => string = () => ''): OutlineItem[] {
  return entries.map(([, object]) => item(kind, nameOf(object), object, detail(object)));
}

function tableItem(table: Table, name: string, tableName: (key: string) => string): OutlineItem {
  const list = (columns: readonly string[]) => `(${columns.join(', ')})`;
  const children: OutlineItem[] = [
    ...table.columns.map((column) => item('column', column.name, column, columnDetail(column))),
    ...(table.primaryKey ? [item('primary-key', table.primaryKey.name ?? 'primary key', table.primaryKey, `primary key ${list(table.primaryKey.columns)}`)] : []),
    ...table.uniques.map((unique) => item('unique', unique.name, unique, `unique ${list(unique.columns)}`)),
    ...table.foreignKeys.map((key) => item('foreign-key', key.name, key, foreignKeyDetail(key, tableName))),
    ...table.checks.map((check) => item('check', check.name, check, `check (${check.expression})`)),
    ...table.indexes.map((index) => item('index', index.name, index, indexDetail(index))),
  ];
  const columns = table.columnsUnknown ? 'columns not known' : `${table.columns.length} column${table.columns.length === 1 ? '' : 's'}`;
  return item('table', name, table, columns, children);
}

function columnDetail(column: Column): string {
  const parts = [formatType(column.type)];
  if (!column.nullable) parts.push('not null');
  if (column.default !== undefined) parts.push(`default ${column.default}`);
  if (column.identity) parts.push(`generated ${column.identity} as identity`);
  if (column.autoIncrement) parts.push('auto_increment');
  if (column.generated) parts.push(`generated (${column.generated.expression})${column.generated.stored ? ' stored' : ''}`);
  if (column.onUpdate) parts.push(`on update ${column.onUpdate}`);
  return parts.join(' ');
}

function foreignKeyDetail(key: ForeignKey, tableName: (key: string) => string): string {
  const actions = [key.onDelete !== 'no action' && `on delete ${key.onDelete}`, key.onUpdate !== 'no action' && `on update ${key.onUpdate}`].filter(Boolean);
  return [`(${key.columns.join(', ')}) → ${tableName(key.targetTable)} (${key.targetColumns.join(', ')})`, ...actions].join(' ');
}

function indexDetail(index: Index): string {
  const kind = [index.unique && 'unique', index.method !== 'btree' && index.method].filter(Boolean).join(' ');
  return `${kind ? `${kind} ` : ''}(${index.columns.join(', ')})${index.where ? ` where ${index.where}` : ''}`;
}
