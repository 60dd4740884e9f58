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
  const run = async <T extends Row>(sql: string, params?: unknown[]): Promise<T[]> => {
    try {
      const [result] = await connection.query(sql, params);
      return (Array.isArray(result) ? result : []) as T[];
    } catch (error) {
      throw mysqlError(error, url.password);
    }
  };
  const version = String((await run<{ version: string }>('SELECT VERSION() AS version'))[0].version);
  return {
    dialect: /mariadb/i.test(version) ? 'mariadb' : 'mysql',
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

function mysqlError(error: unknown, secret?: string): Error {
  const fields = error as { code?: string; sqlMessage?: string; errno?: number };
  if (!(error instanceof Error) || fields.errno === undefined) return new ConnectionError(redactSecret(reasonOf(error), secret));
  const message = fields.sqlMessage ?? error.message;
  // Syntax errors end with "… at line N" of the statement sent.
  const line = /at line (\d+)\s*$/.exec(message)?.[1];
  return new DatabaseError(redactSecret(message, secret), fields.code, undefined, line ? Number(line) : undefined);
}
