// Runs a migration set against a database the way its framework would: status, up, down, redo
// and force, each under the framework's session lock and with a lock timeout on PostgreSQL.

import type { Direction, Migration, MigrationSet } from '../../engine/model/migration-set.js';
import { isConnectionLost, type DatabaseConnection } from '../connection.js';
import { TRACKING, type Tracking } from '../tracking/index.js';
import { executeStep, type StepFailure, type StepResult } from './execute.js';
import { acquireSessionLock, setLockTimeout } from './lock.js';
import { RunRefused } from './refused.js';
import { findMigration } from './versions.js';
import { failedEarlier, historyFromRecords, REPAIR_ADVICE, readStatus, statusFromRecords, type HistoryEntry, type SetStatus } from './status.js';

export type { EffectiveStatement, FileLocation, StepFailure, StepResult } from './execute.js';
export type { HistoryEntry, MigrationState, MigrationStatus, SetStatus } from './status.js';

export { RunRefused, type FailedMigration } from './refused.js';
export { outcomeSentence } from './outcome.js';

export const DEFAULT_LOCK_TIMEOUT_MS = 5000;

export interface RunnerOptions {
  /** Reads a migration file (the disk, or the editor's buffers). */
  readFile(path: string): string | undefined;
  /** PostgreSQL `lock_timeout` / MySQL `lock_wait_timeout` for the run; default 5 s. */
  lockTimeoutMs?: number;
  onProgress?(event: ProgressEvent): void;
}

export type ProgressEvent =
  | { phase: 'waiting'; holder: string }
  | { phase: 'start'; migration: Migration; direction: Direction }
  | { phase: 'done'; result: StepResult }
  | { phase: 'failed'; failure: StepFailure };

export interface RunResult {
  steps: StepResult[];
  failure?: StepFailure;
  /** node-pg-migrate's one transaction: earlier steps of this run rolled back with the failure. */
  rolledBackSteps: StepResult[];
}

export interface UpRequest {
  /** Apply at most this many. */
  count?: number;
  /** Apply up to and including this version. */
  to?: string;
}

export interface DownRequest {
  /** Undo this many (default 1). */
  count?: number;
  /** Undo every migration after this version ("none": all of them). */
  to?: string;
}

export async function migrationStatus(connection: DatabaseConnection, set: MigrationSet, options: RunnerOptions): Promise<SetStatus> {
  requireMatchingDialect(connection, set);
  return readStatus(connection, set, TRACKING[set.framework], (m) => upText(m, options));
}

/** The migrations the set's tracking table records, newest first, with when and how long where it says. */
export async function migrationHistory(connection: DatabaseConnection, set: MigrationSet, options: RunnerOptions): Promise<{ table: string; entries: HistoryEntry[] }> {
  requireMatchingDialect(connection, set);
  const tracking = TRACKING[set.framework];
  return { table: tracking.table, entries: historyFromRecords(set, tracking, await tracking.read(connection, set), (m) => upText(m, options)) };
}

/** The status in a database that does not exist yet: everything pending. */
export function statusWithoutDatabase(set: MigrationSet, options: RunnerOptions): SetStatus {
  return statusFromRecords(set, TRACKING[set.framework], [], (m) => upText(m, options));
}

export async function migrateUp(connection: DatabaseConnection, set: MigrationSet, request: UpRequest, options: RunnerOptions): Promise<RunResult> {
  return locked(connection, set, options, async (tracking) => {
    const status = await readStatus(connection, set, tracking, (m) => upText(m, options));
    refuseWhenFailed(status);
    return runSteps(connection, set, tracking, options, toApply(status, request).map((migration) => ({ migration, direction: 'up' as const })));
  });
}

/** The migrations `migrateUp` would apply now (none when a failed one blocks the run), without running anything. */
export async function plannedUp(connection: DatabaseConnection, set: MigrationSet, request: UpRequest, options: RunnerOptions): Promise<Migration[]> {
  const status = await migrationStatus(connection, set, options);
  return status.migrations.some((s) => s.state === 'failed') ? [] : toApply(status, request);
}

function toApply(status: SetStatus, request: UpRequest): Migration[] {
  const { set } = status;
  let pending = status.migrations.filter((s) => s.state === 'pending' && s.migration?.up).map((s) => s.migration!);
  if (request.to !== undefined) {
    const last = resolveVersion(set, request.to);
    pending = pending.filter((m) => set.migrations.indexOf(m) <= set.migrations.indexOf(last));
  }
  return request.count !== undefined ? pending.slice(0, request.count) : pending;
}

