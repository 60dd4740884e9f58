// Reusing a migration part's replay on a different snapshot before it, without running its
// statements again.
//
// Replaying a part records its footprint: every key it looked up (found or not) and, per
// statement, the writes it made. Editing migration K changes the snapshot after K in a few keys;
// a later part that read none of them would compute exactly the same writes and events, so its
// new snapshots are its old writes applied to the new snapshot before it. Only parts that did
// read a changed key are replayed again, and their writes extend the set of changed keys only
// where the new values really differ.

import type { SchemaWrite } from './editor.js';
import type { Schema } from './model.js';
import { patched, patchFrom } from './patched.js';
import { observeReads } from './persistent-map.js';
import type { PartReplay } from './replay.js';

/** What replaying one part depended on and did. */
export interface PartFootprint {
  /** Keys looked up in any map (map names are not kept: a clash only costs a needless replay). */
  reads: ReadonlySet<string>;
  /** Some statement walked a whole map, so any change may matter to it. */
  readsWhole: boolean;
  /** The writes of each statement, in order. */
  writes: readonly (readonly SchemaWrite[])[];
}

/** The keys in which two snapshots may differ; `everything` when that is unknown. */
export type KeyDelta = ReadonlySet<string> | 'everything';

export const NO_KEYS: ReadonlySet<string> = new Set<string>();

/**
 * Runs a part's replay, recording what it reads; `replay` returns the writes of each statement.
 * Without `observe` (a replay nobody will update) reads are not recorded and count as reading everything.
 */
export function withFootprint(replay: () => { part: PartReplay; writes: readonly (readonly SchemaWrite[])[] }, observe = true): { part: PartReplay; footprint: PartFootprint } {
  if (!observe) {
    const { part, writes } = replay();
    return { part, footprint: { reads: new Set(), readsWhole: true, writes } };
  }
  const reads = new Set<string>();
  let readsWhole = false;
  const { part, writes } = observeReads(
    {
      key: (key) => reads.add(key),
      whole: () => (readsWhole = true),
    },
    replay,
  );
  return { part, footprint: { reads, readsWhole, writes } };
}

/**
 * True when the part neither read nor wrote anything in `delta`, so its old result still holds on
 * the new snapshot, and its snapshots differ from the old ones in exactly the keys of `delta`.
 */
export function unaffectedBy(footprint: PartFootprint, delta: KeyDelta): boolean {
  if (delta === 'everything') return false;
  if (delta.size === 0) return true;
  if (footprint.readsWhole) return false;
  for (const key of delta) if (footprint.reads.has(key)) return false;
  return !footprint.writes.some((writes) => writes.some((write) => delta.has(write.key)));
}

/**
 * The part's replay on `before`, which differs from the old one in the keys of `delta` only:
 * the same steps and events, every snapshot the old one with those keys as `before` has them
 * (patched.ts). Nothing is copied until someone reads a snapshot.
 */
export function rebasePart(old: PartReplay, before: Schema, delta: ReadonlySet<string>): PartReplay {
  const patch = patchFrom(delta, before);
  const moved = (schema: Schema) => (schema === old.before ? before : patched(schema, patch));
  return { ...old, before, after: moved(old.after), steps: old.steps.map((step) => ({ ...step, before: moved(step.before) })) };
}

/**
 * The keys in which `newAfter` may differ from `oldAfter`, given that the snapshots before them
 * differed in `delta` and the part was replayed again: `delta`, plus each key either replay
 * wrote whose values are not equal. `delta` itself when that adds none: the later migrations'
 * patches are shared per delta (patched.ts), so a new set with the same keys would make each of
 * them a patch of its own.
 */
export function deltaAfterReplay(delta: KeyDelta, oldAfter: Schema, newAfter: Schema, footprints: readonly PartFootprint[]): KeyDelta {
  if (delta === 'everything') return delta;
  let changed: Set<string> | undefined;
  for (const footprint of footprints) {
    for (const writes of footprint.writes) {
      for (const { map, key } of writes) {
        if (delta.has(key) || changed?.has(key) || sameValue(oldAfter[map].get(key), newAfter[map].get(key))) continue;
        (changed ??= new Set(delta)).add(key);
      }
    }
  }
  return changed ?? delta;
}

/** Structural equality of schema values (plain objects, arrays, primitives). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysOfA = Object.keys(a);
  if (keysOfA.length !== Object.keys(b).length) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysOfA.every((key) => Object.prototype.hasOwnProperty.call(recordB, key) && sameValue(recordA[key], recordB[key]));
}
