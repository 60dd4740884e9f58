// Which migrations of a set have a part in a given file. The edited file's own diagnostics ask
// this several times per keystroke; scanning 10,000 migrations each time made that path grow with
// the history. The index is made once per list of migrations, and a list derived from another by
// replacing migrations with ones in the same files (discovery after an edit of a file's text)
// inherits it, so a keystroke never rebuilds it.

import type { Migration, MigrationSet } from './migration-set.js';

type Positions = ReadonlyMap<string, readonly number[]>;

const positionsOf = new WeakMap<readonly Migration[], Positions>();

const NONE: readonly number[] = [];

/** The positions in `set` of the migrations with a part in `file`, in order. */
export function migrationsInFile(set: MigrationSet, file: string): readonly number[] {
  return positions(set.migrations).get(file) ?? NONE;
}

/** Whether any migration of `set` has a part in `file`. */
export function holdsFile(set: MigrationSet, file: string): boolean {
  return migrationsInFile(set, file).length > 0;
}

/**
 * Records that `next` has, position by position, migrations with parts in the same files as
 * `previous` (the same ids, since a migration's id comes from its files' names).
 */
export function inSamePlaces(previous: readonly Migration[], next: readonly Migration[]): void {
  const known = positionsOf.get(previous);
  if (known) positionsOf.set(next, known);
}

/** True when `a` and `b` are known to hold migrations in the same files at the same positions. */
export function knownInSamePlaces(a: readonly Migration[], b: readonly Migration[]): boolean {
  const known = positionsOf.get(a);
  return known !== undefined && known === positionsOf.get(b);
}

function positions(migrations: readonly Migration[]): Positions {
  let known = positionsOf.get(migrations);
  if (!known) {
    const byFile = new Map<string, number[]>();
    migrations.forEach((migration, index) => {
      for (const file of new Set([migration.up?.file, migration.down?.file])) {
        if (file === undefined) continue;
        const list = byFile.get(file);
        if (list) list.push(index);
        else byFile.set(file, [index]);
      }
    });
    positionsOf.set(migrations, (known = byFile));
  }
  return known;
}
