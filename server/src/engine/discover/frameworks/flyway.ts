// Flyway: `V<version>__<description>.sql` versioned, `U<version>__…` undo (folded into the
// migration's down), `R__<description>.sql` repeatable, applied after the versioned ones in
// description order. Version parts split at `.` or `_` compare as integers (1.2.10 > 1.2.9).
// A script's transaction is switched off in `<script>.conf` with `executeInTransaction=false`.
// `B<version>__<description>.sql` is a baseline migration: the schema at that version. An empty
// database runs the newest baseline and then the versioned migrations above it; the ones up to
// it are superseded (a database migrated before the baseline has run them and never runs it).

import type { IgnoredFile, Migration, MigrationPart } from '../../model/migration-set.js';
import { filePath, sqlFiles, type Folder } from '../folder.js';
import { compareFlywayVersions, compareText, flywayVersionKey } from '../versions.js';
import { WRONG_CASE_EXTENSION, type FrameworkLayout } from './layout.js';
import { singleFileScaffold } from './scaffold.js';

const VERSIONED = /^([VUB])(\d+(?:[._]\d+)*)(?:__(.*))?\.sql$/;
const REPEATABLE = /^R__(.+)\.sql$/;
const FLYWAY_LIKE = /^([VUB]\d|R_)/;

export const flyway: FrameworkLayout = {
  framework: 'flyway',

  detect(folder) {
    const files = sqlFiles(folder).filter((name) => VERSIONED.test(name) || REPEATABLE.test(name));
    if (files.length === 0) return undefined;
    return {
      strength: files.length,
      reason: `${files.length} file(s) named V<version>__<description>.sql / U… / B… / R__… (Flyway naming)`,
      files: files.map((name) => filePath(folder, name)),
    };
  },

  collect(folder) {
    const ignored: IgnoredFile[] = [];
    const versioned = new Map<string, Migration[]>();
    const undos: { versionKey: string; part: MigrationPart; version: string; description: string; name: string }[] = [];
    const repeatables: Migration[] = [];
    const baselines: Migration[] = [];
    for (const name of sqlFiles(folder)) {
      const file = filePath(folder, name);
      const text = folder.read(file);
      const repeatable = REPEATABLE.exec(name);
      const match = VERSIONED.exec(name);
      if (repeatable) {
        repeatables.push({ version: '', name: repeatable[1], id: name, versionKey: '', kind: 'repeatable', up: part(folder, name, 'up', text) });
      } else if (match) {
        const [, prefix, version, description = ''] = match;
        const versionKey = flywayVersionKey(version);
        if (prefix === 'U') {
          undos.push({ versionKey, part: part(folder, name, 'down', text), version, description, name });
        } else if (prefix === 'B') {
          baselines.push({ version, name: description, id: name, versionKey, kind: 'baseline', up: part(folder, name, 'up', text) });
        } else {
          const list = versioned.get(versionKey) ?? [];
          versioned.set(versionKey, list);
          list.push({ version, name: description, id: name, versionKey, kind: 'versioned', up: part(folder, name, 'up', text) });
        }
      } else {
        ignored.push({ file, reason: ignoredReason(name) });
      }
    }
    for (const undo of undos) {
      const target = versioned.get(undo.versionKey)?.find((migration) => !migration.down);
      if (target) target.down = undo.part;
      else versioned.set(undo.versionKey, [{ version: undo.version, name: undo.description, id: undo.name, versionKey: undo.versionKey, kind: 'versioned', down: undo.part }]);
    }
    const ordered = [...versioned.values()].flat().sort((a, b) => compareFlywayVersions(a.version, b.version) || compareText(a.id, b.id));
    repeatables.sort((a, b) => compareText(a.name, b.name));
    const baseline = baselines.sort((a, b) => compareFlywayVersions(a.version, b.version) || compareText(a.id, b.id)).at(-1);
    if (!baseline) return { migrations: [...ordered, ...repeatables], ignored };
    for (const older of baselines.slice(0, -1)) {
      ignored.push({ file: older.up!.file, reason: `an older baseline: Flyway starts an empty database from the newest one, ${baseline.id}` });
    }
    const above = ordered.filter((migration) => compareFlywayVersions(migration.version, baseline.version) > 0);
    const superseded = ordered.filter((migration) => !above.includes(migration));
    return { migrations: [baseline, ...above, ...repeatables], ignored, superseded };
  },

  // V<version>__<description>.sql, counting from 1; no undo file (U…, a paid edition's feature).
  scaffold: singleFileScaffold({ kind: 'sequence', first: '1' }, ({ version, name }) => `V${version}__${name}.sql`),
};

function part(folder: Folder, name: string, direction: 'up' | 'down', text: string): MigrationPart {
  const confName = `${name}.conf`;
  const optOut = `executeInTransaction=false in ${confName}`;
  const conf = folder.files.includes(confName) ? folder.read(filePath(folder, confName)) : '';
  const transaction = /^\s*executeInTransaction\s*=\s*false\s*$/im.test(conf)
    ? { inTransaction: false, reason: `${confName} sets executeInTransaction=false`, optOut }
    : { inTransaction: true, reason: 'Flyway runs each migration in a transaction', optOut };
  return { file: filePath(folder, name), direction, range: { start: 0, end: text.length }, transaction };
}

function ignoredReason(name: string): string {
  if (/\.sql$/i.test(name) && !name.endsWith('.sql')) return WRONG_CASE_EXTENSION('Flyway');
  if (/^[VUB]\d+(?:[._]\d+)*_[^_]/.test(name)) {
    return 'Flyway separates version and description with two underscores (V1__name.sql); with one it reads the description as part of the version and does not run the file';
  }
  if (FLYWAY_LIKE.test(name)) return 'not a Flyway migration name: V<version>__<description>.sql, U<version>__…, B<version>__… or R__<description>.sql';
  return 'Flyway runs only files named V<version>__<description>.sql, U<version>__… (undo), B<version>__… (baseline) or R__<description>.sql (repeatable)';
}
