// An immutable string-keyed map with structural sharing (a hash array mapped trie).
//
// Every schema snapshot holds its tables in one of these. Setting one key copies only the path
// to that key (a handful of small arrays), so a migration that alters one table out of two
// thousand produces a snapshot that shares every other table — and almost all of the trie —
// with the snapshot before it. That keeps a snapshot per migration cheap in time and memory.

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
const MAX_DEPTH = Math.ceil(32 / BITS);

interface Leaf<V> {
  readonly hash: number;
  readonly key: string;
  readonly value: V;
}

/** Keys whose 32-bit hashes are equal; only reached below the last level of the trie. */
interface Collision<V> {
  readonly hash: number;
  readonly leaves: readonly Leaf<V>[];
}

interface Branch<V> {
  readonly bitmap: number;
  readonly children: readonly TrieNode<V>[];
}

type TrieNode<V> = Leaf<V> | Collision<V> | Branch<V>;

const isLeaf = <V>(node: TrieNode<V>): node is Leaf<V> => 'key' in node;
const isCollision = <V>(node: TrieNode<V>): node is Collision<V> => 'leaves' in node;
const isBranch = <V>(node: TrieNode<V>): node is Branch<V> => 'bitmap' in node;

function hashString(key: string): number {
  // FNV-1a: fast, and good enough spread for identifiers.
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

const fragment = (hash: number, depth: number): number => (hash >>> (depth * BITS)) & MASK;

const EMPTY_BRANCH: Branch<never> = { bitmap: 0, children: [] };

/** Told about every read of any map while installed (see `observeReads`). */
export interface ReadObserver {
  /** A lookup of `key` (found or not). */
  key(key: string): void;
  /** A walk over a whole map: its answer depends on every key. */
  whole(): void;
}

// Module state rather than a field per map: maps are shared between thousands of snapshots,
// and only replay (one part at a time, synchronously) ever wants to know what it read.
let observer: ReadObserver | undefined;

/**
 * Runs `work`, telling `reads` about every map lookup and walk it makes. Replay uses this to
 * learn which keys a migration depends on, so it can reuse the migration when they did not change.
 */
export function observeReads<T>(reads: ReadObserver, work: () => T): T {
  const outer = observer;
  observer = reads;
  try {
    return work();
  } finally {
    observer = outer;
  }
}

/** Runs `work` without telling the current observer about its reads: bookkeeping, not a dependency. */
export function unobserved<T>(work: () => T): T {
  const outer = observer;
  observer = undefined;
  try {
    return work();
  } finally {
    observer = outer;
  }
}

export class PersistentMap<V> implements Iterable<[string, V]> {
  private static readonly emptyMap = new PersistentMap<never>(EMPTY_BRANCH, 0);

  private constructor(
    private readonly root: Branch<V>,
    private readonly count: number,
  ) {}

  get size(): number {
    observer?.whole();
    return this.count;
  }

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.emptyMap as PersistentMap<V>;
  }

  static from<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  get(key: string): V | undefined {
    observer?.key(key);
    const hash = hashString(key);
    let node: TrieNode<V> = this.root;
    for (let depth = 0; ; depth++) {
      if (isLeaf(node)) return node.key === key ? node.value : undefined;
      if (isCollision(node)) return node.leaves.find((leaf) => leaf.key === key)?.value;
      const bit = 1 << fragment(hash, depth);
      if ((node.bitmap & bit) === 0) return undefined;
      node = node.children[popcount(node.bitmap & (bit - 1))];
    }
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Returns this same map when `key` already maps to `value` (by identity). */
  set(key: string, value: V): PersistentMap<V> {
    const added = { value: false };
    const root = setIn(this.root, { hash: hashString(key), key, value }, 0, added) as Branch<V>;
    return root === this.root ? this : new PersistentMap(root, this.count + (added.value ? 1 : 0));
  }

  delete(key: string): PersistentMap<V> {
    const root = deleteIn(this.root, hashString(key), key, 0);
    if (root === this.root) return this;
    return new PersistentMap((root as Branch<V> | undefined) ?? (EMPTY_BRANCH as Branch<V>), this.count - 1);
  }

  *[Symbol.iterator](): IterableIterator<[string, V]> {
    observer?.whole();
    yield* walk(this.root);
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this) yield value;
  }

  /** Entries sorted by key: the order every printed or compared listing uses. */
  sortedEntries(): [string, V][] {
    return [...this].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * The keys whose values differ between this map and `other` (by identity; present on one side
   * only counts), sorted. Two versions of one map share every subtree neither changed, and those
   * are skipped unvisited, so comparing snapshots of one history costs what changed between
   * them, not their size.
   */
  changedKeys(other: PersistentMap<V>): string[] {
    const keys: string[] = [];
    diffNodes(this.root, other.root, keys);
    for (const key of keys) observer?.key(key);
    return keys.sort();
  }
}

function diffNodes<V>(a: TrieNode<V> | undefined, b: TrieNode<V> | undefined, out: string[]): void {
  if (a === b) return;
  if (a && b && isBranch(a) && isBranch(b)) {
    for (let bits = a.bitmap | b.bitmap; bits !== 0; bits &= bits - 1) {
      const bit = bits & -bits;
      const child = (node: Branch<V>) => ((node.bitmap & bit) === 0 ? undefined : node.children[popcount(node.bitmap & (bit - 1))]);
      diffNodes(child(a), child(b), out);
    }
    return;
  }
  // A leaf or collision meets another shape (deletes collapse branches): compare entry by entry.
  const left = new Map(a ? walk(a) : []);
  for (const [key, value] of b ? walk(b) : []) {
    if (!left.has(key) || left.get(key) !== value) out.push(key);
    left.delete(key);
  }
  out.push(...left.keys());
}

function* walk<V>(node: TrieNode<V>): IterableIterator<[string, V]> {
  if (isLeaf(node)) yield [node.key, node.value];
  else if (isCollision(node)) for (const leaf of node.leaves) yield [leaf.key, leaf.value];
  else for (const child of node.children) yield* walk(child);
}

function setIn<V>(node: TrieNode<V>, leaf: Leaf<V>, depth: number, added: { value: boolean }): TrieNode<V> {
  if (isLeaf(node)) {
    if (node.key === leaf.key) return node.value === leaf.value ? node : leaf;
    added.value = true;
    return merge(node, leaf, depth);
  }
  if (isCollision(node)) {
    const at = node.leaves.findIndex((existing) => existing.key === leaf.key);
    if (at >= 0 && node.leaves[at].value === leaf.value) return node;
    if (at < 0) added.value = true;
    const leaves = at < 0 ? [...node.leaves, leaf] : node.leaves.map((existing, i) => (i === at ? leaf : existing));
    return { hash: node.hash, leaves };
  }
  const bit = 1 << fragment(leaf.hash, depth);
  const index = popcount(node.bitmap & (bit - 1));
  if ((node.bitmap & bit) === 0) {
    added.value = true;
    const children = [...node.children.slice(0, index), leaf, ...node.children.slice(index)];
    return { bitmap: node.bitmap | bit, children };
  }
  const child = node.children[index];
  const updated = setIn(child, leaf, depth + 1, added);
  if (updated === child) return node;
  const children = node.children.slice();
  children[index] = updated;
  return { bitmap: node.bitmap, children };
}

/** A branch at `depth` holding two leaves with different keys (a collision when the hashes match). */
function merge<V>(a: Leaf<V>, b: Leaf<V>, depth: number): TrieNode<V> {
  if (a.hash === b.hash || depth >= MAX_DEPTH) return { hash: a.hash, leaves: [a, b] };
  const fa = fragment(a.hash, depth);
  const fb = fragment(b.hash, depth);
  if (fa === fb) return { bitmap: 1 << fa, children: [merge(a, b, depth + 1)] };
  return { bitmap: (1 << fa) | (1 << fb), children: fa < fb ? [a, b] : [b, a] };
}

/** Undefined when the node became empty. */
function deleteIn<V>(node: TrieNode<V>, hash: number, key: string, depth: number): TrieNode<V> | undefined {
  if (isLeaf(node)) return node.key === key ? undefined : node;
  if (isCollision(node)) {
    const leaves = node.leaves.filter((leaf) => leaf.key !== key);
    if (leaves.length === node.leaves.length) return node;
    return leaves.length === 1 ? leaves[0] : { hash: node.hash, leaves };
  }
  const bit = 1 << fragment(hash, depth);
  if ((node.bitmap & bit) === 0) return node;
  const index = popcount(node.bitmap & (bit - 1));
  const child = node.children[index];
  const updated = deleteIn(child, hash, key, depth + 1);
  if (updated === child) return node;
  if (updated === undefined) {
    const bitmap = node.bitmap & ~bit;
    if (bitmap === 0) return undefined;
    const children = [...node.children.slice(0, index), ...node.children.slice(index + 1)];
    // A branch left with a single leaf collapses into it, keeping lookups short.
    if (children.length === 1 && depth > 0 && !isBranch(children[0])) return children[0];
    return { bitmap, children };
  }
  const children = node.children.slice();
  children[index] = updated;
  return { bitmap: node.bitmap, children };
}

