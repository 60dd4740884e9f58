// Small SQL helpers shared by the tracking modules: the tool's own queries are written once with
// PostgreSQL placeholders and adapted to MySQL here.

import type { DatabaseConnection, Row } from '../connection.js';

/** Runs `sql` written with `$1, $2 …` (each used once, in order) on either dialect. */
export function query<T extends Row = Row>(connection: DatabaseConnection, sql: string, params: unknown[] = []): Promise<T[]> {
  return connection.query<T>(connection.dialect === 'postgres' ? sql : sql.replace(/\$\d+/g, '?'), params);
}

export async function tableExists(connection: DatabaseConnection, table: string): Promise<boolean> {
  const rows =
    connection.dialect === 'postgres'
      ? await connection.query(`SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1`, [table])
      : await connection.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?`, [table]);
  return rows.length > 0;
}

export async function databaseName(connection: DatabaseConnection): Promise<string> {
  const sql = connection.dialect === 'postgres' ? 'SELECT current_database() AS name' : 'SELECT DATABASE() AS name';
  return String((await connection.query<{ name: string }>(sql))[0].name);
}

export async function currentSchema(connection: DatabaseConnection): Promise<string> {
  return String((await connection.query<{ name: string }>('SELECT current_schema() AS name'))[0].name);
}

/** Timestamps as ISO text whichever driver decoded them. */
export function timestampText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** `true`, 1, '1', 't' — booleans as PostgreSQL and MySQL drivers return them. */
export function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}
