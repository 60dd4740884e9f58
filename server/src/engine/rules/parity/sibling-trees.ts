// What both parity rules need to know about a pair of sibling trees: how to name the other tree
// in a message, and which versions the two share.

import type { Migration, MigrationSet } from '../../model/migration-set.js';
import type { SourceRange } from '../../model/source.js';
import type { SetContext } from '../rule.js';
import { mainPart, versioned, versionKeyOf } from '../integrity/versions.js';

/** The other tree as the user tells them apart: `mysql/`, or `shop/db/migrations/` for app/ and shop/. */
export function treeName(set: MigrationSet, sibling: MigrationSet): string {
  const mine = set.root.split('/');
  const theirs = sibling.root.split('/');
  const first = theirs.findIndex((segment, i) => segment !== mine[i]);
  return `${theirs.slice(Math.max(first, 0)).join('/')}/`;
}

export interface VersionPairing {
  /** Versioned migrations of the set, in order, with the sibling's migration of the same version when it has one. */
  pairs: { mine: Migration; index: number; theirs?: Migration; theirIndex: number }[];
  /** Versions as written in file names that exist on one side only (the set's and the sibling's). */
  unsharedMine: ReadonlySet<string>;
  unsharedTheirs: ReadonlySet<string>;
}

export function pairVersions(set: MigrationSet, sibling: MigrationSet): VersionPairing {
  const theirIndexByKey = new Map(sibling.migrations.flatMap((m, i) => (m.kind === 'versioned' ? [[versionKeyOf(m), i] as const] : [])));
  const myKeys = new Set(versioned(set).map(versionKeyOf));
  const pairs = set.migrations.flatMap((mine, index) => {
    if (mine.kind !== 'versioned') return [];
    const theirIndex = theirIndexByKey.get(versionKeyOf(mine)) ?? -1;
    return [{ mine, index, theirIndex, ...(theirIndex >= 0 ? { theirs: sibling.migrations[theirIndex] } : {}) }];
  });
  return {
    pairs,
    unsharedMine: new Set(pairs.filter((pair) => !pair.theirs).map((pair) => pair.mine.version)),
    unsharedTheirs: new Set(versioned(sibling).filter((m) => !myKeys.has(versionKeyOf(m))).map((m) => m.version)),
  };
}

/** Where a related location in the sibling tree points when no statement says more: its first statement. */
export function siblingAnchor(ctx: SetContext, sibling: MigrationSet, migration: Migration): { file: string; range: SourceRange } {
  const part = mainPart(migration);
  return { file: part.file, range: ctx.statements(part, sibling)?.[0]?.range ?? part.range };
}
