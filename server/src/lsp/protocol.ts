// Custom requests between the VS Code client and the language server. The client imports its
// types from here and nothing else of the server, so this file depends only on the protocol and
// on server types (erased from the client's bundle).

import { NotificationType0, RequestType, RequestType0, type Position, type Range, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { ContainerAction, ContainerOutcome } from '../db/docker/actions.js';
import type { ExecutedStatement } from '../db/console.js';
import type { TargetDescription } from '../db/targets/describe.js';
import type { Dialect, Framework } from '../engine/index.js';
import type { RuleCatalogEntry } from '../engine/rules/catalog-entry.js';

/** One discovered migration set, as the client shows it. */
export interface MigrationSetSummary {
  /** Absolute folder path, forward slashes. */
  root: string;
  rootUri: string;
  framework: Framework;
  frameworkReason: string;
  dialect: Dialect;
  dialectReason: string;
  migrations: number;
  errors: number;
  warnings: number;
}

export interface ListSetsResult {
  sets: MigrationSetSummary[];
}

/** Analyses the workspace now (skipping the edit debounce) and lists its migration sets. */
export const ListSetsRequest = new RequestType0<ListSetsResult, void>('migrationLens/listSets');

export interface RuleDocsParams {
  rule: string;
}

export interface RuleDocsResult {
  /** The rule's documentation as a markdown page; undefined for an unknown rule id. */
  markdown?: string;
}

/** A rule's documentation, for the "Show documentation for <rule>" code action. */
export const RuleDocsRequest = new RequestType<RuleDocsParams, RuleDocsResult, void>('migrationLens/ruleDocs');

/** Client command the code action runs, with the rule id as its argument. */
export const SHOW_RULE_DOCS_COMMAND = 'migrationLens.showRuleDocs';

/** Client command the "used by N migrations" lens runs: the editor's references view at (uri, position). */
export const SHOW_REFERENCES_COMMAND = 'migrationLens.showReferences';

/** Client command a fix that creates files runs after its edit: opens them (arguments: their URIs). */
export const OPEN_CREATED_FILES_COMMAND = 'migrationLens.openCreatedFiles';

export interface RuleListResult {
  /** Every rule, as `check --list-rules` lists them. */
  rules: RuleCatalogEntry[];
}

/** Every rule with its summary, for the "Show Rule Documentation" picker. */
export const RuleListRequest = new RequestType0<RuleListResult, void>('migrationLens/rules');

// ---------------------------------------------------------------------------------------------
// The schema the migrations produce, for the Schema view: replayed by the engine, no database.

/** Where an object was created or changed: the statement, and its migration. */
export interface SchemaOrigin extends FileRange {
  version: string;
  migration: string;
}

export interface SchemaTreeItem {
  /** table, column, primary-key, unique, foreign-key, check, index, view, materialized-view, enum, function, trigger, sequence, extension, schema; `history` groups what was dropped or renamed. */
  kind: string;
  name: string;
  /** One line: `integer not null default 0`, `unique (email)`, `(customer_id) → customers (id)`. */
  detail: string;
  created?: SchemaOrigin;
  /** Later changes, oldest first: "column `status` added", "renamed from `films`". */
  events: { action: string; detail: string; origin: SchemaOrigin }[];
  /** A table's columns, keys and indexes; under `history`, the objects dropped or renamed away. */
  children?: SchemaTreeItem[];
  /** Under `history`: `created` is where the object was dropped or renamed. */
  removed?: 'dropped' | 'renamed';
}

export interface SchemaParams {
  /** Absolute root of the migration set (MigrationSetSummary.root). */
  root: string;
  /** A migration's file (up or down part): the schema after that migration. Absent, or not one of the set's: after the last. */
  uri?: string;
}

export interface SchemaResult {
  root: string;
  /** The migration the schema is after (absent for a set with no migrations). */
  after?: { version: string; migration: string; uri?: string; position: number; count: number };
  items: SchemaTreeItem[];
}

/** The replayed schema of a set after one of its migrations. */
export const SchemaRequest = new RequestType<SchemaParams, SchemaResult, void>('migrationLens/schema');

// ---------------------------------------------------------------------------------------------
// Running migrations against a database: status, up, down, redo, force, baseline, drift, trace.
// Each request names a set (its root) and a target; long ones report window/workDoneProgress
// when the client sends a workDoneToken, and stop between migrations (or statements, for a
// trace) when cancelled, returning what was done.

/** Where a request runs: the set (by root) and the target the user chose. */
export interface TargetParams extends WorkDoneProgressParams {
  /** Absolute root of the migration set (MigrationSetSummary.root). */
  root: string;
  /** `embedded`, `docker`, or a postgres://, mysql://, mariadb:// URL. */
  target: string;
  /** For a URL without a password (the client's secret storage). */
  password?: string;
  /** Folder for the embedded database and the container state (the extension's storage). */
  storageDir?: string;
  /** Image tag of the docker target. */
  dockerVersion?: string;
  /** Allow a URL whose host is not this machine. */
  allowRemote?: boolean;
  /** PostgreSQL lock_timeout / MySQL lock_wait_timeout for the run, in milliseconds (default 5000). */
  lockTimeoutMs?: number;
}

/** A location in a migration file, LSP style (0-based). */
export interface FileRange {
  uri: string;
  range: Range;
}

export interface MigrationStatusItem {
  key: string;
  version: string;
  name: string;
  state: 'applied' | 'pending' | 'failed' | 'changed' | 'missing';
  appliedAt?: string;
  detail?: string;
  /** The up file; absent for a record with no file (state `missing`). */
  uri?: string;
}

/** How each migration state reads, the same in the lens, the Migrations view, the status pick and the output. */
export const MIGRATION_STATE_WORDS: Record<MigrationStatusItem['state'], string> = {
  applied: 'applied',
  pending: 'pending',
  failed: 'failed part-way',
  changed: 'applied, file changed since',
  missing: 'applied, file missing',
};

export interface StatusResult {
  /** The database, printable (no password). */
  target: string;
  table: string;
  detectsEdits: boolean;
  migrations: MigrationStatusItem[];
}

export interface RunStep {
  id: string;
  version: string;
  direction: 'up' | 'down';
  durationMs: number;
}

export interface RunFailure extends RunStep {
  message: string;
  code?: string;
  location?: FileRange;
  /** True when nothing of the failing part remains in the database. */
  rolledBack: boolean;
  /** When not rolled back: the statements before the failing one, which took effect (1-based first line, text). */
  tookEffect: { line: number; text: string }[];
  /** What the failure left, in the words the CLI and the editor share: "It was rolled back: …". */
  outcome: string;
}

/** A migration of the run with error findings, which the user is asked about before it runs. */
export interface MigrationWithErrors {
  id: string;
  version: string;
  findings: { rule: string; message: string; location: FileRange }[];
}

export interface PreflightIssue {
  check: 'url' | 'dialect' | 'version' | 'locks';
  severity: 'error' | 'warning';
  message: string;
}

export interface RunReport {
  target: string;
  steps: RunStep[];
  failure?: RunFailure;
  /** Steps undone together with the failure (node-pg-migrate's one transaction). */
  rolledBackSteps: RunStep[];
  /** The run stopped early because the client cancelled it; `steps` is what was done. */
  cancelled: boolean;
  /** Pre-flight findings (servers only); an error among them means nothing ran. */
  preflight: PreflightIssue[];
  /** Nothing ran: these migrations have error findings, and the request did not say to run them anyway. */
  errorsToConfirm?: MigrationWithErrors[];
}

/**
 * The `data` of the RequestFailed answer to a run refused because a migration failed part-way
 * earlier: the client offers the ways out (console, force, reset) beside the message.
 */
export interface FailedStateData {
  failedMigration: { root: string; id: string; version: string; sentence: string };
}

export interface UpParams extends TargetParams {
  count?: number;
  /** Apply up to and including this version. */
  to?: string;
  /** Run migrations that have error findings too (the user was asked); otherwise nothing runs and `errorsToConfirm` lists them. */
  runDespiteErrors?: boolean;
}

export interface DownParams extends TargetParams {
  /** Undo this many (default 1). */
  count?: number;
  /** Undo every migration after this version (`none`: all of them). */
  to?: string;
}

export interface ForceParams extends TargetParams {
  /** The version the database is at now (`none`: before the first migration). */
  version: string;
}

/** A schema difference with the migration that defined the object. */
export interface SchemaDifferenceItem {
  objectKind: string;
  object: string;
  property: string;
  expected?: string;
  actual?: string;
  definedBy?: { version: string; migration: string } & FileRange;
}

export interface BaselineParams extends TargetParams {
  /** Record the history; false only plans. */
  confirm: boolean;
}

export interface BaselineResult {
  target: string;
  /** The newest migration the database matches exactly. */
  match?: { id: string; version: string; sameSchemaAs: string[] };
  closest?: { id: string; version: string; differences: SchemaDifferenceItem[] };
  empty: boolean;
  toRecord: string[];
  recorded: string[];
}

export interface DriftResult {
  target: string;
  appliedVersion?: string;
  appliedCount: number;
  notes: string[];
  differences: SchemaDifferenceItem[];
}

export interface TraceParams extends TargetParams {
  /** A pending migration's version; the first pending one when absent. */
  version?: string;
}

export interface TraceStatementItem {
  range: Range;
  /** pg_locks' modes (`AccessExclusiveLock`); `newRelation`: created by the migration, so nobody else waits for it. */
  locks: { relation: string; mode: string; takenByStatement: boolean; newRelation: boolean }[];
  rewritten: string[];
  error?: string;
  skipped?: string;
}

export interface TraceResult {
  target: string;
  migration: string;
  uri: string;
  statements: TraceStatementItem[];
  cancelled: boolean;
}

export interface DescribeTargetParams {
  /** As in TargetParams. */
  target: string;
}

/**
 * What a target is, before connecting: the client fetches a URL's password from its secret
 * storage and asks before running on a database that is not on this machine.
 */
export type { TargetDescription };

export const DescribeTargetRequest = new RequestType<DescribeTargetParams, TargetDescription, void>('migrationLens/describeTarget');

export const StatusRequest = new RequestType<TargetParams, StatusResult, void>('migrationLens/status');
export const UpRequest = new RequestType<UpParams, RunReport, void>('migrationLens/up');
export const DownRequest = new RequestType<DownParams, RunReport, void>('migrationLens/down');
export const RedoRequest = new RequestType<TargetParams, RunReport, void>('migrationLens/redo');
export const ForceRequest = new RequestType<ForceParams, StatusResult, void>('migrationLens/force');
export const BaselineRequest = new RequestType<BaselineParams, BaselineResult, void>('migrationLens/baseline');
export const DriftRequest = new RequestType<TargetParams, DriftResult, void>('migrationLens/drift');
export const TraceRequest = new RequestType<TraceParams, TraceResult, void>('migrationLens/trace');

// ---------------------------------------------------------------------------------------------
// The Docker target's container, by hand: the one `target: "docker"` uses for a set. `start` and
// `reset` report progress (pulling the image, creating or starting the container, waiting for
// connections); cancelling stops the wait and leaves the container running (`cancelled`).

export interface DockerParams extends WorkDoneProgressParams {
  /** Absolute root of the migration set (MigrationSetSummary.root): its dialect chooses the image. */
  root: string;
  action: ContainerAction;
  /** As in TargetParams: where the container's port and password are remembered. */
  storageDir?: string;
  /** Image tag; the image's long-term release when absent. */
  dockerVersion?: string;
  /** `reset` deletes the container's data: without `confirm: true` nothing is done and the message says what would be. */
  confirm?: boolean;
}

/** What the request did; the password stays in the state file. */
export type DockerResult = ContainerOutcome;

export type { ContainerAction };

export const DockerRequest = new RequestType<DockerParams, DockerResult, void>('migrationLens/docker');

// ---------------------------------------------------------------------------------------------
// Each set's own database: what it is before anything connects (for the Migrations view), SQL
// typed by the user on it (a console, a selected statement), and a reset. Console and reset act
// only on the embedded and Docker databases, which the extension made and the user cannot reach
// otherwise; a database given by URL is the user's own to reach with their tools.

export interface SetDatabasesParams {
  /** Each set with the target its settings give it. */
  sets: { root: string; target: string }[];
  /** As in TargetParams. */
  storageDir?: string;
}

export interface SetDatabase {
  root: string;
  /** The target as described for this set: `embedded PostgreSQL database db_migrations`. */
  target: TargetDescription;
  /** Short, for a view row: `embedded db_migrations`, `docker db_migrations`, `postgres://app@host/app`. */
  label: string;
  /** The embedded target for a MySQL or MariaDB set: there is no database to run on until the user picks one. */
  needsTarget?: boolean;
  /** Another set uses the same tracking table in the same database. */
  warning?: string;
}

export const SetDatabasesRequest = new RequestType<SetDatabasesParams, { sets: SetDatabase[] }, void>('migrationLens/setDatabases');

export interface ExecuteParams extends TargetParams {
  /** The SQL: statements the user selected, or a whole console. */
  sql: string;
  /** With no selection: the offset of the cursor in `sql`; only the statement there runs. */
  offset?: number;
}

export type { ExecutedStatement };

export interface ExecuteResult {
  target: string;
  statements: ExecutedStatement[];
}

export const ExecuteRequest = new RequestType<ExecuteParams, ExecuteResult, void>('migrationLens/execute');

export interface ResetDatabaseParams extends TargetParams {
  /** Without it nothing is done, and the message says what would be. */
  confirm: boolean;
}

export interface ResetDatabaseResult {
  target: string;
  reset: boolean;
  message: string;
}

export const ResetDatabaseRequest = new RequestType<ResetDatabaseParams, ResetDatabaseResult, void>('migrationLens/resetDatabase');

// ---------------------------------------------------------------------------------------------
// The Migrations container's other views: each set's migrations as the analysis knows them (no
// database: their files and findings), the history its tracking table records, and a new
// migration named as the set's framework names them.

export interface SetMigrationsParams {
  /** Absolute root of the migration set (MigrationSetSummary.root). */
  root: string;
}

export interface SetMigrationItem {
  id: string;
  version: string;
  name: string;
  /** The up part's file; the down part's where it has another. */
  uri?: string;
  downUri?: string;
  repeatable: boolean;
  /** Findings in the migration's parts. */
  errors: number;
  warnings: number;
  infos: number;
}

export interface SetMigrationsResult {
  root: string;
  /** In the order the framework runs them. */
  migrations: SetMigrationItem[];
}

/** A set's migrations with their files and findings, from the analysis alone. */
export const SetMigrationsRequest = new RequestType<SetMigrationsParams, SetMigrationsResult, void>('migrationLens/setMigrations');

export interface HistoryEntryItem {
  key: string;
  version: string;
  name: string;
  /** `changed`: its file was edited after it ran; `missing`: no file has it any more. */
  state: 'applied' | 'failed' | 'changed' | 'missing';
  appliedAt?: string;
  /** How long it ran, where the tracking table records it (Flyway, Prisma). */
  durationMs?: number;
  detail?: string;
  /** The up file; absent when no file has it. */
  uri?: string;
}

export interface HistoryResult {
  /** The database, printable (no password). */
  target: string;
  table: string;
  /** Newest first. */
  entries: HistoryEntryItem[];
}

/** What the set's tracking table records, newest first; nothing when the embedded database does not exist yet. */
export const HistoryRequest = new RequestType<TargetParams, HistoryResult, void>('migrationLens/history');

export interface NewMigrationParams {
  /** Absolute root of the migration set (MigrationSetSummary.root). */
  root: string;
  /** What the user typed; the server makes the file name of it. */
  description: string;
}

export interface NewMigrationResult {
  version: string;
  /** The files to create, the up part's first; none exists yet. */
  files: { uri: string; text: string }[];
  /** Where the cursor goes: the up part's SQL. */
  cursor: { uri: string; position: Position };
}

/** The files of a set's next migration, named and laid out as its framework's own tool would write them; creates nothing. */
export const NewMigrationRequest = new RequestType<NewMigrationParams, NewMigrationResult, void>('migrationLens/newMigration');

/** Why nothing touches a database in a workspace the user has not trusted: the server's refusal and the client's notices say it alike. */
export const RESTRICTED_MODE_MESSAGE =
  'this workspace is not trusted (Restricted Mode), so Migration Lens only analyses its migrations: it runs none, starts no Docker container and opens no database. Trust the workspace to use them.';

/** Sent by the client when the user trusts the workspace (trust is never taken back without a reload); see trust.ts. */
export const WorkspaceTrustedNotification = new NotificationType0('migrationLens/workspaceTrusted');
