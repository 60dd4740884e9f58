// Quick fixes that move SQL into a new migration create its files: an edit at offset 0 of a path
// that does not exist yet (the convention in fixes/edits.ts). The new migration takes the next
// free version after the set's last one, written as wide as the current migration's version,
// so the framework runs it after everything already there.

import type { EditDraft } from '../../fixes/edits.js';
import type { Migration, MigrationSet } from '../../model/migration-set.js';

export interface NewMigration {
  edits: EditDraft[];
  /** What the fix creates, for its title: "file `000005_x.up.sql`". */
  label: string;
}

interface Origin {
  set: MigrationSet;
  migration: Migration;
  part: { file: string };
}

/** Files for a new migration named after `origin` with `suffix`, holding `up` (and `down`). */
export function newMigrationFiles(origin: Origin, up: string, down?: string, suffix = 'concurrently', offset = 1): NewMigration {
  const version = nextVersion(origin.set, origin.migration.version, offset);
  const name = `${version}_${origin.migration.name}_${suffix}`;
  const folder = origin.part.file.slice(0, origin.part.file.lastIndexOf('/'));
  const create = (file: string, text: string): EditDraft => ({ file, range: { start: 0, end: 0 }, newText: text.endsWith('\n') ? text : `${text}\n` });
  if (origin.set.framework === 'prisma') {
    const migrations = folder.slice(0, folder.lastIndexOf('/'));
    return { edits: [create(`${migrations}/${name}/migration.sql`, up)], label: `\`${name}/migration.sql\`` };
  }
  const edits = [create(`${folder}/${name}.up.sql`, up)];
  if (down !== undefined && origin.migration.down) edits.push(create(`${folder}/${name}.down.sql`, down));
  return { edits, label: `\`${name}.up.sql\`` };
}

/** The set's highest numeric version plus `offset`, zero-padded to the width of `like`. */
function nextVersion(set: MigrationSet, like: string, offset: number): string {
  const highest = set.migrations.reduce((max, migration) => {
    const digits = /^\d+/.exec(migration.version)?.[0];
    return digits && BigInt(digits) > max ? BigInt(digits) : max;
  }, 0n);
  return (highest + BigInt(offset)).toString().padStart(like.length, '0');
}
