// What the runner needs from a framework's tracking table. Each framework's module reads and
// writes its table exactly as that framework does, so its own CLI agrees with us afterwards.

import type { Direction, Migration, MigrationSet } from '../../engine/model/migration-set.js';
import type { DatabaseConnection } from '../connection.js';

/** One migration as the tracking table records it. */
export interface TrackedRecord {
  /** The tracking key (see `Tracking.key`). */
  key: string;
  state: 'applied' | 'failed';
  /** Checksum the table stores, comparable with `Tracking.checksum`; absent where the framework keeps none. */
  checksum?: string;
  appliedAt?: string;
  /** How long it ran, where the table records it (Flyway's execution_time, Prisma's started_at to finished_at). */
  durationMs?: number;
  /** What the table says about a failure (Prisma logs, "dirty"). */
  detail?: string;
  /** The table holding this record when it is not the framework's own (the failure journal). */
  recordedIn?: string;
}

/** One part about to run or just run. */
export interface Step {
  set: MigrationSet;
  migration: Migration;
  direction: Direction;
  /** Text of the part's file. */
  fileText: string;
  /** The migration before this one in the set (golang-migrate's version after a down). */
  previous: Migration | undefined;
  /** Whether the runner has a transaction open around the part (and so around `finished`). */
  inTransaction: boolean;
}

/** The session lock a framework takes: a PostgreSQL advisory lock key or a MySQL GET_LOCK name. */
export type LockKey = { kind: 'advisory'; key: string } | { kind: 'named'; name: string };

export interface Tracking {
  /** Name of the tracking table, for messages. */
  readonly table: string;
  /**
   * How tracking rows name a migration: golang-migrate/goose/dbmate/Flyway by version,
   * sql-migrate/Prisma/node-pg-migrate/plain by file or folder name.
   */
  key(migration: Migration): string;
  /**
   * The checksum the framework would store for this migration; undefined when the framework
   * stores none, so an edit after applying cannot be told.
   */
  checksum(migration: Migration, fileText: string): string | undefined;
  /** Whether a stored checksum still matches the file (Prisma also accepts the other line endings). */
  checksumMatches(stored: string, migration: Migration, fileText: string): boolean;
  /** node-pg-migrate runs every pending migration in one transaction; the others one per migration. */
  readonly transactionScope: 'migration' | 'run';
  lockKey(connection: DatabaseConnection): Promise<LockKey>;
  /** Creates the table as the framework would, when it does not exist. */
  ensureTable(connection: DatabaseConnection): Promise<void>;
  /** The records, in the order they were written; none when the table does not exist. */
  read(connection: DatabaseConnection, set: MigrationSet): Promise<TrackedRecord[]>;
  /** Before the part's transaction (golang-migrate marks dirty, Prisma inserts the started row). */
  started(connection: DatabaseConnection, step: Step): Promise<void>;
  /** Inside the part's transaction, after its last statement. */
  finished(connection: DatabaseConnection, step: Step, durationMs: number): Promise<void>;
  /**
   * After a failure, once the transaction (if any) is rolled back. `changesRemain`: some
   * statements took effect and could not be rolled back, so a record must say so.
   */
  failed(connection: DatabaseConnection, step: Step, message: string, changesRemain: boolean, durationMs: number): Promise<void>;
  /**
   * Repairs a failed state: the database is now exactly as after `target` (undefined: before
   * the first migration). The failed migration becomes applied when it is `target`, rolled
   * back when it comes after it.
   */
  force(connection: DatabaseConnection, set: MigrationSet, target: Migration | undefined, fileText: (m: Migration) => string): Promise<void>;
}
