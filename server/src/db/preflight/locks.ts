// Who else holds locks on the tables the pending migrations touch. A migration's DDL waits behind
// any open transaction that has read or written the table, and every later query on that table
// then queues behind the migration: the classic outage. Reported with what an operator needs to
// decide (who, since when, doing what) before anything runs.

import type { Name } from '../../engine/model/changes.js';
import type { DatabaseConnection, Row } from '../connection.js';
import { truncateQuery, type BlockingSession, type PreflightProblem } from './problem.js';

export async function checkLocks(connection: DatabaseConnection, tables: readonly Name[]): Promise<PreflightProblem[]> {
  if (tables.length === 0) return [];
  if (connection.dialect === 'postgres') return reportHolders(await postgresHolders(connection, tables), tables, connection.description);
  const holders = await mysqlMetadataLockHolders(connection, tables);
  if (holders) return reportHolders(holders, tables, connection.description);
  return reportOpenTransactions(await mysqlOpenTransactions(connection), connection.description);
}

// Locks on the table itself or on any of its indexes; relation names are matched in SQL, schemas
// (when a migration qualifies the name) afterwards.
const POSTGRES_HOLDERS = `
  SELECT a.pid, a.usename AS "user", a.application_name AS application, a.state,
         a.query_start AS query_start, a.xact_start AS transaction_start, a.query,
         n.nspname AS schema, t.relname AS relation, l.mode
  FROM pg_locks l
  JOIN pg_class c ON c.oid = l.relation
  LEFT JOIN pg_index i ON i.indexrelid = c.oid
  JOIN pg_class t ON t.oid = COALESCE(i.indrelid, c.oid)
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.granted AND l.pid <> pg_backend_pid() AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND t.relname = ANY($1::text[])
  ORDER BY a.pid, t.relname, l.mode`;

async function postgresHolders(connection: DatabaseConnection, tables: readonly Name[]): Promise<BlockingSession[]> {
  const rows = await connection.query(POSTGRES_HOLDERS, [[...new Set(tables.map((table) => table.name))]]);
  const wanted = (row: Row) => tables.some((table) => table.name === row.relation && (table.schema === undefined || table.schema === row.schema));
  return groupBySession(rows.filter(wanted), (row) => ({
    pid: Number(row.pid),
    user: String(row.user ?? ''),
    application: String(row.application ?? ''),
    state: String(row.state ?? ''),
    queryStart: isoTime(row.query_start),
    transactionStart: isoTime(row.transaction_start),
    query: truncateQuery(row.query),
  }));
}

/**
 * MySQL 8 keeps metadata locks in performance_schema by default; MariaDB has the table but
 * usually runs with performance_schema off. Undefined when the locks cannot be seen.
 */
async function mysqlMetadataLockHolders(connection: DatabaseConnection, tables: readonly Name[]): Promise<BlockingSession[] | undefined> {
  const [setting] = await connection.query<{ enabled: unknown }>('SELECT @@performance_schema AS enabled');
  if (Number(setting?.enabled) !== 1) return undefined;
  const names = [...new Set(tables.map((table) => table.name.toLowerCase()))];
  let rows: Row[];
  try {
    rows = await connection.query(
      `SELECT t.PROCESSLIST_ID AS pid, t.PROCESSLIST_USER AS user, t.PROCESSLIST_HOST AS host, t.PROCESSLIST_COMMAND AS command,
              t.PROCESSLIST_STATE AS state, t.PROCESSLIST_TIME AS seconds, t.PROCESSLIST_INFO AS query,
              m.OBJECT_NAME AS relation, m.LOCK_TYPE AS mode
       FROM performance_schema.metadata_locks m JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID
       WHERE m.OBJECT_TYPE = 'TABLE' AND m.LOCK_STATUS = 'GRANTED' AND m.OBJECT_SCHEMA = DATABASE()
         AND t.PROCESSLIST_ID <> CONNECTION_ID() AND LOWER(m.OBJECT_NAME) IN (${names.map(() => '?').join(', ')})
       ORDER BY t.PROCESSLIST_ID, m.OBJECT_NAME`,
      names,
    );
  } catch {
    // No privilege on performance_schema: fall back to what information_schema shows.
    return undefined;
  }
  return groupBySession(rows, mysqlSession);
}

