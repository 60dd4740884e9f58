// golang-migrate: `schema_migrations(version bigint not null primary key, dirty boolean not
// null)` holds one row, the current version. Before a migration runs the row becomes
// (target, dirty=true); after it, (target, false); a failure that left changes behind leaves it
// dirty until `force`. One that was rolled back entirely puts the version back as it was, clean:
// golang-migrate itself would leave it dirty, but nothing of the migration is there to repair.
// A down's target is the previous version, or no row at all below the first (NilVersion -1).
// SetVersion empties the table and inserts in one transaction (database/postgres/postgres.go,
// database/mysql/mysql.go). Lock: pg_advisory_lock of GenerateAdvisoryLockId(database, schema,
// table) on PostgreSQL, GET_LOCK of GenerateAdvisoryLockId("database:table") on MySQL
// (database/util.go: crc32(names joined by NUL) * 1486364155, as uint32).

import type { Migration } from '../../engine/model/migration-set.js';
import type { DatabaseConnection } from '../connection.js';
import { crc32 } from './checksums.js';
import { currentSchema, databaseName, query, tableExists, truthy } from './sql.js';
import type { Tracking } from './types.js';

const TABLE = 'schema_migrations';
const NIL_VERSION = '-1';
const ADVISORY_LOCK_SALT = 1486364155n;

const key = (migration: Migration) => BigInt(migration.version).toString();

function advisoryLockId(names: string[]): string {
  const sum = BigInt(crc32(new TextEncoder().encode(names.join('\0'))));
  return ((sum * ADVISORY_LOCK_SALT) % 2n ** 32n).toString();
}

async function setVersion(connection: DatabaseConnection, version: string, dirty: boolean, inTransaction: boolean): Promise<void> {
  if (!inTransaction) await connection.begin();
  try {
    await connection.query(connection.dialect === 'postgres' ? `TRUNCATE ${TABLE}` : `DELETE FROM ${TABLE}`);
    // NilVersion is stored only while dirty: a failed down below the first migration.
    if (version !== NIL_VERSION || dirty) {
      await query(connection, `INSERT INTO ${TABLE} (version, dirty) VALUES ($1, $2)`, [version, dirty]);
    }
    if (!inTransaction) await connection.commit();
  } catch (error) {
    if (!inTransaction) await connection.rollback();
    throw error;
  }
}

/** The version the database is at once `migration` ran in `direction`. */
function targetVersion(migration: Migration, direction: 'up' | 'down', previous: Migration | undefined): string {
  if (direction === 'up') return key(migration);
  return previous ? key(previous) : NIL_VERSION;
}

export const golangMigrateTracking: Tracking = {
  table: TABLE,
  key,
  checksum: () => undefined,
  checksumMatches: () => true,
  transactionScope: 'migration',
  async lockKey(connection) {
    const database = await databaseName(connection);
    if (connection.dialect === 'postgres') return { kind: 'advisory', key: advisoryLockId([await currentSchema(connection), TABLE, database]) };
    return { kind: 'named', name: advisoryLockId([`${database}:${TABLE}`]) };
  },
  ensureTable: async (connection) =>
    void (await connection.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (version bigint not null primary key, dirty boolean not null)`)),
  async read(connection, set) {
    if (!(await tableExists(connection, TABLE))) return [];
    const [row] = await query<{ version: unknown; dirty: unknown }>(connection, `SELECT version, dirty FROM ${TABLE} LIMIT 1`);
    if (!row) return [];
    const current = BigInt(String(row.version));
    const dirty = truthy(row.dirty);
    const applied = set.migrations.filter((m) => BigInt(m.version) < current).map((m) => ({ key: key(m), state: 'applied' as const }));
    // The current version itself: applied, or dirty (its migration failed part-way, in either direction).
    const state = dirty ? ('failed' as const) : ('applied' as const);
    return current < 0n ? [] : [...applied, { key: current.toString(), state, detail: dirty ? `version ${current} is marked dirty` : undefined }];
  },
  started: (connection, step) => setVersion(connection, targetVersion(step.migration, step.direction, step.previous), true, false),
  finished: (connection, step) => setVersion(connection, targetVersion(step.migration, step.direction, step.previous), false, step.inTransaction),
  async failed(connection, step, _message, changesRemain) {
    if (changesRemain) return;
    const before = step.direction === 'up' ? (step.previous ? key(step.previous) : NIL_VERSION) : key(step.migration);
    await setVersion(connection, before, false, false);
  },
  force: (connection, _set, target) => setVersion(connection, target ? key(target) : NIL_VERSION, false, false),
};

