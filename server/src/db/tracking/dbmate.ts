// dbmate: `schema_migrations(version varchar(128) primary key)`, one row per applied version
// (the leading digits of the file name), inserted in the migration's transaction and deleted by
// its rollback. dbmate takes no lock of its own. Verified against the dbmate 2.36 binary
// (test/db/runner-dbmate-interop.test.ts runs it on both servers).

import { migrationLensLock } from './locks.js';
import { recordPerMigration } from './record-per-migration.js';
import { query } from './sql.js';

const TABLE = 'schema_migrations';

export const dbmateTracking = recordPerMigration({
  table: TABLE,
  create: {
    postgres: `CREATE TABLE IF NOT EXISTS ${TABLE} (version varchar(128) PRIMARY KEY)`,
    mysql: `CREATE TABLE IF NOT EXISTS ${TABLE} (version varchar(128) PRIMARY KEY)`,
  },
  key: (migration) => migration.version,
  lockKey: (connection) => migrationLensLock(connection, TABLE),
  select: async (connection) =>
    (await query<{ version: string }>(connection, `SELECT version FROM ${TABLE} ORDER BY version`)).map((row) => ({
      key: String(row.version),
      state: 'applied' as const,
    })),
  insert: async (connection, migration) => void (await query(connection, `INSERT INTO ${TABLE} (version) VALUES ($1)`, [migration.version])),
  remove: async (connection, migration) => void (await query(connection, `DELETE FROM ${TABLE} WHERE version = $1`, [migration.version])),
});
