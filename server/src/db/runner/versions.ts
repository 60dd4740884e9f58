// Finds the migration a user names on the command line: `7` finds `007`, `1.1` finds Flyway's
// `1_1`, a file or folder name finds its migration.

import type { Migration, MigrationSet } from '../../engine/model/migration-set.js';

export function findMigration(set: MigrationSet, wanted: string): Migration | undefined {
  return set.migrations.find(
    (m) =>
      m.version === wanted ||
      m.versionKey === wanted ||
      m.id === wanted ||
      (/^\d+$/.test(wanted) && /^\d+$/.test(m.version) && BigInt(wanted) === BigInt(m.version)),
  );
}