/** Open InnoDB transactions of other sessions: their tables are not visible, their age is. */
async function mysqlOpenTransactions(connection: DatabaseConnection): Promise<BlockingSession[]> {
  const rows = await connection.query(
    `SELECT p.ID AS pid, p.USER AS user, p.HOST AS host, p.COMMAND AS command, p.STATE AS state, p.TIME AS seconds,
            COALESCE(x.trx_query, p.INFO) AS query, x.trx_started AS transaction_start
     FROM information_schema.INNODB_TRX x JOIN information_schema.PROCESSLIST p ON p.ID = x.trx_mysql_thread_id
     WHERE p.ID <> CONNECTION_ID() ORDER BY x.trx_started`,
  );
  return rows.map((row) => ({ ...mysqlSession(row), transactionStart: isoTime(row.transaction_start), locks: [] }));
}

function mysqlSession(row: Row): Omit<BlockingSession, 'locks'> {
  return {
    pid: Number(row.pid),
    user: `${row.user ?? ''}@${row.host ?? ''}`,
    // MySQL has no application name; the command (Query, Sleep) says what the session does.
    application: String(row.command ?? ''),
    state: row.state ? String(row.state) : String(row.command ?? ''),
    queryStart: row.seconds === null || row.seconds === undefined ? undefined : new Date(Date.now() - Number(row.seconds) * 1000).toISOString(),
    query: truncateQuery(row.query),
  };
}

function groupBySession(rows: Row[], describe: (row: Row) => Omit<BlockingSession, 'locks'>): BlockingSession[] {
  const sessions = new Map<number, BlockingSession>();
  for (const row of rows) {
    const pid = Number(row.pid);
    const session = sessions.get(pid) ?? { ...describe(row), locks: [] };
    const lock = `${row.relation} (${row.mode})`;
    if (!session.locks.includes(lock)) session.locks.push(lock);
    sessions.set(pid, session);
  }
  return [...sessions.values()];
}

function reportHolders(sessions: BlockingSession[], tables: readonly Name[], where: string): PreflightProblem[] {
  if (sessions.length === 0) return [];
  const names = tables.map((table) => table.raw || table.name).join(', ');
  const who = sessions.map(describeSession).join('; ');
  return [{
    check: 'locks',
    severity: 'error',
    message: `${sessions.length === 1 ? 'A session holds' : `${sessions.length} sessions hold`} locks on tables the pending migrations change (${names}) on ${where}, so the migration would wait and block every query behind it: ${who}. Let ${sessions.length === 1 ? 'it' : 'them'} finish, or end ${sessions.length === 1 ? 'it' : 'them'}, then run again.`,
    sessions,
  }];
}

function reportOpenTransactions(sessions: BlockingSession[], where: string): PreflightProblem[] {
  if (sessions.length === 0) return [];
  return [{
    check: 'locks',
    severity: 'warning',
    message: `${sessions.length} open transaction${sessions.length === 1 ? '' : 's'} on ${where} (which tables they lock is not visible: performance_schema is off): ${sessions.map(describeSession).join('; ')}. If ${sessions.length === 1 ? 'it uses' : 'they use'} the tables the migrations change, the migration will wait for ${sessions.length === 1 ? 'it' : 'them'}.`,
    sessions,
  }];
}

function describeSession(session: BlockingSession): string {
  const since = session.transactionStart ? `, transaction since ${session.transactionStart}` : session.queryStart ? `, query since ${session.queryStart}` : '';
  const locks = session.locks.length ? ` holding ${session.locks.join(', ')}` : '';
  const application = session.application ? ` (${session.application})` : '';
  return `pid ${session.pid} user ${session.user}${application}, ${session.state || 'unknown state'}${since}${locks}, last query: ${session.query || '(none)'}`;
}

function isoTime(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
