// A MySQL or MariaDB server through mysql2: one connection, text protocol for migration
// statements (DDL cannot always be prepared), dialect from the server's own version string.

import mysql from 'mysql2/promise';
import { ConnectionError, DatabaseError, type DatabaseConnection, type Row } from '../connection.js';
import { reasonOf } from './postgres.js';
import { redactSecret, type DatabaseUrl } from './url.js';

export async function openMysql(url: DatabaseUrl, description: string): Promise<DatabaseConnection> {
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({
      host: url.host,
      port: url.port,
      user: url.user,
      password: url.password,
      database: url.database,
      connectTimeout: 10_000,
      // One statement per call, so a failure maps to exactly one statement of the migration.
      multipleStatements: false,
    });
  } catch (error) {
    throw new ConnectionError(
      `cannot connect to ${description}: ${redactSecret(reasonOf(error), url.password)}; check that the server is running, and the host, port, user, database and MIGRATION_LENS_DB_PASSWORD`,
    );
  }
  connection.on('error', () => undefined);
  let mariadb = false;
  const run = async <T extends Row>(sql: string, params?: unknown[]): Promise<T[]> => {
    try {
      const [result] = await connection.query(sql, params);
      return (Array.isArray(result) ? result : []) as T[];
    } catch (error) {
      throw mysqlError(error, mariadb, url.password);
    }
  };
  const version = String((await run<{ version: string }>('SELECT VERSION() AS version'))[0].version);
  mariadb = /mariadb/i.test(version);
  return {
    dialect: mariadb ? 'mariadb' : 'mysql',
    description,
    query: run,
    execute: async (sql) => void (await run(sql)),
    begin: async () => void (await run('START TRANSACTION')),
    commit: async () => void (await run('COMMIT')),
    rollback: async () => void (await run('ROLLBACK')),
    serverVersion: async () => version,
    close: () => connection.end(),
  };
}

function mysqlError(error: unknown, mariadb: boolean, secret?: string): Error {
  const fields = error as { code?: string; sqlMessage?: string; errno?: number };
  if (!(error instanceof Error) || fields.errno === undefined) return new ConnectionError(redactSecret(reasonOf(error), secret));
  const message = fields.sqlMessage ?? error.message;
  // Syntax errors end with "… at line N" of the statement sent.
  const line = /at line (\d+)\s*$/.exec(message)?.[1];
  const code = mariadb ? mariadbErrorName(fields.errno, fields.code) : fields.code;
  return new DatabaseError(redactSecret(message, secret), code, undefined, line ? Number(line) : undefined);
}

/** MariaDB's own names for numbers it gave other meanings than MySQL did. */
const MARIADB_ERROR_NAMES: Record<number, string> = {
  4025: 'ER_CONSTRAINT_FAILED',
  4161: 'ER_UNKNOWN_DATA_TYPE',
};

/**
 * mysql2 names an error number by MySQL's table. The two servers share numbers below 1900; from
 * there on MariaDB numbers its errors its own way, so MySQL's name would mislead: MariaDB's name
 * where we know it, else the number as MariaDB's.
 */
export function mariadbErrorName(errno: number, mysqlName: string | undefined): string | undefined {
  if (errno < 1900) return mysqlName;
  return MARIADB_ERROR_NAMES[errno] ?? `MariaDB error ${errno}`;
}
