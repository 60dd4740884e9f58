// Builds migration sets from SQL held in memory, for replay tests that should not depend on
// discovery or on files on disk.

import type { FileHost } from '../../../server/src/engine/host.js';
import type { Migration, MigrationSet } from '../../../server/src/engine/model/migration-set.js';
import type { Dialect } from '../../../server/src/engine/model/source.js';
import { initParsers } from '../../../server/src/engine/parse/index.js';
import { ReplayProject } from '../../../server/src/engine/schema/project.js';
import type { SetReplay } from '../../../server/src/engine/schema/replay.js';

export const ROOT = '/virtual/migrations';

export interface MemoryMigration {
  version: string;
  up: string;
  down?: string;
}

/** A host over an editable map of path → text. */
export function memoryHost(files: Map<string, string>): FileHost {
  return {
    readFile: (path) => files.get(path),
    readDirectory: () => undefined,
  };
}

export function fileOf(version: string, direction: 'up' | 'down'): string {
  return `${ROOT}/${version}_m.${direction}.sql`;
}

/** A golang-migrate style set over `files`, which it fills with each migration's parts. */
export function memorySet(migrations: MemoryMigration[], dialect: Dialect, files: Map<string, string>): MigrationSet {
  const list: Migration[] = migrations.map(({ version, up, down }) => {
    files.set(fileOf(version, 'up'), up);
    const migration: Migration = {
      version,
      name: 'm',
      id: version,
      kind: 'versioned',
      up: { file: fileOf(version, 'up'), direction: 'up', range: { start: 0, end: up.length }, transaction: { inTransaction: true, reason: 'test' } },
    };
    if (down !== undefined) {
      files.set(fileOf(version, 'down'), down);
      migration.down = { file: fileOf(version, 'down'), direction: 'down', range: { start: 0, end: down.length }, transaction: { inTransaction: true, reason: 'test' } };
    }
    return migration;
  });
  return { root: ROOT, framework: 'golang-migrate', frameworkReason: 'test', dialect, dialectReason: 'test', migrations: list, ignored: [], siblings: [] };
}

export interface ReplayFixture {
  project: ReplayProject;
  replay: SetReplay;
  files: Map<string, string>;
  host: FileHost;
  set: MigrationSet;
  migrations: MemoryMigration[];
}

/** Parses and replays SQL migrations given as [version, up, down?]. */
export async function replaySql(dialect: Dialect, migrations: MemoryMigration[]): Promise<ReplayFixture> {
  await initParsers();
  const files = new Map<string, string>();
  const set = memorySet(migrations, dialect, files);
  const host = memoryHost(files);
  const project = new ReplayProject();
  return { project, replay: project.replay(set, host), files, host, set, migrations };
}

/**
 * Replaces one migration's up SQL the way an editor save does: the file changes and discovery
 * hands over a new set (with the part's new range).
 */
export function editMigration(fixture: ReplayFixture, version: string, up: string): SetReplay {
  fixture.migrations = fixture.migrations.map((m) => (m.version === version ? { ...m, up } : m));
  fixture.set = memorySet(fixture.migrations, fixture.set.dialect, fixture.files);
  return fixture.project.replay(fixture.set, fixture.host);
}
