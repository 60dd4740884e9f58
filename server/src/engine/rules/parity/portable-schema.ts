// A schema as the parity rule compares it across dialects: one fact per table, column (portable
// type and nullability), primary key, unique key, index and foreign key, keyed by lower-cased
// names so `Users` in MySQL and `users` in PostgreSQL match. What the dialects implement
// differently on purpose (functions, triggers, views, checks, defaults, index methods and
// predicates, constraint names) is left out.

import type { ForeignKey, Origin, Provenance, Schema, Table } from '../../schema/model.js';
import { portableColumnType } from './portable-types.js';

export interface PortableFact {
  /** Identity across dialects: `column:users.email`. */
  key: string;
  /** The fact whose absence makes this one moot (a column's table). */
  parent?: string;
  /** For messages: "column `users.email`". */
  subject: string;
  /** What must be equal on both sides: `varchar(255) NOT NULL`. */
  value: string;
  /** Where the object was last defined: the finding's location and the version that caused it. */
  origin?: Origin;
  /** Made by the database itself (MySQL's index for a foreign key): satisfies the other side's fact, never missing. */
  implicit?: boolean;
}

/** The key of a table's own fact, and the parent of its columns', keys' and indexes' facts. */
export const tableKey = (lowerName: string): string => `table:${lowerName}`;

/** A table's facts, kept while the table and the enum types its columns may name are the same objects. */
const factsByTable = new WeakMap<Table, { enums: Schema['enums']; facts: readonly PortableFact[] }>();

/**
 * The facts of the tables of a snapshot named (lower-cased) in `names`, by key; every table's
 * when `names` is absent.
 */
export function portableFacts(schema: Schema, names?: ReadonlySet<string>): Map<string, PortableFact> {
  const facts = new Map<string, PortableFact>();
  const tables = names ? [...names].flatMap((name) => tablesNamed(schema, name)) : [...schema.tables.sortedEntries()].map(([, table]) => table);
  for (const table of tables) for (const fact of factsOf(table, schema)) facts.set(fact.key, fact);
  return facts;
}

/** The lower-cased names of the tables whose entries differ between two snapshots; every table's of `to` without `from`. */
export function changedTableNames(from: Schema | undefined, to: Schema): Set<string> {
  if (!from || from.enums !== to.enums) return new Set([...to.tables.values(), ...(from?.tables.values() ?? [])].map((table) => table.name.toLowerCase()));
  const names = new Set<string>();
  for (const key of from.tables.changedKeys(to.tables)) {
    for (const table of [from.tables.get(key), to.tables.get(key)]) if (table) names.add(table.name.toLowerCase());
  }
  return names;
}

/** Tables answer to their name in any case across dialects; a snapshot keyed by exact case may hold more than one. */
function tablesNamed(schema: Schema, lowerName: string): Table[] {
  const exact = schema.tables.get(lowerName);
  if (exact && schema.dialect === 'postgres') return [exact];
  return [...schema.tables.values()].filter((table) => table.name.toLowerCase() === lowerName);
}

function factsOf(table: Table, schema: Schema): readonly PortableFact[] {
  const kept = factsByTable.get(table);
  if (kept && kept.enums === schema.enums) return kept.facts;
  const facts = tableFacts(table, schema);
  factsByTable.set(table, { enums: schema.enums, facts });
  return facts;
}

function lastDefinition(object: Provenance): Origin | undefined {
  return object.events.length ? object.events[object.events.length - 1].origin : object.created;
}

function tableFacts(table: Table, schema: Schema): PortableFact[] {
  const name = table.name.toLowerCase();
  const parent = tableKey(name);
  const fact = (key: string, subject: string, value: string, object: Provenance, implicit = false): PortableFact => {
    const made: PortableFact = { key, parent, subject, value };
    const origin = lastDefinition(object);
    if (origin) made.origin = origin;
    if (implicit) made.implicit = true;
    return made;
  };
  const columnList = (columns: readonly string[]) => columns.map((column) => column.toLowerCase()).join(', ');
  // A table's later events are changes to its parts; its presence dates from its creation.
  const facts: PortableFact[] = [{ key: parent, subject: `table \`${name}\``, value: 'present', ...(table.created ? { origin: table.created } : {}) }];

  if (!table.columnsUnknown) {
    for (const column of table.columns) {
      const subject = `column \`${name}.${column.name.toLowerCase()}\``;
      const value = `${portableColumnType(column, schema)}${column.nullable ? '' : ' NOT NULL'}`;
      facts.push(fact(`column:${name}.${column.name.toLowerCase()}`, subject, value, column));
    }
  }
  if (table.primaryKey) facts.push(fact(`primary-key:${name}`, `the primary key of \`${name}\``, `(${columnList(table.primaryKey.columns)})`, table.primaryKey));
  for (const unique of table.uniques) {
    const columns = columnList(unique.columns);
    facts.push(fact(`unique:${name}(${columns})`, `unique key on \`${name}(${columns})\``, 'present', unique));
  }
  for (const index of table.indexes) {
    const columns = columnList(index.columns);
    const kind = index.unique ? 'unique' : 'index';
    const subject = index.unique ? `unique key on \`${name}(${columns})\`` : `index on \`${name}(${columns})\``;
    facts.push(fact(`${kind}:${name}(${columns})`, subject, 'present', index, index.servesForeignKey === true));
  }
  for (const foreignKey of table.foreignKeys) {
    const columns = columnList(foreignKey.columns);
    const target = `${foreignKey.targetTable.toLowerCase()}(${columnList(foreignKey.targetColumns)})`;
    facts.push(fact(`foreign-key:${name}(${columns})>${target}`, `foreign key \`${name}(${columns}) → ${target}\``, referentialActions(foreignKey), foreignKey));
  }
  return facts;
}

/** RESTRICT and NO ACTION behave alike without deferred constraints, and MySQL treats them as one. */
function referentialActions(foreignKey: ForeignKey): string {
  const portable = (action: string) => (action === 'restrict' ? 'no action' : action);
  return `on delete ${portable(foreignKey.onDelete)}, on update ${portable(foreignKey.onUpdate)}`;
}
