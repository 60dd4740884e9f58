// The session lock that keeps two runners from interleaving, and the lock timeout that keeps a
// migration from queueing behind (and blocking) the application's traffic.

import type { DatabaseConnection } from '../connection.js';
import type { LockKey } from '../tracking/index.js';
import { RunRefused } from './refused.js';

/** How long a runner waits for another one to finish before giving up. */
const LOCK_WAIT_SECONDS = 600;
const LOCK_POLL_MS = 100;

/**
 * Takes the set's migration lock, waiting for another runner that holds it (the command line or
 * the editor, here or on another machine): `onWait` is told once who that is.
 */
export async function acquireSessionLock(connection: DatabaseConnection, lock: LockKey, onWait?: (holder: string) => void): Promise<() => Promise<void>> {
  if (lock.kind === 'advisory') {
    // Polls rather than blocking in pg_advisory_lock: a waiting statement holds a snapshot, and
    // the holder's CREATE INDEX CONCURRENTLY waits for every snapshot — a deadlock.
    const deadline = Date.now() + LOCK_WAIT_SECONDS * 1000;
    let holder: string | undefined;
    while (!(await connection.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS got', [lock.key]))[0].got) {
      if (holder === undefined) {
        holder = await advisoryLockHolder(connection, lock.key);
        onWait?.(holder);
      }
      if (Date.now() > deadline) throw lockBusy(`advisory lock ${lock.key}`, holder);
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    return async () => void (await connection.query('SELECT pg_advisory_unlock($1::bigint)', [lock.key]));
  }
  const [now] = await connection.query<{ got: unknown }>('SELECT GET_LOCK(?, 0) AS got', [lock.name]);
  if (Number(now?.got) !== 1) {
    const holder = await namedLockHolder(connection, lock.name);
    onWait?.(holder);
    const [row] = await connection.query<{ got: unknown }>('SELECT GET_LOCK(?, ?) AS got', [lock.name, LOCK_WAIT_SECONDS]);
    if (Number(row?.got) !== 1) throw lockBusy(`lock "${lock.name}"`, holder);
  }
  return async () => void (await connection.query('SELECT RELEASE_LOCK(?)', [lock.name]));
}

function lockBusy(lock: string, holder: string): RunRefused {
  return new RunRefused(`${holder} has held the migration ${lock} for ${LOCK_WAIT_SECONDS} s; wait for it to finish and run again`);
}

const SOMEONE = 'another session';

/** The session holding PostgreSQL advisory lock `key` (a bigint's halves are classid and objid, objsubid 1). */
async function advisoryLockHolder(connection: DatabaseConnection, key: string): Promise<string> {
  try {
    const [row] = await connection.query<{ pid: number; application: string | null; since: string }>(
      `SELECT a.pid, a.application_name AS application, to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS') AS since
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint`,
      [key],
    );
    if (!row) return SOMEONE;
    return `${row.application ? `"${row.application}"` : 'a session'} (server process ${row.pid}, connected at ${row.since})`;
  } catch {
    // A server that hides pg_stat_activity from this user still lets the run wait.
    return SOMEONE;
  }
}

/** The connection holding MySQL/MariaDB named lock `name`. */
async function namedLockHolder(connection: DatabaseConnection, name: string): Promise<string> {
  try {
    const [used] = await connection.query<{ id: unknown }>('SELECT IS_USED_LOCK(?) AS id', [name]);
    if (used?.id === null || used?.id === undefined) return SOMEONE;
    const [row] = await connection.query<{ user: string; host: string; seconds: unknown }>('SELECT USER AS user, HOST AS host, TIME AS seconds FROM information_schema.PROCESSLIST WHERE ID = ?', [used.id]);
    return row ? `connection ${String(used.id)} of ${row.user}@${row.host} (open for ${String(row.seconds)} s)` : `connection ${String(used.id)}`;
  } catch {
    return SOMEONE;
  }
}

/** Statements give up when they wait longer than `ms` for a table lock instead of queueing. */
export async function setLockTimeout(connection: DatabaseConnection, ms: number): Promise<void> {
  if (connection.dialect === 'postgres') await connection.execute(`SET lock_timeout = ${Math.max(0, Math.round(ms))}`);
  else await connection.execute(`SET SESSION lock_wait_timeout = ${Math.max(1, Math.ceil(ms / 1000))}`);
}
