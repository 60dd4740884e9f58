// The change model: what a statement does to the schema, independent of the parser that read it.
// Rules and the replay see statements only through these types (DESIGN.md, "parse/").
//
// Names are stored already normalised for their dialect (PostgreSQL folds unquoted identifiers to
// lower case and keeps quoted ones; MySQL keeps the spelling and compares table names
// case-insensitively in the schema layer). `raw` keeps the spelling from the file for messages.

import type { SourceRange } from './source.js';

export interface Name {
  /** Schema/database qualifier when written (`public`, `app`), normalised. */
  schema?: string;
  /** Object name, normalised. */
  name: string;
  /** As written, for messages (`"Movies"`, `movies`). */
  raw: string;
  range: SourceRange;
}

export interface TypeRef {
  /**
   * Canonical lower-case type name without modifiers: PostgreSQL catalog names are mapped to
   * their SQL spellings (`int4` → `integer`, `int8` → `bigint`, `timestamptz` → `timestamp with time zone`),
   * MySQL keeps its own (`int`, `varchar`, `tinyint`, `datetime`, `json`).
   */
  name: string;
  /** Type modifiers as written: varchar(255) → ['255'], numeric(10,2) → ['10','2']. */
  args: string[];
  /** Array dimensions (PostgreSQL `text[]` → 1). */
  arrayDims: number;
  /** MySQL UNSIGNED / ZEROFILL. */
  unsigned?: boolean;
  /** MySQL inline ENUM/SET values. */
  enumValues?: string[];
  /** Column-level CHARACTER SET / COLLATE (MySQL) or COLLATE (PostgreSQL). */
  charset?: string;
  collation?: string;
  /** Type as written in the source. */
  raw: string;
  range: SourceRange;
}

export interface Expression {
  /** Source text of the expression. */
  sql: string;
  /**
   * constant: a literal (or a cast of one), safe as a fast default from PostgreSQL 11;
   * volatile: calls a volatile function (random(), gen_random_uuid(), clock_timestamp(), uuid());
   * expression: anything else (now()/CURRENT_TIMESTAMP are `expression`: stable, not volatile).
   */
  kind: 'constant' | 'volatile' | 'expression';
  /**
   * PostgreSQL: the functions it calls that are neither known volatile nor known built-ins that
   * are not (a user's `next_code()`): how volatile they are, only the schema can tell.
   */
  calls?: FunctionCall[];
  range: SourceRange;
}

export interface FunctionCall {
  schema?: string;
  name: string;
  /**
   * A stable built-in that takes no argument called with arguments (`now(123)`): the name then
   * resolves to another function, as volatile as any unknown one (parse/postgres/expressions.ts).
   */
  withArguments?: true;
}

export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface ColumnDef {
  name: string;
  raw: string;
  type: TypeRef;
  /** False when NOT NULL or PRIMARY KEY is declared on the column. */
  nullable: boolean;
  default?: Expression;
  identity?: 'always' | 'by default';
  /** PostgreSQL serial/bigserial/smallserial (type is then the underlying integer type). */
  serial?: boolean;
  autoIncrement?: boolean;
  generated?: { expression: Expression; stored: boolean };
  /** MySQL `ON UPDATE CURRENT_TIMESTAMP`. */
  onUpdate?: Expression;
  comment?: string;
  range: SourceRange;
}

interface ConstraintBase {
  name?: string;
  range: SourceRange;
  /** True when declared inline on a column (`id int PRIMARY KEY`). */
  inline?: boolean;
}

/** MySQL key parts indexed by their first N characters (`name(100)`), by column. */
export type PrefixLengths = Readonly<Record<string, number>>;

export interface PrimaryKeyConstraint extends ConstraintBase {
  kind: 'primary-key';
  columns: string[];
  prefixLengths?: PrefixLengths;
  /** ADD CONSTRAINT … PRIMARY KEY USING INDEX idx. */
  usingIndex?: string;
}

export interface UniqueConstraint extends ConstraintBase {
  kind: 'unique';
  columns: string[];
  prefixLengths?: PrefixLengths;
  usingIndex?: string;
}

export interface ForeignKeyConstraint extends ConstraintBase {
  kind: 'foreign-key';
  columns: string[];
  references: { table: Name; columns: string[] };
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  notValid?: boolean;
}

export interface CheckConstraint extends ConstraintBase {
  kind: 'check';
  expression: Expression;
  notValid?: boolean;
  /** MySQL `CHECK (…) NOT ENFORCED`: declared but never checked. */
  notEnforced?: boolean;
}

