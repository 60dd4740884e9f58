// golang-migrate: `{version}_{title}.up.{ext}` / `.down.{ext}`, version a uint64
// (source/parse.go: `^([0-9]+)_(.*)\.(down|up)\.(.*)$`). The extension is not checked, so
// `7_x.up.SQL` runs too; files the regex rejects are skipped silently.

import { joinPath } from '../../host.js';
import type { IgnoredFile, Migration, MigrationPart } from '../../model/migration-set.js';
import type { Dialect } from '../../model/source.js';
import { filePath, sqlFiles, type Folder } from '../folder.js';
import { implicitTransaction } from '../transaction.js';
import { compareNumeric, fitsIn, numericKey, UINT64_MAX } from '../versions.js';
import { sortMigrations, type Collected, type FrameworkLayout } from './layout.js';
import { scaffoldStem, wholeFile } from './scaffold.js';

const MIGRATION_NAME = /^(\d+)_(.*)\.(up|down)\.(.*)$/;

interface NamedFile {
  file: string;
  version: string;
  title: string;
  direction: 'up' | 'down';
}

export const golangMigrate: FrameworkLayout = {
  framework: 'golang-migrate',

  detect(folder) {
    const files = sqlFiles(folder).filter((name) => MIGRATION_NAME.test(name));
    if (files.length === 0) return undefined;
    return {
      strength: files.length,
      reason: `${files.length} file(s) named {version}_{title}.up.sql / .down.sql (golang-migrate naming)`,
      files: files.map((name) => filePath(folder, name)),
    };
  },

  collect(folder, dialect) {
    const ignored: IgnoredFile[] = [];
    const byVersion = new Map<string, { ups: NamedFile[]; downs: NamedFile[] }>();
    for (const name of sqlFiles(folder)) {
      const file = filePath(folder, name);
      const match = MIGRATION_NAME.exec(name);
      if (!match) {
        ignored.push({ file, reason: ignoredReason(name) });
        continue;
      }
      const [, version, title, direction] = match;
      if (!fitsIn(version, UINT64_MAX)) {
        ignored.push({ file, reason: `version ${version} does not fit in uint64; golang-migrate skips the file` });
        continue;
      }
      const key = numericKey(version);
      const group = byVersion.get(key) ?? { ups: [], downs: [] };
      byVersion.set(key, group);
      (direction === 'up' ? group.ups : group.downs).push({ file, version, title, direction: direction as 'up' | 'down' });
    }

    const migrations: Migration[] = [];
    for (const [versionKey, { ups, downs }] of byVersion) {
      // One version is one migration to golang-migrate; a second up with the same version is a
      // duplicate it refuses, kept here as its own migration for the duplicate rule.
      const unpairedDowns = [...downs];
      for (const up of ups) {
        const sameTitle = unpairedDowns.findIndex((down) => down.title === up.title);
        const down = unpairedDowns.splice(sameTitle >= 0 ? sameTitle : 0, 1)[0];
        migrations.push(toMigration(folder, dialect, versionKey, up, down));
      }
      for (const down of unpairedDowns) migrations.push(toMigration(folder, dialect, versionKey, undefined, down));
    }
    return { migrations: sortMigrations(migrations, (a, b) => compareNumeric(a.version, b.version)), ignored } satisfies Collected;
  },

  // `migrate create -ext sql -dir … name`: a UTC timestamp (20060102150405) unless -seq; an up and a down file.
  scaffold: {
    firstVersion: { kind: 'timestamp' },
    separator: '_',
    files: (name, { up, down }) => [
      wholeFile(joinPath(name.folder, `${scaffoldStem(name)}.up.sql`), up, true),
      wholeFile(joinPath(name.folder, `${scaffoldStem(name)}.down.sql`), down, false),
    ],
  },
};

function toMigration(folder: Folder, dialect: Dialect, versionKey: string, up: NamedFile | undefined, down: NamedFile | undefined): Migration {
  const named = (up ?? down) as NamedFile;
  return {
    version: named.version,
    name: named.title,
    id: `${named.version}_${named.title}`,
    versionKey,
    kind: 'versioned',
    up: up && wholeFilePart(folder, dialect, up),
    down: down && wholeFilePart(folder, dialect, down),
  };
}

function wholeFilePart(folder: Folder, dialect: Dialect, named: NamedFile): MigrationPart {
  const text = folder.read(named.file);
  const range = { start: 0, end: text.length };
  // One Exec of the whole file (multiStatements on MySQL): the server splits it (parse/split.ts).
  return { file: named.file, direction: named.direction, range, transaction: implicitTransaction('golang-migrate', text, range, dialect), sentWhole: true };
}

function ignoredReason(name: string): string {
  if (/^\d+_/.test(name)) {
    return 'golang-migrate runs only {version}_{title}.up.sql and {version}_{title}.down.sql; this file has neither .up nor .down';
  }
  return 'golang-migrate runs only files named {version}_{title}.up.sql / .down.sql; this name does not start with a version number and an underscore';
}
