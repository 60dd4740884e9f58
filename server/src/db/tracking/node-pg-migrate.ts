// node-pg-migrate: `pgmigrations(id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on
// timestamp NOT NULL)` with the file name without extension (src/runner.ts), session advisory
// lock 7241865325823964, and by default every pending migration in one transaction.

import { recordPerMigration } from './record-per-migration.js';
import { query, timestampText } from './sql.js';

const TABLE = 'pgmigrations';

export const nodePgMigrateTracking = recordPerMigration({
  table: TABLE,
  create: {
    postgres: `CREATE TABLE IF NOT EXISTS ${TABLE} (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)`,
  },
  key: (migration) => migration.id,
  transactionScope: 'run',
  lockKey: async () => ({ kind: 'advisory', key: '7241865325823964' }),
  select: async (connection) =>
    (await query<{ name: string; run_on: unknown }>(connection, `SELECT name, run_on FROM ${TABLE} ORDER BY run_on, id`)).map((row) => ({
      key: String(row.name),
      state: 'applied' as const,
      appliedAt: timestampText(row.run_on),
    })),
  insert: async (connection, migration) => void (await query(connection, `INSERT INTO ${TABLE} (name, run_on) VALUES ($1, NOW())`, [migration.id])),
  remove: async (connection, migration) => void (await query(connection, `DELETE FROM ${TABLE} WHERE name = $1`, [migration.id])),
});
