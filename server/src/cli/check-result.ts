// What `check` reports, apart from the engine's Analysis: the findings and, per set, what the
// output formats print about it. Small on purpose: `check --cache` keeps it and reads it back on
// every run, where whole MigrationSets (each part with its transaction mode) were two thirds of
// the cache file.

import type { Analysis, Finding, MigrationSet } from '../engine/index.js';

/** How a set was read: `db/migrations: golang-migrate, postgres (default), 12 migrations`. */
export interface SetSummary {
  root: string;
  framework: MigrationSet['framework'];
  dialect: MigrationSet['dialect'];
  /** The evidence that decided the dialect. */
  dialectReason: string;
  migrations: number;
}

export interface CheckResult {
  sets: SetSummary[];
  findings: Finding[];
  /** Migration files checked, ups and downs. */
  fileCount: number;
}

export function summarizeAnalysis({ sets, findings }: Pick<Analysis, 'sets' | 'findings'>): CheckResult {
  const files = new Set<string>();
  for (const set of sets) {
    for (const migration of set.migrations) {
      if (migration.up) files.add(migration.up.file);
      if (migration.down) files.add(migration.down.file);
    }
  }
  return {
    sets: sets.map((set) => ({ root: set.root, framework: set.framework, dialect: set.dialect, dialectReason: set.dialectReason, migrations: set.migrations.length })),
    findings,
    fileCount: files.size,
  };
}
