// sql-migrate: gorp maps `MigrationRecord{Id string; AppliedAt time.Time}` to
// `gorp_migrations(id, applied_at)` keyed by the file name: on PostgreSQL gorp's dialect makes
// `text` and `timestamp with time zone`, on MySQL `varchar(255)` and `datetime` with
// `engine=InnoDB charset=UTF8` (sql-migrate migrate.go, gorp dialect_postgres.go/dialect_mysql.go).
// The row is written in the migration's transaction; a down deletes it.

import { migrationLensLock } from './locks.js';
import { recordPerMigration } from './record-per-migration.js';
import { query, timestampText } from './sql.js';

const TABLE = 'gorp_migrations';

export const sqlMigrateTracking = recordPerMigration({
  table: TABLE,
  create: {
    postgres: `create table if not exists "${TABLE}" ("id" text not null primary key, "applied_at" timestamp with time zone)`,
    mysql: `create table if not exists \`${TABLE}\` (\`id\` varchar(255) not null primary key, \`applied_at\` datetime) engine=InnoDB charset=UTF8`,
  },
  key: (migration) => migration.id,
  lockKey: (connection) => migrationLensLock(connection, TABLE),
  select: async (connection) =>
    (await query<{ id: string; applied_at: unknown }>(connection, `SELECT id, applied_at FROM ${TABLE} ORDER BY applied_at, id`)).map((row) => ({
      key: String(row.id),
      state: 'applied' as const,
      appliedAt: timestampText(row.applied_at),
    })),
  insert: async (connection, migration) =>
    void (await query(connection, `INSERT INTO ${TABLE} (id, applied_at) VALUES ($1, ${connection.dialect === 'postgres' ? 'now()' : 'NOW()'})`, [migration.id])),
  remove: async (connection, migration) => void (await query(connection, `DELETE FROM ${TABLE} WHERE id = $1`, [migration.id])),
});