export interface ExcludeConstraint extends ConstraintBase {
  kind: 'exclude';
  columns: string[];
}

export type Constraint =
  | PrimaryKeyConstraint
  | UniqueConstraint
  | ForeignKeyConstraint
  | CheckConstraint
  | ExcludeConstraint;

export interface IndexElement {
  /** Column name when the element is a plain column. */
  column?: string;
  /** Expression text when it is not. */
  expression?: string;
  descending?: boolean;
  /** MySQL `name(100)`: only the first 100 characters (bytes for binary strings) are indexed. */
  prefixLength?: number;
  range: SourceRange;
}

/** The prefix lengths of a key's parts, by column; undefined when no part is a prefix. */
export function prefixLengthsOf(elements: readonly Pick<IndexElement, 'column' | 'prefixLength'>[]): PrefixLengths | undefined {
  const prefixed = elements.flatMap(({ column, prefixLength }) => (column !== undefined && prefixLength !== undefined ? [[column, prefixLength] as const] : []));
  return prefixed.length ? Object.fromEntries(prefixed) : undefined;
}

export interface IndexDef {
  name?: Name;
  table: Name;
  unique: boolean;
  concurrently: boolean;
  ifNotExists: boolean;
  /** btree, gin, gist, hash, brin, spgist; MySQL FULLTEXT/SPATIAL map to 'fulltext'/'spatial'. */
  method?: string;
  elements: IndexElement[];
  include?: string[];
  /** Partial index predicate. */
  where?: Expression;
  range: SourceRange;
}

// ---------------------------------------------------------------------------------------------
// ALTER TABLE actions

/** MySQL `FIRST` / `AFTER col` on ADD/MODIFY/CHANGE COLUMN. */
export type ColumnPosition = { first: true } | { after: string };

export type AlterTableAction =
  | { kind: 'add-column'; column: ColumnDef; ifNotExists: boolean; constraints: Constraint[]; position?: ColumnPosition; range: SourceRange }
  | { kind: 'drop-column'; column: string; raw: string; ifExists: boolean; cascade: boolean; range: SourceRange }
  | { kind: 'alter-column-type'; column: string; raw: string; type: TypeRef; using?: Expression; range: SourceRange }
  | { kind: 'set-not-null'; column: string; raw: string; range: SourceRange }
  | { kind: 'drop-not-null'; column: string; raw: string; range: SourceRange }
  | { kind: 'set-default'; column: string; raw: string; default: Expression; range: SourceRange }
  | { kind: 'drop-default'; column: string; raw: string; range: SourceRange }
  | { kind: 'rename-column'; from: string; to: string; rawFrom: string; rawTo: string; range: SourceRange }
  | { kind: 'add-constraint'; constraint: Constraint; range: SourceRange }
  | { kind: 'drop-constraint'; name: string; raw: string; ifExists: boolean; cascade: boolean; range: SourceRange }
  | { kind: 'validate-constraint'; name: string; raw: string; range: SourceRange }
  | { kind: 'rename-constraint'; from: string; to: string; range: SourceRange }
  /** MySQL MODIFY COLUMN (same name) and CHANGE COLUMN (rename + redefine). */
  | { kind: 'redefine-column'; from: string; rawFrom: string; column: ColumnDef; constraints: Constraint[]; syntax: 'modify' | 'change'; position?: ColumnPosition; range: SourceRange }
  /** MySQL ADD INDEX/KEY/FULLTEXT INDEX inside ALTER TABLE. */
  | { kind: 'add-index'; index: IndexDef; range: SourceRange }
  | { kind: 'drop-index'; name: string; raw: string; range: SourceRange }
  | { kind: 'rename-index'; from: string; to: string; range: SourceRange }
  | { kind: 'drop-primary-key'; range: SourceRange }
  /** MySQL ALTER TABLE … RENAME TO (PostgreSQL's rename is a separate change). */
  | { kind: 'rename-table'; to: Name; range: SourceRange }
  | { kind: 'attach-partition'; partition: Name; range: SourceRange }
  | { kind: 'detach-partition'; partition: Name; concurrently: boolean; range: SourceRange }
  | { kind: 'set-table-option'; option: string; value: string; range: SourceRange }
  | { kind: 'other'; description: string; range: SourceRange };

// ---------------------------------------------------------------------------------------------
// Changes: one per statement

