// Parallel trees of one schema (migrations/postgres + migrations/mysql, or postgres/migrations +
// mysql/migrations, or migrations_pg + migrations_mysql) are linked so rules can compare them. Two
// sets are siblings when their roots differ in exactly one folder name, each of those two names
// names a different dialect, they use the same framework, and they share at least half the
// versions of the smaller one (a drifted tree missing a version is still a sibling). Two services
// side by side with their own 001, 002, … are not siblings, even when their databases differ:
// only the folder names say the trees are meant to define the same schema.

import type { MigrationSet } from '../model/migration-set.js';

const DIALECT_WORDS: Record<string, string> = { postgres: 'postgres', postgresql: 'postgres', pg: 'postgres', mysql: 'mysql', mariadb: 'mariadb' };

/** The dialect a folder name spells as one of its words (`postgres`, `migrations_pg`, `mysql-schema`). */
function dialectNamed(folder: string): string | undefined {
  return folder.toLowerCase().split(/[-_.\s]+/).map((word) => DIALECT_WORDS[word]).find(Boolean);
}

export function linkSiblings(sets: MigrationSet[]): void {
  // Sets found by an earlier discovery are linked again, so each gets a new list.
  for (const a of sets) a.siblings = sets.filter((b) => a !== b && areSiblings(a, b)).map((b) => b.root);
}

function areSiblings(a: MigrationSet, b: MigrationSet): boolean {
  if (a.standalone || b.standalone || a.framework !== b.framework) return false;
  const x = a.root.split('/');
  const y = b.root.split('/');
  if (x.length !== y.length) return false;
  const differing = x.flatMap((segment, i) => (segment === y[i] ? [] : [i]));
  if (differing.length !== 1) return false;
  const [i] = differing;
  const dialectA = dialectNamed(x[i]);
  const dialectB = dialectNamed(y[i]);
  if (!dialectA || !dialectB || dialectA === dialectB) return false;
  const versionsOf = (set: MigrationSet) => new Set(set.migrations.filter((m) => m.kind === 'versioned').map((m) => m.versionKey ?? m.version));
  const versionsA = versionsOf(a);
  const versionsB = versionsOf(b);
  const shared = [...versionsA].filter((version) => versionsB.has(version)).length;
  return shared > 0 && shared * 2 >= Math.min(versionsA.size, versionsB.size);
}