export async function migrateDown(connection: DatabaseConnection, set: MigrationSet, request: DownRequest, options: RunnerOptions): Promise<RunResult> {
  return locked(connection, set, options, async (tracking) => {
    const status = await readStatus(connection, set, tracking, (m) => upText(m, options));
    refuseWhenFailed(status);
    let applied = status.migrations.filter((s) => (s.state === 'applied' || s.state === 'changed') && s.migration).map((s) => s.migration!);
    applied.sort((a, b) => set.migrations.indexOf(a) - set.migrations.indexOf(b));
    if (request.to !== undefined) {
      const keep = request.to === 'none' ? -1 : set.migrations.indexOf(resolveVersion(set, request.to));
      applied = applied.filter((m) => set.migrations.indexOf(m) > keep);
    } else applied = applied.slice(-(request.count ?? 1));
    const steps = applied.reverse().map((migration) => ({ migration, direction: 'down' as const }));
    const withoutDown = steps.find((s) => !s.migration.down);
    if (withoutDown) {
      throw new RunRefused(`${withoutDown.migration.id} has no down migration (${set.framework}); nothing was undone`);
    }
    return runSteps(connection, set, tracking, options, steps);
  });
}

/** Undoes the last applied migration and applies it again. */
export async function redo(connection: DatabaseConnection, set: MigrationSet, options: RunnerOptions): Promise<RunResult> {
  const down = await migrateDown(connection, set, { count: 1 }, options);
  if (down.failure || down.steps.length === 0) return down;
  const up = await migrateUp(connection, set, { to: down.steps[0].migration.version }, options);
  return { steps: [...down.steps, ...up.steps], failure: up.failure, rolledBackSteps: up.rolledBackSteps };
}

/**
 * Repairs a failed/dirty state after the user fixed the database by hand: records the database
 * as exactly after `version` ("none": before the first migration).
 */
export async function forceVersion(connection: DatabaseConnection, set: MigrationSet, version: string, options: RunnerOptions): Promise<void> {
  const target = version === 'none' ? undefined : resolveVersion(set, version);
  await locked(connection, set, options, (tracking) => tracking.force(connection, set, target, (m) => upText(m, options) ?? ''));
}

async function locked<T>(connection: DatabaseConnection, set: MigrationSet, options: RunnerOptions, action: (tracking: Tracking) => Promise<T>): Promise<T> {
  requireMatchingDialect(connection, set);
  const tracking = TRACKING[set.framework];
  const release = await acquireSessionLock(connection, await tracking.lockKey(connection), (holder) => options.onProgress?.({ phase: 'waiting', holder }));
  try {
    await setLockTimeout(connection, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
    await tracking.ensureTable(connection);
    return await action(tracking);
  } finally {
    // A session that is gone took its lock with it; its loss is the action's error to report, not this one.
    await release().catch((error: unknown) => {
      if (!isConnectionLost(error)) throw error;
    });
  }
}

async function runSteps(
  connection: DatabaseConnection,
  set: MigrationSet,
  tracking: Tracking,
  options: RunnerOptions,
  steps: { migration: Migration; direction: Direction }[],
): Promise<RunResult> {
  const runTransaction = tracking.transactionScope === 'run' && steps.length > 0;
  const done: StepResult[] = [];
  if (runTransaction) await connection.begin();
  for (const { migration, direction } of steps) {
    const part = direction === 'up' ? migration.up! : migration.down!;
    const fileText = options.readFile(part.file);
    if (fileText === undefined) throw new RunRefused(`cannot read ${part.file}; nothing after it was run`);
    options.onProgress?.({ phase: 'start', migration, direction });
    const previous = set.migrations[set.migrations.indexOf(migration) - 1];
    const outcome = await executeStep({ connection, tracking, runTransaction }, { set, migration, direction, fileText, previous }, part);
    if (!outcome.ok) {
      options.onProgress?.({ phase: 'failed', failure: outcome.failure });
      return runTransaction ? { steps: [], failure: outcome.failure, rolledBackSteps: done } : { steps: done, failure: outcome.failure, rolledBackSteps: [] };
    }
    done.push(outcome.result);
    options.onProgress?.({ phase: 'done', result: outcome.result });
  }
  if (runTransaction) await connection.commit();
  return { steps: done, rolledBackSteps: [] };
}

function refuseWhenFailed(status: SetStatus): void {
  const failed = status.migrations.find((s) => s.state === 'failed');
  if (!failed) return;
  const sentence = failedEarlier(failed);
  throw new RunRefused(`${sentence}: nothing ran. ${REPAIR_ADVICE}`, { root: status.set.root, id: failed.migration?.id ?? failed.key, version: failed.version, sentence });
}

function resolveVersion(set: MigrationSet, version: string): Migration {
  const migration = findMigration(set, version);
  if (!migration) throw new RunRefused(`no migration with version "${version}" in ${set.root}`);
  return migration;
}

function requireMatchingDialect(connection: DatabaseConnection, set: MigrationSet): void {
  if ((set.dialect === 'postgres') === (connection.dialect === 'postgres')) return;
  const wanted = set.dialect === 'postgres' ? 'a PostgreSQL target (embedded, or a postgres:// URL)' : 'a mysql:// or mariadb:// URL';
  throw new RunRefused(`${set.root} holds ${set.dialect} migrations but ${connection.description} is ${connection.dialect}; use ${wanted}`);
}

function upText(migration: Migration, options: RunnerOptions): string | undefined {
  return migration.up ? options.readFile(migration.up.file) : undefined;
}
