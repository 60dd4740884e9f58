// Frameworks that keep one row per applied migration and nothing else (dbmate, sql-migrate,
// node-pg-migrate): the row is written in the migration's own transaction, removed by its down,
// and a failure leaves no row (the failure journal covers half-applied ones).

import type { Migration } from '../../engine/model/migration-set.js';
import type { DatabaseConnection } from '../connection.js';
import { withFailureJournal } from './history.js';
import { tableExists } from './sql.js';
import type { LockKey, TrackedRecord, Tracking } from './types.js';

export interface RecordTable {
  table: string;
  /** The framework's CREATE TABLE per dialect; no `mysql` for PostgreSQL-only frameworks. */
  create: { postgres: string; mysql?: string };
  key(migration: Migration): string;
  lockKey(connection: DatabaseConnection): Promise<LockKey>;
  transactionScope?: 'migration' | 'run';
  /** Keys (and times) of the rows, oldest first. */
  select(connection: DatabaseConnection): Promise<TrackedRecord[]>;
  insert(connection: DatabaseConnection, migration: Migration): Promise<void>;
  remove(connection: DatabaseConnection, migration: Migration): Promise<void>;
}

export function recordPerMigration(spec: RecordTable): Tracking {
  const base: Tracking = {
    table: spec.table,
    key: spec.key,
    checksum: () => undefined,
    checksumMatches: () => true,
    transactionScope: spec.transactionScope ?? 'migration',
    lockKey: spec.lockKey,
    async ensureTable(connection) {
      const create = connection.dialect === 'postgres' ? spec.create.postgres : spec.create.mysql;
      if (!create) throw new Error(`${spec.table} is a PostgreSQL-only tracking table; run this set against PostgreSQL`);
      await connection.query(create);
    },
    read: async (connection) => ((await tableExists(connection, spec.table)) ? spec.select(connection) : []),
    started: async () => undefined,
    finished: (connection, step) => (step.direction === 'up' ? spec.insert(connection, step.migration) : spec.remove(connection, step.migration)),
    failed: async () => undefined,
    force: (connection, set, target) => forceRecords(connection, spec, set.migrations, target),
  };
  return withFailureJournal(base);
}

/** The database is exactly as after `target`: it has a row, later migrations have none. */
export async function forceRecords(
  connection: DatabaseConnection,
  spec: Pick<RecordTable, 'key' | 'select' | 'insert' | 'remove'>,
  migrations: Migration[],
  target: Migration | undefined,
): Promise<void> {
  const applied = new Set((await spec.select(connection)).filter((r) => r.state === 'applied').map((r) => r.key));
  const targetIndex = target ? migrations.indexOf(target) : -1;
  for (const migration of migrations.slice(targetIndex + 1)) {
    if (applied.has(spec.key(migration))) await spec.remove(connection, migration);
  }
  if (target && !applied.has(spec.key(target))) await spec.insert(connection, target);
}
