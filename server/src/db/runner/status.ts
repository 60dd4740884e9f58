// The state of every migration of a set in a database, from the framework's tracking table.

import type { Migration, MigrationSet } from '../../engine/model/migration-set.js';
import type { DatabaseConnection } from '../connection.js';
import type { TrackedRecord, Tracking } from '../tracking/index.js';

export type MigrationState = 'applied' | 'pending' | 'failed' | 'changed' | 'missing';

export interface MigrationStatus {
  /** The tracking key (version or name, as the framework keys it). */
  key: string;
  version: string;
  name: string;
  state: MigrationState;
  /** Undefined for a record whose file is gone (state `missing`). */
  migration?: Migration;
  appliedAt?: string;
  /** Why it failed, or what changed. */
  detail?: string;
}

export interface SetStatus {
  set: MigrationSet;
  table: string;
  /** False where the framework stores no checksum: an edit after applying cannot be told. */
  detectsEdits: boolean;
  migrations: MigrationStatus[];
}

export async function readStatus(
  connection: DatabaseConnection,
  set: MigrationSet,
  tracking: Tracking,
  upText: (migration: Migration) => string | undefined,
): Promise<SetStatus> {
  return statusFromRecords(set, tracking, await tracking.read(connection, set), upText);
}

/** The status given the tracking table's records (none: a database no migration has touched). */
export function statusFromRecords(set: MigrationSet, tracking: Tracking, tracked: readonly TrackedRecord[], upText: (migration: Migration) => string | undefined): SetStatus {
  const records = new Map<string, TrackedRecord>();
  for (const record of tracked) records.set(record.key, record);
  const known = new Set<string>();
  const path = pathOf(set, tracking, records);
  const migrations: MigrationStatus[] = path.map((migration) => {
    const key = tracking.key(migration);
    known.add(key);
    if (migration.kind === 'baseline' && path !== set.migrations) return { key, version: migration.version, name: migration.name, migration, state: 'applied', detail: BEFORE_BASELINE };
    const record = records.get(key);
    const base = { key, version: migration.version, name: migration.name, migration, appliedAt: record?.appliedAt, detail: record?.detail };
    if (!record) return { ...base, state: 'pending' };
    if (record.state === 'failed') return { ...base, state: 'failed', detail: failedStateDetail(record, tracking.table) };
    const text = upText(migration);
    if (record.checksum !== undefined && text !== undefined && !tracking.checksumMatches(record.checksum, migration, text)) {
      // Flyway re-runs an edited repeatable migration; an edited versioned one is an error.
      if (migration.kind === 'repeatable') return { ...base, state: 'pending', detail: 'changed since it last ran; runs again' };
      return { ...base, state: 'changed', detail: `edited after it was applied (stored checksum ${record.checksum})` };
    }
    return { ...base, state: 'applied' };
  });
  for (const record of records.values()) {
    if (known.has(record.key)) continue;
    migrations.push({ key: record.key, version: record.key, name: '', state: 'missing', appliedAt: record.appliedAt, detail: `recorded in ${tracking.table} but no file has it` });
  }
  return { set, table: tracking.table, detectsEdits: set.migrations.some((m) => tracking.checksum(m, '') !== undefined), migrations };
}

const BEFORE_BASELINE = 'not run here: this database was migrated before the baseline, so it has run the migrations the baseline replaces (Flyway runs a baseline only on an empty database)';

/**
 * The migrations this database runs: a Flyway set with a baseline runs it on an empty database;
 * one that has run any migration the baseline replaces goes on from those instead.
 */
function pathOf(set: MigrationSet, tracking: Tracking, records: ReadonlyMap<string, TrackedRecord>): Migration[] {
  if (!set.superseded?.some((migration) => records.has(tracking.key(migration)))) return set.migrations;
  return [...set.superseded, ...set.migrations];
}

/** A migration the tracking table records, for the history. */
export interface HistoryEntry extends Omit<MigrationStatus, 'state'> {
  /** `changed`: its file was edited since it ran (a Flyway repeatable runs again). */
  state: Exclude<MigrationState, 'pending'>;
  durationMs?: number;
}

/** The tracking table's records, newest first, each with the state the status gives its migration. */
export function historyFromRecords(set: MigrationSet, tracking: Tracking, tracked: readonly TrackedRecord[], upText: (migration: Migration) => string | undefined): HistoryEntry[] {
  const status = new Map(statusFromRecords(set, tracking, tracked, upText).migrations.map((item) => [item.key, item]));
  const seen = new Set<string>();
  const entries: HistoryEntry[] = [];
  for (const record of [...tracked].reverse()) {
    const item = status.get(record.key);
    if (seen.has(record.key) || !item) continue;
    seen.add(record.key);
    entries.push({ ...item, state: item.state === 'pending' ? 'changed' : item.state, durationMs: record.durationMs });
  }
  return entries;
}

/**
 * What the tracking table says of a migration recorded as failed, the one wording the status, the
 * Migrations view and a refused run share: `schema_migrations: version 7 is marked dirty`.
 */
function failedStateDetail(record: TrackedRecord, table: string): string {
  return `${record.recordedIn ?? table}: ${record.detail ?? 'recorded as failed'}`;
}

/** `000007_add_x failed part-way earlier (schema_migrations: version 7 is marked dirty)`, for a status item in state `failed`. */
export function failedEarlier(item: Pick<MigrationStatus, 'detail' | 'migration' | 'key'>): string {
  return `${item.migration?.id ?? item.key} failed part-way earlier (${item.detail})`;
}

/** What to do about a migration that failed part-way: the same advice everywhere, each place adding its own way to do it. */
export const REPAIR_ADVICE = 'What its statements before the failing one did is still in the database: undo or finish it by hand, then record the version the database is at (force); or, on a database of your own, reset it and run again.';
