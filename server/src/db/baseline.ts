// Baseline (seeds 001, 004): a database built without migration history — by hand, by an old
// tool, by `prisma db push` — gets the history it should have. Never by guessing: the live
// schema is compared with the replayed schema after every migration, only an exact match is
// recorded, the newest one wins, and nothing is written until the caller confirms.

import type { MigrationSet } from '../engine/model/migration-set.js';
import { compareSchemas } from '../engine/schema/compare.js';
import type { SetReplay } from '../engine/schema/replay.js';
import type { DatabaseConnection } from './connection.js';
import { locateDifferences, readLiveSchema, type LocatedDifference } from './drift.js';
import { forceVersion, migrationStatus, RunRefused, type RunnerOptions } from './runner/index.js';

export interface BaselineMatch {
  version: string;
  /** The migration's id (file or folder name). */
  id: string;
  /** Position in the set. */
  index: number;
  /** Older migrations that leave the same schema (data-only migrations in between). */
  sameSchemaAs: string[];
}

export interface BaselinePlan {
  /** The newest migration after which the replayed schema equals the database exactly. */
  match?: BaselineMatch;
  /** When nothing matches: the migration with the fewest differences, and those differences. */
  closest?: { version: string; id: string; differences: LocatedDifference[] };
  /** The database has no schema at all: nothing to baseline, the migrations can simply run. */
  empty: boolean;
  /** Ids that recording the match would mark as applied, in order. */
  toRecord: string[];
}

export async function planBaseline(connection: DatabaseConnection, set: MigrationSet, replay: SetReplay, options: RunnerOptions): Promise<BaselinePlan> {
  await refuseWhenTracked(connection, set, options);
  const live = await readLiveSchema(connection, set);
  if (compareSchemas(replay.initial, live).length === 0) return { empty: true, toRecord: [] };
  const counts = set.migrations.map((_, index) => compareSchemas(replay.migration(index).after, live));
  const exact = counts.flatMap((differences, index) => (differences.length === 0 ? [index] : []));
  if (exact.length) {
    const index = exact[exact.length - 1];
    const migration = set.migrations[index];
    return {
      match: { version: migration.version, id: migration.id, index, sameSchemaAs: exact.slice(0, -1).map((i) => set.migrations[i].id) },
      empty: false,
      toRecord: set.migrations.slice(0, index + 1).map((m) => m.id),
    };
  }
  // Fewest differences; among equals the newest, as for exact matches.
  const closestIndex = counts.reduce((best, differences, index) => (differences.length <= counts[best].length ? index : best), 0);
  const closest = set.migrations[closestIndex];
  return closest
    ? { closest: { version: closest.version, id: closest.id, differences: locateDifferences(counts[closestIndex], options.readFile) }, empty: false, toRecord: [] }
    : { empty: false, toRecord: [] };
}

/**
 * Records every migration up to the plan's match as applied, through the framework's own
 * tracking writer (each `force` adds the next one), and returns the ids recorded.
 */
export async function recordBaseline(connection: DatabaseConnection, set: MigrationSet, plan: BaselinePlan, options: RunnerOptions): Promise<string[]> {
  if (!plan.match) throw new RunRefused('the database matches no migration exactly, so no history was recorded');
  await refuseWhenTracked(connection, set, options);
  for (const id of plan.toRecord) await forceVersion(connection, set, id, options);
  return plan.toRecord;
}

async function refuseWhenTracked(connection: DatabaseConnection, set: MigrationSet, options: RunnerOptions): Promise<void> {
  const status = await migrationStatus(connection, set, options);
  const recorded = status.migrations.filter((s) => s.state !== 'pending');
  if (recorded.length) {
    throw new RunRefused(`${connection.description} already has migration history in ${status.table} (${recorded.length} recorded); baseline only fills an empty history — compare it with \`drift\` instead`);
  }
}
