// One database session, whatever carries it: embedded PGlite, a PostgreSQL server through `pg`,
// a MySQL/MariaDB server through `mysql2`. Everything that runs migrations, reads tracking
// tables or compares schemas talks to a `DatabaseConnection`, never to a driver directly.
//
// A connection is a single session (not a pool): session-level state such as advisory locks,
// `SET lock_timeout` and an open transaction stays with it until `close()`.

import { existsSync } from 'node:fs';
import type { Dialect } from '../engine/model/source.js';
import { openMysql } from './targets/mysql.js';
import { openEmbeddedPglite } from './targets/pglite.js';
import { openPostgres } from './targets/postgres.js';
import { parseDatabaseUrl, requireLocalOrAllowed } from './targets/url.js';

export type Row = Record<string, unknown>;

export interface DatabaseConnection {
  /** `postgres` for PGlite and PostgreSQL servers; `mysql` or `mariadb` as the server reports itself. */
  readonly dialect: Dialect;
  /** Where this connection goes, safe to print: passwords are never part of it. */
  readonly description: string;
  /**
   * Rows of one statement with parameters: `$1, $2` on PostgreSQL, `?` on MySQL/MariaDB.
   * For the tool's own queries (tracking tables, catalogs).
   */
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs one statement of a migration exactly as written (simple query protocol, no parameters,
   * so statements that cannot be prepared, such as `CREATE INDEX CONCURRENTLY`, still run).
   */
  execute(sql: string): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** The server's version string, e.g. "16.4" or "11.4.2-MariaDB". */
  serverVersion(): Promise<string>;
  close(): Promise<void>;
}

/**
 * An error the database reported, in one shape for every driver, so callers can point at the
 * failing statement without knowing which driver raised it.
 */
export class DatabaseError extends Error {
  constructor(
    message: string,
    /** SQLSTATE on PostgreSQL ("42P01"), error name on MySQL ("ER_NO_SUCH_TABLE"). */
    readonly code: string | undefined,
    /** 1-based character position in the statement (PostgreSQL `position`), when the server gave one. */
    readonly position: number | undefined,
    /** 1-based line in the statement (MySQL's "at line N"), when the server gave one. */
    readonly line: number | undefined,
    readonly detail?: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** The database could not be reached or opened; the message says what to do. */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/**
 * Whether `error` means the session itself is gone — the server restarted, failed over, or an
 * administrator ended it — rather than a statement failing: nothing more can be sent on it.
 */
export function isConnectionLost(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  if (!(error instanceof DatabaseError) || error.code === undefined) return false;
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now and the connection_exception class; MySQL/MariaDB: the server went away.
  return /^(57P0[123]|08)/.test(error.code) || ['ER_SERVER_SHUTDOWN', 'PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'ER_CONNECTION_KILLED'].includes(error.code);
}

/** Embedded PostgreSQL (PGlite) persisted in `dataDir`: the zero-set-up default. */
export interface EmbeddedTarget {
  kind: 'embedded';
  /** Folder holding the database files; created on first use. */
  dataDir: string;
  /** The state folder it lives in, which gets its `.gitignore` when the database is created. */
  stateDir?: string;
}

/** A server the user named by URL: postgres://, postgresql://, mysql://, mariadb://. */
export interface UrlTarget {
  kind: 'url';
  url: string;
  /** Used when the URL carries none (the CLI reads MIGRATION_LENS_DB_PASSWORD, the extension its secret storage). */
  password?: string;
  /** Hosts other than loopback are refused unless this is set (production safety). */
  allowRemote?: boolean;
  /** Where the user opts in, for the refusal's message. */
  allowRemoteHint?: string;
}

/** A container started by db/docker, reached through the loopback URL its port is published on. */
export interface DockerTarget {
  kind: 'docker';
  url: string;
  password?: string;
  /** Container name, for messages. */
  container: string;
}

export type Target = EmbeddedTarget | UrlTarget | DockerTarget;

/**
 * For an embedded target whose database does not exist yet, how to name it; undefined otherwise.
 * Reading the state must not create that database (≈40 MB and seconds): before the first run,
 * every migration is pending.
 */
export function uncreatedEmbeddedDatabase(target: Target): string | undefined {
  return target.kind === 'embedded' && !existsSync(target.dataDir) ? `embedded PostgreSQL (${target.dataDir}, created by the first run)` : undefined;
}

export async function openTarget(target: Target): Promise<DatabaseConnection> {
  if (target.kind === 'embedded') return openEmbeddedPglite(target.dataDir, { stateDir: target.stateDir });
  const url = parseDatabaseUrl(target.url, target.password);
  if (target.kind === 'url') requireLocalOrAllowed(url, target.allowRemote ?? false, target.allowRemoteHint);
  const description = target.kind === 'docker' ? `${url.description} (container ${target.container})` : url.description;
  return url.protocol === 'postgres' ? openPostgres(url, description) : openMysql(url, description);
}
