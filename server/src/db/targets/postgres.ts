// A PostgreSQL server through node-postgres: one `pg.Client`, so session state (advisory locks,
// lock_timeout, the open transaction) belongs to this connection alone.

import pg from 'pg';
import { ConnectionError, DatabaseError, type DatabaseConnection, type Row } from '../connection.js';
import { sessionName } from '../session-name.js';
import { redactSecret, type DatabaseUrl } from './url.js';

export async function openPostgres(url: DatabaseUrl, description: string): Promise<DatabaseConnection> {
  const client = new pg.Client({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
    ssl: sslOption(url.sslMode),
    connectionTimeoutMillis: 10_000,
    application_name: sessionName(),
  });
  // An idle session dropped by the server must not crash the process; the next query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new ConnectionError(`cannot connect to ${description}: ${redactSecret(reasonOf(error), url.password)}; ${CONNECT_ADVICE}`);
  }
  const run = async <T extends Row>(sql: string, params?: unknown[]): Promise<T[]> => {
    try {
      return (await client.query(sql, params)).rows as T[];
    } catch (error) {
      throw postgresError(error, url.password);
    }
  };
  return {
    dialect: 'postgres',
    description,
    query: run,
    execute: async (sql) => void (await run(sql)),
    begin: async () => void (await run('BEGIN')),
    commit: async () => void (await run('COMMIT')),
    rollback: async () => void (await run('ROLLBACK')),
    serverVersion: async () => String((await run<{ server_version: string }>('SHOW server_version'))[0].server_version),
    close: () => client.end(),
  };
}

const CONNECT_ADVICE = 'check that the server is running, and the host, port, user, database and MIGRATION_LENS_DB_PASSWORD';

function sslOption(mode: string | undefined): pg.ClientConfig['ssl'] {
  if (mode === undefined || mode === 'disable' || mode === 'allow' || mode === 'prefer') return false;
  // `require` encrypts without checking the certificate, as libpq does.
  return mode === 'verify-ca' || mode === 'verify-full' ? { rejectUnauthorized: true } : { rejectUnauthorized: false };
}

interface PostgresErrorFields {
  message?: string;
  code?: string;
  position?: string;
  detail?: string;
  hint?: string;
}

/** node-postgres and PGlite raise errors with the same protocol fields; one mapping serves both. */
export function postgresError(error: unknown, secret?: string): Error {
  const fields = error as PostgresErrorFields;
  if (!(error instanceof Error) || (fields.code === undefined && fields.position === undefined)) {
    return new ConnectionError(redactSecret(reasonOf(error), secret));
  }
  const position = fields.position ? Number(fields.position) : undefined;
  return new DatabaseError(redactSecret(error.message, secret), fields.code, position, undefined, fields.detail, fields.hint);
}

export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  return error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
}
