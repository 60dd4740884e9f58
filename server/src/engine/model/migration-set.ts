import type { Dialect, SourceRange } from './source.js';

export type Framework =
  | 'golang-migrate'
  | 'goose'
  | 'dbmate'
  | 'sql-migrate'
  | 'flyway'
  | 'prisma'
  | 'node-pg-migrate'
  | 'plain';

export const FRAMEWORKS: readonly Framework[] = [
  'golang-migrate',
  'goose',
  'dbmate',
  'sql-migrate',
  'flyway',
  'prisma',
  'node-pg-migrate',
  'plain',
];

/** How the framework will run one part: inside a transaction or not, and why. */
export interface TransactionMode {
  inTransaction: boolean;
  /** Human-readable reason, e.g. "goose wraps each migration in a transaction". */
  reason: string;
  /**
   * What the user writes to run this part outside a transaction, e.g. `-- +goose NO TRANSACTION`;
   * undefined where the framework has no per-file switch (golang-migrate, Prisma).
   */
  optOut?: string;
  /** Where the directive that decided the mode sits, when one does. */
  directiveRange?: SourceRange;
}

export type Direction = 'up' | 'down';

/** The up or down SQL of a migration: a whole file or a marked section of one. */
export interface MigrationPart {
  /** Absolute path, forward slashes. */
  file: string;
  direction: Direction;
  /** The SQL body inside the file (excluding the section marker line). */
  range: SourceRange;
  transaction: TransactionMode;
  /**
   * The framework sends the part to the server whole, as one multi-statement query (golang-migrate,
   * dbmate, Prisma): on MySQL the server then ends each statement itself, so a BEGIN … END body
   * needs no DELIMITER, and a DELIMITER line is an error (see parse/split.ts).
   */
  sentWhole?: true;
}

export interface Migration {
  /** Version as written in the file name ("007", "20240101120000", "1.2"). */
  version: string;
  /** Description part of the name ("wanted_movies"). */
  name: string;
  /** Stable identity inside the set, used as the tracking key where the framework keys by name. */
  id: string;
  /**
   * The version as the framework compares it, so equal keys are duplicates to the framework:
   * "1" for golang-migrate `001` and `1`, "1.2" for Flyway `1_2` and `1.2.0`, the file name for
   * sql-migrate, the folder name for Prisma, "" for Flyway repeatables. Set by discover; absent
   * in sets built by hand.
   */
  versionKey?: string;
  /**
   * Flyway: versioned V, undo U (folded into `down`), repeatable R, baseline B (the whole schema at
   * its version, run instead of the versioned migrations up to it on an empty database).
   */
  kind: 'versioned' | 'repeatable' | 'baseline';
  up?: MigrationPart;
  down?: MigrationPart;
}

export interface IgnoredFile {
  file: string;
  /** Why the framework will not run it, e.g. "extension must be lower-case .sql". */
  reason: string;
}

/** A server release the project itself names, such as its compose file's image tag. */
export interface DetectedServerVersion {
  /** "10.11", "8.0.36". */
  version: string;
  /** "the image mariadb:10.11 in docker-compose.yml". */
  source: string;
}

export interface MigrationSet {
  /** Absolute folder path, forward slashes. */
  root: string;
  framework: Framework;
  /** Why this framework was chosen (for the UI). */
  frameworkReason: string;
  dialect: Dialect;
  /** Why this dialect was chosen (for the UI): setting, folder name, lock file, URL, content. */
  dialectReason: string;
  /** MySQL or MariaDB: the release the project develops against, when it names one (mysqlVersion / mariadbVersion win). */
  serverVersion?: DetectedServerVersion;
  /**
   * The set is written for an engine that is not checked ("CockroachDB", "SQLite"): analysis
   * reports it once (unsupported-dialect) and replays and lints none of it; `dialect` means nothing.
   */
  unsupported?: string;
  /** In the framework's order. */
  migrations: Migration[];
  /** Files that look like migrations but that the framework will not run. */
  ignored: IgnoredFile[];
  /**
   * Flyway with a baseline migration: the versioned migrations up to its version, which an empty
   * database skips (it runs the baseline, first in `migrations`) and a database migrated before
   * the baseline has run. The replay follows `migrations`, as a new database does.
   */
  superseded?: Migration[];
  /** Roots of sets with the same versions in sibling folders (postgres/ and mysql/). */
  siblings: string[];
  /**
   * True for a lone `.sql` file checked on its own (no migration folder around it): a set of one
   * migration over an unknown schema, so tables it does not create are assumed to exist. `root`
   * is then the file's folder.
   */
  standalone?: boolean;
}