export type ObjectKind =
  | 'table'
  | 'view'
  | 'materialized-view'
  | 'index'
  | 'type'
  | 'domain'
  | 'function'
  | 'procedure'
  | 'trigger'
  | 'extension'
  | 'schema'
  | 'sequence'
  | 'database'
  | 'other';

export interface CreateTableChange {
  kind: 'create-table';
  table: Name;
  ifNotExists: boolean;
  temporary: boolean;
  columns: ColumnDef[];
  constraints: Constraint[];
  /** MySQL inline INDEX/KEY/FULLTEXT definitions. */
  indexes: IndexDef[];
  /** Table options such as ENGINE, DEFAULT CHARSET, COLLATE (MySQL), lower-case keys. */
  options: Record<string, string>;
  partitionOf?: Name;
  /** CREATE TABLE … AS SELECT / LIKE: the columns are not known from the statement alone. */
  fromQuery?: boolean;
  like?: Name;
}

export interface AlterTableChange {
  kind: 'alter-table';
  table: Name;
  ifExists: boolean;
  only: boolean;
  actions: AlterTableAction[];
  /** MySQL ALGORITHM=… and LOCK=… clauses, lower-case. */
  algorithm?: string;
  lock?: string;
}

export interface RenameTableChange {
  kind: 'rename-table';
  /** MySQL RENAME TABLE a TO b, c TO d renames several at once. */
  renames: { from: Name; to: Name }[];
}

export interface DropChange {
  kind: 'drop';
  objectKind: ObjectKind;
  names: Name[];
  ifExists: boolean;
  cascade: boolean;
  concurrently: boolean;
  /** MySQL DROP INDEX idx ON tbl. */
  table?: Name;
  /** MySQL DROP INDEX … ALGORITHM=… LOCK=…, lower-case. */
  algorithm?: string;
  lock?: string;
  /** MySQL DROP TEMPORARY TABLE. */
  temporary?: boolean;
}

export interface CreateIndexChange {
  kind: 'create-index';
  index: IndexDef;
  /** MySQL ALGORITHM=… and LOCK=… clauses, lower-case. */
  algorithm?: string;
  lock?: string;
}

export interface CreateTypeChange {
  kind: 'create-type';
  name: Name;
  /** enum, composite, range, or base. */
  variant: 'enum' | 'composite' | 'range' | 'other';
  values: string[];
}

export interface AlterTypeChange {
  kind: 'alter-type';
  name: Name;
  action:
    | { kind: 'add-value'; value: string; before?: string; after?: string; ifNotExists: boolean }
    | { kind: 'rename-value'; from: string; to: string }
    | { kind: 'rename'; to: string }
    | { kind: 'other'; description: string };
}

export interface DomainChange {
  kind: 'create-domain' | 'alter-domain';
  name: Name;
  /** CREATE DOMAIN … CHECK / ALTER DOMAIN … ADD CONSTRAINT. */
  addsConstraint: boolean;
  baseType?: TypeRef;
}

export interface CreateViewChange {
  kind: 'create-view';
  name: Name;
  materialized: boolean;
  orReplace: boolean;
  ifNotExists: boolean;
  /** Tables and views the query reads. */
  references: Name[];
  withData?: boolean;
}

export interface RoutineChange {
  kind: 'create-function';
  name: Name;
  procedure: boolean;
  orReplace: boolean;
  language?: string;
  /** As declared; PostgreSQL makes a function VOLATILE when nothing is said. */
  volatility?: Volatility;
  /** Where the body sits (dollar-quoted or BEGIN…END block). */
  bodyRange?: SourceRange;
}

export type Volatility = 'volatile' | 'stable' | 'immutable';

export interface CreateTriggerChange {
  kind: 'create-trigger';
  name: Name;
  table: Name;
  function?: Name;
  orReplace: boolean;
}

export interface ExtensionChange {
  kind: 'create-extension';
  name: string;
  ifNotExists: boolean;
}

export interface SchemaChange {
  kind: 'create-schema';
  name: string;
  ifNotExists: boolean;
}

export interface SequenceChange {
  kind: 'create-sequence' | 'alter-sequence';
  name: Name;
}

