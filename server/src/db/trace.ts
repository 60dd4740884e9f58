// Lock trace (PostgreSQL): runs a migration's statements inside a transaction that is always
// rolled back, and records after each statement which relation locks this session holds and
// which tables or indexes were rewritten (a new relfilenode means PostgreSQL copied the data).
// What a reviewer wants to know before production: "this ALTER holds AccessExclusiveLock on
// orders and rewrites it".

import type { Statement } from '../engine/model/changes.js';
import type { SourceRange } from '../engine/model/source.js';
import type { DatabaseConnection } from './connection.js';

export interface TracedLock {
  relation: string;
  mode: string;
  /** False when an earlier statement of the migration already held this lock. */
  takenByStatement: boolean;
  /**
   * The relation did not exist before the migration (the pending migrations run untraced before
   * it count as applied): no other session can be waiting for it.
   */
  newRelation: boolean;
}

export interface TracedStatement {
  range: SourceRange;
  /** Every relation lock the session holds after the statement (locks last until the transaction ends). */
  locks: TracedLock[];
  /** Tables and indexes whose data the statement rewrote. */
  rewritten: string[];
  /** Why the statement was not traced: it failed, or it cannot run inside a transaction. */
  error?: string;
  skipped?: string;
}

export interface TraceResult {
  statements: TracedStatement[];
  /** True when a cancellation stopped the trace before the last statement. */
  cancelled: boolean;
}

export interface TraceOptions {
  /** Statements run first, untraced: pending migrations before the traced one. */
  setup?: readonly Statement[];
  /** Checked between statements. */
  isCancelled?: () => boolean;
}

const USER_RELATION = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`;

const HELD_LOCKS = `
  SELECT l.relation::int8::text AS oid, CASE WHEN n.nspname = ANY(current_schemas(false)) THEN c.relname ELSE n.nspname || '.' || c.relname END AS relation, l.mode
  FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE l.pid = pg_backend_pid() AND l.granted AND l.locktype = 'relation' AND ${USER_RELATION}
  ORDER BY 2, 3`;

const RELATION_OIDS = `SELECT c.oid::int8::text AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_RELATION}`;

const STORAGE = `
  SELECT c.oid::int8::text AS oid, c.relfilenode::int8::text AS filenode,
         CASE WHEN n.nspname = ANY(current_schemas(false)) THEN c.relname ELSE n.nspname || '.' || c.relname END AS relation
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I') AND ${USER_RELATION}`;

const SAVEPOINT = 'migration_lens_trace';

export async function traceStatements(connection: DatabaseConnection, statements: readonly Statement[], options: TraceOptions = {}): Promise<TraceResult> {
  if (connection.dialect !== 'postgres') {
    throw new Error(`lock traces read pg_locks, which only PostgreSQL has; ${connection.description} is ${connection.dialect}`);
  }
  const traced: TracedStatement[] = [];
  let cancelled = false;
  await connection.begin();
  try {
    for (const statement of options.setup ?? []) if (!controlsTransaction(statement)) await connection.execute(statement.text);
    const existing = new Set((await connection.query<{ oid: string }>(RELATION_OIDS)).map((row) => row.oid));
    let held = await heldLocks(connection);
    let storage = await storageByOid(connection);
    for (const statement of statements) {
      if (options.isCancelled?.()) {
        cancelled = true;
        break;
      }
      if (controlsTransaction(statement)) {
        traced.push({ range: statement.range, locks: [], rewritten: [], skipped: 'transaction control: the trace runs everything in one transaction' });
        continue;
      }
      await connection.execute(`SAVEPOINT ${SAVEPOINT}`);
      try {
        await connection.execute(statement.text);
      } catch (error) {
        // A statement that fails (or must run outside a transaction) is recorded; the rest still run.
        await connection.execute(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
        traced.push({ range: statement.range, locks: [], rewritten: [], error: error instanceof Error ? error.message : String(error) });
        continue;
      }
      const locksAfter = await heldLocks(connection);
      const storageAfter = await storageByOid(connection);
      traced.push({
        range: statement.range,
        locks: locksAfter.map(({ oid, relation, mode }) => ({
          relation,
          mode,
          takenByStatement: !held.some((h) => h.oid === oid && h.mode === mode),
          newRelation: !existing.has(oid),
        })),
        rewritten: [...storageAfter].filter(([oid, after]) => storage.has(oid) && storage.get(oid)!.filenode !== after.filenode).map(([, after]) => after.relation).sort(),
      });
      held = locksAfter;
      storage = storageAfter;
    }
  } finally {
    await connection.rollback();
  }
  return { statements: traced, cancelled };
}

/** BEGIN/COMMIT inside a migration would end the trace's transaction and keep its changes. */
function controlsTransaction(statement: Statement): boolean {
  return statement.change?.kind === 'transaction';
}

type HeldLock = { oid: string; relation: string; mode: string };

async function heldLocks(connection: DatabaseConnection): Promise<HeldLock[]> {
  const rows = await connection.query<HeldLock>(HELD_LOCKS);
  return rows.map(({ oid, relation, mode }) => ({ oid, relation, mode }));
}

async function storageByOid(connection: DatabaseConnection): Promise<Map<string, { filenode: string; relation: string }>> {
  const rows = await connection.query<{ oid: string; filenode: string; relation: string }>(STORAGE);
  return new Map(rows.map((row) => [row.oid, { filenode: row.filenode, relation: row.relation }]));
}
