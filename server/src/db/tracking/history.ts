// `migration_lens_history`: the tracking table of plain sets (no framework), and the journal of
// half-applied failures for frameworks whose own table cannot say "failed" (goose, dbmate,
// sql-migrate, node-pg-migrate): without it, a migration that died after some statements took
// effect would leave no trace at all.

import type { Migration, MigrationSet } from '../../engine/model/migration-set.js';
import type { DatabaseConnection } from '../connection.js';
import { sha256Hex } from './checksums.js';
import { query, tableExists, timestampText, truthy } from './sql.js';
import type { Step, TrackedRecord, Tracking } from './types.js';

export const HISTORY_TABLE = 'migration_lens_history';

const CREATE_POSTGRES = `CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
  version varchar(255) NOT NULL,
  name varchar(255) PRIMARY KEY,
  checksum char(64) NOT NULL,
  applied_at timestamp NOT NULL DEFAULT now(),
  success boolean NOT NULL
)`;

const CREATE_MYSQL = `CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
  version varchar(255) NOT NULL,
  name varchar(255) PRIMARY KEY,
  checksum char(64) NOT NULL,
  applied_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  success boolean NOT NULL
)`;

export interface HistoryRow {
  version: string;
  name: string;
  checksum: string;
  applied_at: unknown;
  success: unknown;
}

export async function ensureHistoryTable(connection: DatabaseConnection): Promise<void> {
  await connection.query(connection.dialect === 'postgres' ? CREATE_POSTGRES : CREATE_MYSQL);
}

export async function readHistory(connection: DatabaseConnection): Promise<HistoryRow[]> {
  if (!(await tableExists(connection, HISTORY_TABLE))) return [];
  return query<HistoryRow & Record<string, unknown>>(connection, `SELECT version, name, checksum, applied_at, success FROM ${HISTORY_TABLE} ORDER BY applied_at, name`);
}

/** Records `migration` (by file name) as applied or failed, replacing an earlier record. */
export async function writeHistory(connection: DatabaseConnection, migration: Migration, fileText: string, success: boolean): Promise<void> {
  await deleteHistory(connection, [migration.id]);
  await query(connection, `INSERT INTO ${HISTORY_TABLE} (version, name, checksum, success) VALUES ($1, $2, $3, $4)`, [
    migration.version,
    migration.id,
    sha256Hex(fileText),
    success,
  ]);
}

export async function deleteHistory(connection: DatabaseConnection, names: string[]): Promise<void> {
  for (const name of names) await query(connection, `DELETE FROM ${HISTORY_TABLE} WHERE name = $1`, [name]);
}

export function historyRecord(row: HistoryRow, key: string): TrackedRecord {
  return {
    key,
    state: truthy(row.success) ? 'applied' : 'failed',
    checksum: row.checksum.trim(),
    appliedAt: timestampText(row.applied_at),
    detail: truthy(row.success) ? undefined : 'statements before the failing one took effect',
    recordedIn: HISTORY_TABLE,
  };
}

/**
 * `tracking` plus the failure journal: a half-applied failure is written to migration_lens_history
 * and shown as failed until the migration runs through or is forced.
 */
export function withFailureJournal(tracking: Tracking): Tracking {
  // Whether the journal table exists, learnt when a run reads the status, so finishing each
  // migration costs no extra catalog query; a connection without an entry has not read yet.
  const journalExists = new WeakMap<DatabaseConnection, boolean>();
  const hasJournal = async (connection: DatabaseConnection) => journalExists.get(connection) ?? (await tableExists(connection, HISTORY_TABLE));
  const clear = async (connection: DatabaseConnection, names: string[]) => {
    if (await hasJournal(connection)) await deleteHistory(connection, names);
  };
  return {
    ...tracking,
    async read(connection, set) {
      const records = await tracking.read(connection, set);
      const byId = new Map(set.migrations.map((m) => [m.id, m]));
      const history = await readHistory(connection);
      journalExists.set(connection, await tableExists(connection, HISTORY_TABLE));
      const failures = history
        .filter((row) => !truthy(row.success) && byId.has(row.name))
        .map((row) => historyRecord(row, tracking.key(byId.get(row.name)!)));
      const failedKeys = new Set(failures.map((f) => f.key));
      return [...records.filter((r) => !failedKeys.has(r.key)), ...failures];
    },
    async finished(connection, step: Step, durationMs) {
      await tracking.finished(connection, step, durationMs);
      await clear(connection, [step.migration.id]);
    },
    async failed(connection, step, _message, changesRemain) {
      if (!changesRemain) return;
      await ensureHistoryTable(connection);
      journalExists.set(connection, true);
      await writeHistory(connection, step.migration, step.fileText, false);
    },
    async force(connection, set: MigrationSet, target, fileText) {
      await tracking.force(connection, set, target, fileText);
      await clear(connection, set.migrations.map((m) => m.id));
    },
  };
}