export interface DataChange {
  kind: 'data';
  operation: 'insert' | 'update' | 'delete' | 'copy' | 'truncate' | 'merge' | 'select' | 'replace';
  tables: Name[];
  /** Columns named by INSERT (column list) / UPDATE (SET targets). */
  columns: string[];
  /** UPDATE/DELETE: whether a WHERE clause restricts the rows. */
  hasWhere: boolean;
  /** TRUNCATE … CASCADE. */
  cascade?: boolean;
  /** INSERT … ON CONFLICT (PostgreSQL). */
  onConflict?: boolean;
  /** INSERT IGNORE (MySQL). */
  ignore?: boolean;
  /** INSERT … ON DUPLICATE KEY UPDATE (MySQL). */
  onDuplicateKeyUpdate?: boolean;
  /** Columns assigned twice (or whole and in part) in one SET list (UPDATE, ON CONFLICT DO UPDATE, a MERGE clause) or INSERT column list. */
  duplicateAssignments?: string[];
}

export interface TransactionChange {
  kind: 'transaction';
  operation: 'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollback-to' | 'prepare' | 'other';
}

export interface SetChange {
  kind: 'set';
  /** Lower-case setting name: lock_timeout, statement_timeout, search_path, … */
  name: string;
  value: string;
  /** SET LOCAL (PostgreSQL) / SET SESSION vs GLOBAL (MySQL). */
  scope: 'session' | 'local' | 'global';
  /** The further assignments of a MySQL `SET a = 1, b = 2`. */
  more?: { name: string; value: string; scope: 'session' | 'global' }[];
}

export interface CommentChange {
  kind: 'comment';
  objectKind: ObjectKind | 'column';
  target: Name;
  /** COMMENT ON COLUMN: `target` is then the table and this the column. */
  column?: string;
}

export interface ReindexChange {
  kind: 'reindex';
  target: 'index' | 'table' | 'schema' | 'database' | 'system';
  name: Name;
  concurrently: boolean;
}

/** PostgreSQL's lock modes from weakest to strongest (its LOCKMODE 1–8); each conflicts with more of the others than the last. */
export const PG_LOCK_MODES = [
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
] as const;

export type PgLockMode = (typeof PG_LOCK_MODES)[number];

export interface OtherChange {
  kind: 'other';
  /** Parser's statement kind, e.g. "VacuumStmt", "grant", for messages and future rules. */
  statementType: string;
  /** The object the statement acts on, when it names one (ALTER INDEX a RENAME TO b → index a). */
  object?: { kind: ObjectKind; name: Name };
  /** RENAME of an object that has no change kind of its own (index, view, sequence, function …). */
  renamedTo?: string;
  /** The tables a VACUUM, ANALYZE, CLUSTER or LOCK TABLE names (empty: every table it may reach). */
  tables?: Name[];
  /** VACUUM: FULL is on (`VACUUM FULL`, `(FULL)`, `(FULL true)`); false for `(FULL false)`, `(FULL off)`. */
  full?: boolean;
  /** LOCK TABLE: the mode asked for, as PostgreSQL names it (`ACCESS EXCLUSIVE` when no IN … MODE is written). */
  lockMode?: PgLockMode;
}

export type Change =
  | CreateTableChange
  | AlterTableChange
  | RenameTableChange
  | DropChange
  | CreateIndexChange
  | CreateTypeChange
  | AlterTypeChange
  | DomainChange
  | CreateViewChange
  | RoutineChange
  | CreateTriggerChange
  | ExtensionChange
  | SchemaChange
  | SequenceChange
  | DataChange
  | TransactionChange
  | SetChange
  | CommentChange
  | ReindexChange
  | OtherChange;

/** One statement of a migration part, as split from the file and parsed. */
export interface Statement {
  /** Range of the statement text in its file (without the terminating `;`). */
  range: SourceRange;
  text: string;
  /**
   * Undefined when the statement did not parse (a syntax finding is reported instead). A CREATE
   * TABLE with one faulty element has both: the change read without that element, for replay.
   */
  change?: Change;
  syntaxError?: SyntaxErrorInfo;
  /**
   * A row of a very large part that repeats an earlier row's `INSERT INTO … VALUES` head: its
   * change is that row's, and its values were not parsed (see parse/large-part.ts).
   */
  skimmed?: true;
  /**
   * The statement runs SQL built while the migration runs (MySQL PREPARE … EXECUTE, EXECUTE
   * IMMEDIATE). `sql`: that SQL, when it is built from literals only; then `change` is its
   * change. Without `sql`, what it does is unknown.
   */
  dynamic?: { sql?: string };
}

export interface SyntaxErrorInfo {
  /** The parser's message, cleaned of its internal wording where that helps the user. */
  message: string;
  /** Where in the file the parser stopped (UTF-16 offsets). */
  range: SourceRange;
}
