// Prisma Migrate: `_prisma_migrations` gets a row when a migration starts (checksum = SHA-256
// of migration.sql, started_at), finished_at and applied_steps_count when it ends; a failure
// keeps the row with finished_at NULL and the error in logs, which blocks `migrate deploy` until
// `migrate resolve`. Rows with rolled_back_at no longer count. Session lock:
// pg_advisory_lock(72707369) (schema-engine sql-migration-connector). Tables as the schema
// engine creates them (PostgreSQL timestamptz, MySQL DATETIME(3)).

import { randomUUID } from 'node:crypto';
import type { Migration } from '../../engine/model/migration-set.js';
import type { DatabaseConnection } from '../connection.js';
import { prismaChecksumMatches, sha256Hex } from './checksums.js';
import { migrationLensLock } from './locks.js';
import { query, tableExists, timestampText } from './sql.js';
import type { TrackedRecord, Tracking } from './types.js';

const TABLE = '_prisma_migrations';

const CREATE_POSTGRES = `CREATE TABLE ${TABLE} (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const CREATE_MYSQL = `CREATE TABLE ${TABLE} (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             DATETIME(3),
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          DATETIME(3),
    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

const key = (migration: Migration) => migration.id;

/** now() with the precision of the table's timestamps. */
const now = (connection: DatabaseConnection) => (connection.dialect === 'postgres' ? 'now()' : 'CURRENT_TIMESTAMP(3)');

/** The row of the run in progress (or the failed one): not finished, not rolled back. */
const OPEN_ROW = 'migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL';

async function insertStarted(connection: DatabaseConnection, migration: Migration, fileText: string): Promise<void> {
  await query(connection, `INSERT INTO ${TABLE} (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, ${now(connection)}, 0)`, [
    randomUUID(),
    sha256Hex(fileText),
    migration.id,
  ]);
}

/** Milliseconds from `start` to `end`, when the driver gave both as times. */
function elapsedMs(start: unknown, end: unknown): number | undefined {
  return start instanceof Date && end instanceof Date ? Math.max(0, end.getTime() - start.getTime()) : undefined;
}

export const prismaTracking: Tracking = {
  table: TABLE,
  key,
  checksum: (_migration, fileText) => sha256Hex(fileText),
  checksumMatches: (stored, _migration, fileText) => prismaChecksumMatches(stored, fileText),
  transactionScope: 'migration',
  lockKey: async (connection) => (connection.dialect === 'postgres' ? { kind: 'advisory', key: '72707369' } : migrationLensLock(connection, TABLE)),
  async ensureTable(connection) {
    if (!(await tableExists(connection, TABLE))) await connection.query(connection.dialect === 'postgres' ? CREATE_POSTGRES : CREATE_MYSQL);
  },
  async read(connection) {
    if (!(await tableExists(connection, TABLE))) return [];
    const rows = await query<{ checksum: string; started_at: unknown; finished_at: unknown; migration_name: string; logs: string | null }>(
      connection,
      `SELECT checksum, started_at, finished_at, migration_name, logs FROM ${TABLE} WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
    );
    return rows.map(
      (row): TrackedRecord =>
        row.finished_at === null
          ? { key: row.migration_name, state: 'failed', checksum: row.checksum, detail: row.logs ?? undefined }
          : { key: row.migration_name, state: 'applied', checksum: row.checksum, appliedAt: timestampText(row.finished_at), durationMs: elapsedMs(row.started_at, row.finished_at) },
    );
  },
  started: (connection, step) => insertStarted(connection, step.migration, step.fileText),
  finished: async (connection, step) =>
    void (await query(connection, `UPDATE ${TABLE} SET finished_at = ${now(connection)}, applied_steps_count = 1 WHERE ${OPEN_ROW}`, [step.migration.id])),
  // A failure rolled back entirely is recorded as `prisma migrate resolve --rolled-back` would: pending again, its logs kept.
  failed: async (connection, step, message, changesRemain) =>
    void (await query(connection, `UPDATE ${TABLE} SET logs = $1${changesRemain ? '' : `, rolled_back_at = ${now(connection)}`} WHERE ${OPEN_ROW.replace('$1', '$2')}`, [message, step.migration.id])),
  async force(connection, set, target, fileText) {
    // `prisma migrate resolve`: a failed row is rolled back; the target gets a finished row.
    const targetIndex = target ? set.migrations.indexOf(target) : -1;
    for (const migration of set.migrations.slice(targetIndex + 1)) {
      await query(connection, `UPDATE ${TABLE} SET rolled_back_at = ${now(connection)} WHERE migration_name = $1 AND rolled_back_at IS NULL`, [migration.id]);
    }
    if (!target) return;
    const applied = (await query(connection, `SELECT 1 FROM ${TABLE} WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`, [target.id])).length > 0;
    if (applied) return;
    await query(connection, `UPDATE ${TABLE} SET rolled_back_at = ${now(connection)} WHERE ${OPEN_ROW}`, [target.id]);
    await insertStarted(connection, target, fileText(target));
    await query(connection, `UPDATE ${TABLE} SET finished_at = ${now(connection)} WHERE ${OPEN_ROW}`, [target.id]);
  },
};
