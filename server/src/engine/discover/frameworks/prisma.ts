// Prisma Migrate: `prisma/migrations/<timestamp>_<name>/migration.sql` beside
// `migration_lock.toml`; folders applied in name order; no down migrations and no directive to
// leave the transaction.

import { joinPath } from '../../host.js';
import type { IgnoredFile, Migration } from '../../model/migration-set.js';
import { filePath, sqlFiles, type Folder } from '../folder.js';
import { implicitTransaction } from '../transaction.js';
import { leadingNumber } from '../versions.js';
import type { FrameworkLayout } from './layout.js';
import { scaffoldStem, singleFileScaffold } from './scaffold.js';

export const LOCK_FILE = 'migration_lock.toml';
const MIGRATION_FILE = 'migration.sql';

/** Structure beats naming: a Prisma folder outranks any count of matching file names. */
const STRUCTURAL_STRENGTH = 1_000_000;

export const prisma: FrameworkLayout = {
  framework: 'prisma',

  detect(folder) {
    const files = migrationFolders(folder).map((name) => joinPath(filePath(folder, name), MIGRATION_FILE));
    const hasLock = folder.files.includes(LOCK_FILE);
    if (!hasLock && files.length === 0) return undefined;
    const lock = hasLock ? `${LOCK_FILE} and ` : '';
    return { strength: STRUCTURAL_STRENGTH + files.length, reason: `${lock}${files.length} folder(s) holding migration.sql (Prisma Migrate layout)`, files };
  },

  collect(folder, dialect) {
    const ignored: IgnoredFile[] = sqlFiles(folder).map((name) => ({
      file: filePath(folder, name),
      reason: 'Prisma runs only <migrations>/<timestamp>_<name>/migration.sql; a .sql file directly in the migrations folder is never applied',
    }));
    const migrations: Migration[] = migrationFolders(folder).map((name) => {
      const file = joinPath(filePath(folder, name), MIGRATION_FILE);
      const text = folder.read(file);
      const range = { start: 0, end: text.length };
      const version = leadingNumber(name) ?? name;
      return {
        version,
        name: name.slice(leadingNumber(name)?.length ?? 0).replace(/^_/, ''),
        id: name,
        versionKey: name,
        kind: 'versioned',
        up: { file, direction: 'up', range, transaction: implicitTransaction('Prisma Migrate', text, range, dialect) },
      };
    });
    return { migrations, ignored };
  },

  // `prisma migrate dev --name name`: <UTC time>_name/migration.sql beside migration_lock.toml.
  scaffold: singleFileScaffold({ kind: 'timestamp' }, (name) => `${scaffoldStem(name)}/${MIGRATION_FILE}`),
};

/** Subfolders holding a migration.sql, in name order as Prisma applies them. */
function migrationFolders(folder: Folder): string[] {
  return folder.folders.filter((name) => folder.host.readFile(joinPath(filePath(folder, name), MIGRATION_FILE)) !== undefined);
}
