// Parallel trees of one schema (migrations/postgres + migrations/mysql, or postgres/migrations +
// mysql/migrations) are linked so rules can compare them. Two sets are siblings when their roots
// differ in exactly one folder name, they use the same framework, they share at least half the
// versions of the smaller one (a drifted tree missing a version is still a sibling), and the
// differing folders name dialects or the sets' dialects differ (two services with their own
// 001, 002, … are not siblings).

import type { MigrationSet } from '../model/migration-set.js';

const DIALECT_FOLDERS = new Set(['postgres', 'postgresql', 'pg', 'mysql', 'mariadb']);

export function linkSiblings(sets: MigrationSet[]): void {
  for (const a of sets) {
    for (const b of sets) {
      if (a !== b && areSiblings(a, b)) a.siblings.push(b.root);
    }
  }
}

function areSiblings(a: MigrationSet, b: MigrationSet): boolean {
  if (a.standalone || b.standalone || a.framework !== b.framework) return false;
  const x = a.root.split('/');
  const y = b.root.split('/');
  if (x.length !== y.length) return false;
  const differing = x.flatMap((segment, i) => (segment === y[i] ? [] : [i]));
  if (differing.length !== 1) return false;
  const [i] = differing;
  const dialectFolders = DIALECT_FOLDERS.has(x[i].toLowerCase()) && DIALECT_FOLDERS.has(y[i].toLowerCase());
  if (!dialectFolders && a.dialect === b.dialect) return false;
  const versionsOf = (set: MigrationSet) => new Set(set.migrations.filter((m) => m.kind === 'versioned').map((m) => m.versionKey ?? m.version));
  const versionsA = versionsOf(a);
  const versionsB = versionsOf(b);
  const shared = [...versionsA].filter((version) => versionsB.has(version)).length;
  return shared > 0 && shared * 2 >= Math.min(versionsA.size, versionsB.size);
}
