// Differences between the portable facts of two snapshots (one per sibling tree), without the
// ones another finding already explains: a missing table's columns, and what a version present
// in one tree only did (sibling-version-missing reports that version).

import type { PortableFact } from './portable-schema.js';

export interface FactDifference {
  /** The fact on this tree's side; absent when only the sibling has it. */
  mine?: PortableFact;
  theirs?: PortableFact;
  /** Equal for the same difference after later versions, so one that stands is not reported again. */
  signature: string;
}

export function factDifferences(
  mine: ReadonlyMap<string, PortableFact>,
  theirs: ReadonlyMap<string, PortableFact>,
  unsharedMine: ReadonlySet<string>,
  unsharedTheirs: ReadonlySet<string>,
): FactDifference[] {
  const differences: FactDifference[] = [];
  const onBothSides = (fact: PortableFact) => fact.parent === undefined || (mine.has(fact.parent) && theirs.has(fact.parent));
  const fromUnshared = (fact: PortableFact | undefined, unshared: ReadonlySet<string>) => fact?.origin !== undefined && unshared.has(fact.origin.version);
  const consider = (my: PortableFact | undefined, their: PortableFact | undefined) => {
    const fact = (my ?? their)!;
    if (!onBothSides(fact) || fromUnshared(my, unsharedMine) || fromUnshared(their, unsharedTheirs)) return;
    if (my && their) {
      if (my.value !== their.value) differences.push({ mine: my, theirs: their, signature: `${fact.key}=${my.value}|${their.value}` });
    } else if (!fact.implicit) {
      differences.push({ ...(my ? { mine: my } : { theirs: their }), signature: `${fact.key}:${my ? 'mine' : 'theirs'}` });
    }
  };
  for (const [key, fact] of mine) consider(fact, theirs.get(key));
  for (const [key, fact] of theirs) if (!mine.has(key)) consider(undefined, fact);
  return differences;
}
