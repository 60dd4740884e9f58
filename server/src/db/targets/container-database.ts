// The Docker target's database for one set: a database of its own inside the workspace's
// container, named after the set (set-database.ts), created the first time the set uses it.
// Earlier versions ran every set in the container's one database; the first set whose history
// it holds takes it over (renamed on PostgreSQL, its tables moved on MySQL/MariaDB), as the
// embedded database does (legacy-database.ts).

import type { MigrationSet } from '../../engine/model/migration-set.js';
import { ConnectionError, openTarget, type DatabaseConnection, type DockerTarget } from '../connection.js';
import { reasonOf } from './postgres.js';
import { holdsHistoryOf } from './legacy-database.js';

/** The target for `name`, a set's database on the server `shared` reaches (the container's default database). */
export async function containerSetDatabase(shared: DockerTarget, name: string, set: MigrationSet): Promise<DockerTarget> {
  const own: DockerTarget = { ...shared, url: withDatabase(shared.url, name) };
  const admin = await openTarget(shared);
  let adopt: boolean;
  try {
    if (await databaseExists(admin, name)) return own;
    adopt = await holdsHistoryOf(admin, set);
    if (admin.dialect !== 'postgres') {
      await admin.query(`CREATE DATABASE IF NOT EXISTS ${quoteName(admin, name)}`);
      if (adopt) await moveTables(admin, databaseOf(shared.url), name);
      return own;
    }
    if (!adopt) {
      await admin.query(`CREATE DATABASE ${quoteName(admin, name)}`);
      return own;
    }
  } finally {
    await admin.close();
  }
  await renamePostgresDatabase(shared, name, set);
  return own;
}

/** Drops and recreates the set's database: what a reset of that set does on the container. */
export async function recreateContainerSetDatabase(shared: DockerTarget, name: string): Promise<void> {
  const postgres = shared.url.startsWith('postgres');
  const admin = await openTarget(postgres ? { ...shared, url: withDatabase(shared.url, 'postgres') } : shared);
  try {
    // Sessions still connected to it (a console's) would make DROP DATABASE fail on PostgreSQL.
    if (postgres) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await admin.query(`DROP DATABASE IF EXISTS ${quoteName(admin, name)}`);
    await admin.query(`CREATE DATABASE ${quoteName(admin, name)}`);
  } finally {
    await admin.close();
  }
}

async function databaseExists(connection: DatabaseConnection, name: string): Promise<boolean> {
  const sql = connection.dialect === 'postgres' ? 'SELECT 1 FROM pg_database WHERE datname = $1' : 'SELECT 1 FROM information_schema.schemata WHERE schema_name = ?';
  return (await connection.query(sql, [name])).length > 0;
}

/** The shared database becomes the set's, and an empty one takes its name, which the container's URL uses. */
async function renamePostgresDatabase(shared: DockerTarget, name: string, set: MigrationSet): Promise<void> {
  const from = databaseOf(shared.url);
  const maintenance = await openTarget({ ...shared, url: withDatabase(shared.url, 'postgres') });
  try {
    await maintenance.query(`ALTER DATABASE ${quoteName(maintenance, from)} RENAME TO ${quoteName(maintenance, name)}`);
    await maintenance.query(`CREATE DATABASE ${quoteName(maintenance, from)}`);
  } catch (error) {
    throw new ConnectionError(`the container's database ${from} holds the history of ${set.root}, but moving it to ${name} failed: ${reasonOf(error)}; close other connections to it and run again`);
  } finally {
    await maintenance.close();
  }
}

/**
 * MySQL and MariaDB cannot rename a database: its tables move in one RENAME TABLE. Views,
 * routines and triggers cannot move that way; a database that has any is left as it is.
 */
async function moveTables(admin: DatabaseConnection, from: string, to: string): Promise<void> {
  const others = await admin.query(
    `SELECT (SELECT COUNT(*) FROM information_schema.views WHERE table_schema = ?) + (SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = ?) + (SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = ?) AS n`,
    [from, from, from],
  );
  if (Number(others[0]?.n) > 0) return;
  const tables = await admin.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'`, [from]);
  if (tables.length === 0) return;
  const q = (identifier: string) => quoteName(admin, identifier);
  await admin.query(`RENAME TABLE ${tables.map(({ name }) => `${q(from)}.${q(name)} TO ${q(to)}.${q(name)}`).join(', ')}`);
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function quoteName(connection: DatabaseConnection, name: string): string {
  return connection.dialect === 'postgres' ? `"${name.replace(/"/g, '""')}"` : `\`${name.replace(/`/g, '``')}\``;
}
