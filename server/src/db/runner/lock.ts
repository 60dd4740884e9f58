// The session lock that keeps two runners from interleaving, and the lock timeout that keeps a
// migration from queueing behind (and blocking) the application's traffic.

import type { DatabaseConnection } from '../connection.js';
import type { LockKey } from '../tracking/index.js';
import { RunRefused } from './refused.js';

/** How long a runner waits for another one to finish before giving up. */
const LOCK_WAIT_SECONDS = 600;
const LOCK_POLL_MS = 100;

export async function acquireSessionLock(connection: DatabaseConnection, lock: LockKey): Promise<() => Promise<void>> {
  if (lock.kind === 'advisory') {
    // Polls rather than blocking in pg_advisory_lock: a waiting statement holds a snapshot, and
    // the holder's CREATE INDEX CONCURRENTLY waits for every snapshot — a deadlock.
    const deadline = Date.now() + LOCK_WAIT_SECONDS * 1000;
    while (!(await connection.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS got', [lock.key]))[0].got) {
      if (Date.now() > deadline) throw lockBusy(`advisory lock ${lock.key}`);
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    return async () => void (await connection.query('SELECT pg_advisory_unlock($1::bigint)', [lock.key]));
  }
  const [row] = await connection.query<{ got: unknown }>('SELECT GET_LOCK(?, ?) AS got', [lock.name, LOCK_WAIT_SECONDS]);
  if (Number(row?.got) !== 1) throw lockBusy(`lock "${lock.name}"`);
  return async () => void (await connection.query('SELECT RELEASE_LOCK(?)', [lock.name]));
}

function lockBusy(lock: string): RunRefused {
  return new RunRefused(`another runner has held the migration ${lock} for ${LOCK_WAIT_SECONDS} s; wait for it to finish and run again`);
}

/** Statements give up when they wait longer than `ms` for a table lock instead of queueing. */
export async function setLockTimeout(connection: DatabaseConnection, ms: number): Promise<void> {
  if (connection.dialect === 'postgres') await connection.execute(`SET lock_timeout = ${Math.max(0, Math.round(ms))}`);
  else await connection.execute(`SET SESSION lock_wait_timeout = ${Math.max(1, Math.ceil(ms / 1000))}`);
}
