// The schema model: what the database looks like after a migration. Built by replaying the change
// model (replay.ts) and, with the same shapes, by reading a live catalog (db/introspect/), so the
// two can be compared (compare.ts).
//
// Every object is immutable. Snapshots share every object a migration did not touch, so rules
// may compare objects between snapshots by identity.

import type { Direction } from '../model/migration-set.js';
import type { Dialect, SourceRange } from '../model/source.js';
import type { PrefixLengths, ReferentialAction, Volatility } from '../model/changes.js';
import type { PersistentMap } from './persistent-map.js';

/** Where an object was created, changed or dropped: a statement of one migration part. */
export interface Origin {
  /** Migration version as written in the file name ("009"). */
  version: string;
  /** Migration description ("quality_definitions_fix"). */
  migration: string;
  file: string;
  direction: Direction;
  range: SourceRange;
}

export type ObjectEventAction = 'altered' | 'renamed' | 'dropped';

/** A change to an object after it was created, for messages ("renamed from `title` in 004"). */
export interface ObjectEvent {
  action: ObjectEventAction;
  /** What happened, in words: "column `rating` added", "renamed from `films`". */
  detail: string;
  origin: Origin;
  /** For a rename: the name the object had before it. */
  from?: string;
}

/** Creation and later changes; absent on objects read from a live database. */
export interface Provenance {
  created?: Origin;
  events: readonly ObjectEvent[];
}

/** A column type with every spelling of the same type folded to one (see types.ts). */
export interface ColumnType {
  /** `integer`, `character varying`, `timestamp with time zone`; MySQL `int`, `varchar`, `tinyint`. */
  name: string;
  args: readonly string[];
  arrayDims: number;
  unsigned?: boolean;
  /** MySQL ENUM/SET values. */
  values?: readonly string[];
}

export interface Column extends Provenance {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** Normalised default expression (see expressions.ts); serial columns carry their nextval(). */
  default?: string;
  identity?: 'always' | 'by default';
  /**
   * PostgreSQL serial and identity columns: the sequence they created (`<table>_<column>_seq`),
   * which keeps its name when the table is renamed and its default dropped, and goes with the column.
   */
  ownedSequence?: string;
  autoIncrement?: boolean;
  generated?: { expression: string; stored: boolean };
  onUpdate?: string;
  /** MySQL: the character set of the column's text, lower case, when the migrations say it (on the column or as its table's default). */
  charset?: string;
}

export interface PrimaryKey extends Provenance {
  name?: string;
  columns: readonly string[];
  /** MySQL key parts that index a prefix of their column (`name(100)`), by column. */
  prefixLengths?: PrefixLengths;
}

export interface UniqueConstraint extends Provenance {
  name: string;
  columns: readonly string[];
  prefixLengths?: PrefixLengths;
}

export interface ForeignKey extends Provenance {
  name: string;
  columns: readonly string[];
  /** Key of the referenced table in the same snapshot (see names.ts), kept current across renames. */
  targetTable: string;
  targetColumns: readonly string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export interface CheckConstraint extends Provenance {
  name: string;
  expression: string;
}

export interface Index extends Provenance {
  name: string;
  unique: boolean;
  /** Lower case: btree, gin, gist, hash, brin, spgist, fulltext, spatial. */
  method: string;
  /** Column names, or the expression text for expression elements. */
  columns: readonly string[];
  prefixLengths?: PrefixLengths;
  /** Normalised partial-index predicate. */
  where?: string;
  /** MySQL made this index for a foreign key and drops it when another index can serve. */
  servesForeignKey?: boolean;
}

export interface Table extends Provenance {
  /** Name as stored by the database (folded for PostgreSQL, as written for MySQL). */
  name: string;
  schema?: string;
  columns: readonly Column[];
  primaryKey?: PrimaryKey;
  uniques: readonly UniqueConstraint[];
  foreignKeys: readonly ForeignKey[];
  checks: readonly CheckConstraint[];
  indexes: readonly Index[];
  /**
   * True when the statement that made the table did not say what its columns are
   * (CREATE TABLE … AS SELECT, LIKE, a table assumed to exist): column lookups must not fail.
   */
  columnsUnknown?: boolean;
  /** MySQL table options as the migrations set them, lower case: the default character set of new columns, ROW_FORMAT, ENGINE. */
  charset?: string;
  rowFormat?: string;
  engine?: string;
}

export interface EnumType extends Provenance {
  name: string;
  schema?: string;
  values: readonly string[];
}

export interface View extends Provenance {
  name: string;
  schema?: string;
  materialized: boolean;
  /** Keys of the tables and views the query reads. */
  references: readonly string[];
}

/** Functions, procedures, triggers, extensions, sequences, schemas: tracked by name. */
export interface NamedObject extends Provenance {
  name: string;
  schema?: string;
  /** Triggers: key of their table. */
  table?: string;
  /** Functions: as declared, VOLATILE when the declaration says nothing. */
  volatility?: Volatility;
}

export type SchemaObjectKind =
  | 'table'
  | 'column'
  | 'primary-key'
  | 'unique'
  | 'foreign-key'
  | 'check'
  | 'index'
  | 'enum'
  | 'view'
  | 'materialized-view'
  | 'function'
  | 'trigger'
  | 'extension'
  | 'sequence'
  | 'schema';

/** An object that no longer exists under a name: where and how it went away. */
export interface HistoryEntry {
  kind: SchemaObjectKind;
  /** The name it had ("films", or "films.title" for a column). */
  name: string;
  action: 'dropped' | 'renamed';
  /** The new name, for renames. */
  to?: string;
  origin: Origin;
  /** Where the object had been created. */
  created?: Origin;
}

export interface Schema {
  dialect: Dialect;
  /** Keyed by tableKey() (names.ts). */
  tables: PersistentMap<Table>;
  views: PersistentMap<View>;
  enums: PersistentMap<EnumType>;
  functions: PersistentMap<NamedObject>;
  triggers: PersistentMap<NamedObject>;
  extensions: PersistentMap<NamedObject>;
  sequences: PersistentMap<NamedObject>;
  schemas: PersistentMap<NamedObject>;
  /** Index key (names.ts indexKey) → key of the table that holds it. */
  indexOwners: PersistentMap<string>;
  /** `kind:key` → every time an object by that name was dropped or renamed away, oldest first. */
  history: PersistentMap<readonly HistoryEntry[]>;
  /**
   * What hangs off each table, kept by the editor (see tableLinkKey in editor.ts): the tables
   * whose foreign keys reference it, its indexes, its triggers. Dropping or renaming a table
   * finds them here instead of walking every table, index and trigger.
   */
  links: PersistentMap<readonly string[]>;
}
