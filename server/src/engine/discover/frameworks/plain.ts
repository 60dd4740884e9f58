// Numbered .sql files with no framework (`001_init.sql`), run in number order by a script or
// psql. Nothing wraps them in a transaction unless the project says so (`assumeInTransaction`,
// squawk's flag). Also the shape of a lone file checked on its own.

import { basename } from '../../host.js';
import type { IgnoredFile, Migration, TransactionMode } from '../../model/migration-set.js';
import type { ProjectConfig } from '../../config/index.js';
import { filePath, sqlFiles } from '../folder.js';
import { compareNumeric, compareText, leadingNumber, numericKey } from '../versions.js';
import { sortMigrations, type FrameworkLayout } from './layout.js';
import { scaffoldStem, singleFileScaffold } from './scaffold.js';
import { stripSqlExtension } from './sectioned.js';

export const plain: FrameworkLayout = {
  framework: 'plain',

  detect(folder) {
    const files = sqlFiles(folder).filter((name) => leadingNumber(name) !== undefined);
    if (files.length === 0) return undefined;
    return {
      strength: files.length,
      reason: `${files.length} numbered .sql file(s) without framework naming or directives (plain SQL, run in number order)`,
      files: files.map((name) => filePath(folder, name)),
    };
  },

  collect(folder) {
    const ignored: IgnoredFile[] = [];
    const migrations: Migration[] = [];
    for (const name of sqlFiles(folder)) {
      const file = filePath(folder, name);
      if (leadingNumber(name) === undefined) {
        ignored.push({ file, reason: 'no leading version number; numbered plain migrations run in number order and this file has no place in it' });
      } else {
        migrations.push(plainMigration(file, folder.read(file).length, folder.config));
      }
    }
    return { migrations: sortMigrations(migrations, (a, b) => compareNumeric(a.version, b.version) || compareText(a.id, b.id)), ignored };
  },

  // No tool: numbered files, 001_name.sql, counting on from the last.
  scaffold: singleFileScaffold({ kind: 'sequence', first: '001' }, (name) => `${scaffoldStem(name)}.sql`),
};

/** One plain .sql file as a migration: the whole file is its up part. */
export function plainMigration(file: string, length: number, config: ProjectConfig): Migration {
  const name = basename(file);
  const version = leadingNumber(name) ?? '';
  return {
    version,
    name: stripSqlExtension(name).slice(version.length).replace(/^[_\-.]/, ''),
    id: name,
    versionKey: version === '' ? name : numericKey(version),
    kind: 'versioned',
    up: { file, direction: 'up', range: { start: 0, end: length }, transaction: plainTransaction(config) },
  };
}

function plainTransaction(config: ProjectConfig): TransactionMode {
  const where = config.source ? ` in ${config.source}` : '';
  return config.assumeInTransaction
    ? { inTransaction: true, reason: `assumeInTransaction is set${where}: the runner is assumed to wrap each file in a transaction` }
    : { inTransaction: false, reason: 'plain SQL with no framework: each statement commits on its own (set assumeInTransaction in .migration-lens.json if your runner wraps files in a transaction)' };
}
