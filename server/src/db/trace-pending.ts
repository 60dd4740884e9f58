// Which statements a trace runs: a pending migration's up part (the first pending one unless
// the user names another), after the pending migrations before it, so the database is in the
// state that migration will really meet.

import type { Statement } from '../engine/model/changes.js';
import type { Migration, MigrationSet } from '../engine/model/migration-set.js';
import type { DatabaseConnection } from './connection.js';
import { migrationStatus, RunRefused, type RunnerOptions } from './runner/index.js';
import { findMigration } from './runner/versions.js';
import { traceStatements, type TraceResult } from './trace.js';

export interface PendingTrace extends TraceResult {
  migration: Migration;
  /** Absolute path of the traced file: statement ranges are offsets into it. */
  file: string;
}

export async function tracePendingMigration(
  connection: DatabaseConnection,
  set: MigrationSet,
  statementsOf: (migration: Migration) => readonly Statement[],
  options: RunnerOptions & { version?: string; isCancelled?: () => boolean },
): Promise<PendingTrace> {
  const status = await migrationStatus(connection, set, options);
  const pending = status.migrations.filter((s) => s.state === 'pending' && s.migration?.up).map((s) => s.migration!);
  const migration = options.version === undefined ? pending[0] : findMigration(set, options.version);
  if (!migration) {
    throw new RunRefused(options.version === undefined ? `no pending migration in ${set.root} to trace; name one with a version` : `no migration with version "${options.version}" in ${set.root}`);
  }
  if (!pending.includes(migration)) throw new RunRefused(`${migration.id} is already applied to ${connection.description}; a trace runs pending migrations only`);
  const setup = pending.slice(0, pending.indexOf(migration)).flatMap((m) => [...statementsOf(m)]);
  const result = await traceStatements(connection, statementsOf(migration), { setup, isCancelled: options.isCancelled });
  return { ...result, migration, file: migration.up!.file };
}
