// A snapshot that is another snapshot with a few keys taken from elsewhere: built in constant
// time, its maps made on first use.
//
// Editing migration K changes the snapshot after K in a few keys. Each later migration that
// neither read nor wrote those keys keeps its result, but every one of its snapshots must now
// show the new values of those keys: rebasing them eagerly would copy trie paths for every later
// migration on every keystroke, although almost nobody looks at those snapshots again (their
// rules' results are kept too). A patched snapshot records "this old snapshot, but these keys as
// in that one", and applies it to a map only when the map is read.
//
// Patches do not stack: patching a patched snapshot merges the two into one patch over the
// original snapshot, and each key points at a snapshot that holds its value itself, so a read
// costs one hop however many edits and migrations the patch has passed through.

import type { SchemaMapName } from './editor.js';
import type { Schema } from './model.js';
import { PersistentMap, unobserved } from './persistent-map.js';

/** Per key, a snapshot that holds that key's current value itself (never patched for it). */
export type Patch = ReadonlyMap<string, Schema>;

class PatchedSchema {
  readonly dialect: Schema['dialect'];
  private readonly made: Partial<Record<SchemaMapName, PersistentMap<unknown>>> = {};

  constructor(
    /** Never itself patched. */
    readonly base: Schema,
    readonly patch: Patch,
  ) {
    this.dialect = base.dialect;
  }

  map(name: SchemaMapName): PersistentMap<unknown> {
    let made = this.made[name];
    if (!made) {
      // Making the map is not a read of the rule or replay that asked for it.
      made = unobserved(() => {
        let map = this.base[name] as PersistentMap<unknown>;
        for (const [key, source] of this.patch) {
          const value = (source[name] as PersistentMap<unknown>).get(key);
          if (map.get(key) !== value) map = value === undefined ? map.delete(key) : map.set(key, value);
        }
        return map;
      });
      this.made[name] = made;
    }
    return made;
  }
}

const MAP_NAMES: readonly SchemaMapName[] = ['tables', 'views', 'enums', 'functions', 'triggers', 'extensions', 'sequences', 'schemas', 'indexOwners', 'history', 'links'];

// Each map of a Schema is a getter that makes it on first use.
for (const name of MAP_NAMES) {
  Object.defineProperty(PatchedSchema.prototype, name, {
    get(this: PatchedSchema) {
      return this.map(name);
    },
  });
}

const isPatched = (schema: Schema): schema is Schema & PatchedSchema => schema instanceof PatchedSchema;

const newPatched = (base: Schema, patch: Patch): Schema => new PatchedSchema(base, patch) as unknown as Schema;

/**
 * The last patch made for a set of keys. An edit's keys travel down the history as one set, and
 * every later migration resolves them to the same holders, so they all share one patch.
 */
const lastPatchFor = new WeakMap<ReadonlySet<string>, Patch>();

/** A patch taking `keys` as `source` has them. */
export function patchFrom(keys: ReadonlySet<string>, source: Schema): Patch {
  const last = lastPatchFor.get(keys);
  if (last && holdsAlike(last, source)) return last;
  const patch = new Map<string, Schema>();
  for (const key of keys) patch.set(key, holderOf(source, key));
  lastPatchFor.set(keys, patch);
  return patch;
}

/** True when `source` resolves every key of `patch` to the holder the patch names. */
function holdsAlike(patch: Patch, source: Schema): boolean {
  for (const [key, holder] of patch) if (holderOf(source, key) !== holder) return false;
  return true;
}

/** Merged patches by the two they were made from: snapshots patched alike are patched again alike. */
const merges = new WeakMap<Patch, WeakMap<Patch, Patch>>();

/** `schema` with the keys of `patch` as their sources have them; `schema` itself for an empty patch. */
export function patched(schema: Schema, patch: Patch): Schema {
  if (patch.size === 0) return schema;
  if (!isPatched(schema)) return newPatched(schema, patch);
  let byNew = merges.get(schema.patch);
  if (!byNew) merges.set(schema.patch, (byNew = new WeakMap()));
  let merged = byNew.get(patch);
  if (!merged) {
    const both = new Map(schema.patch);
    for (const [key, source] of patch) both.set(key, source);
    byNew.set(patch, (merged = both));
  }
  return newPatched(schema.base, merged);
}

/** The snapshot that holds `key`'s value in `schema` itself. */
function holderOf(schema: Schema, key: string): Schema {
  if (!isPatched(schema)) return schema;
  return schema.patch.get(key) ?? schema.base;
}

/** Every map of a snapshot by name, for code that builds a new snapshot from an old one (a spread would miss a patched snapshot's maps). */
export function schemaMaps(schema: Schema): Record<SchemaMapName, PersistentMap<unknown>> {
  const { tables, views, enums, functions, triggers, extensions, sequences, schemas, indexOwners, history, links } = schema;
  return { tables, views, enums, functions, triggers, extensions, sequences, schemas, indexOwners, history, links };
}
