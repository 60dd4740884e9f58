// Replays a migration set: the schema before and after every migration, the schema before every
// statement, the events a real server would have failed on, and each migration's down part
// applied to the schema after its up (so a rule can compare `downResult.after` with `before`).
//
// Incremental and lazy: snapshots are computed only when asked for, and a migration whose parts
// read the same (PartInput.key) as last time, replayed on the same schema, keeps its result.
// Editing migration K replays K; each later migration that read nothing K changed is rebased
// (its recorded writes applied to the new snapshot, rebase.ts) rather than replayed; and all of
// it only as far as someone looks.

import type { Statement } from '../model/changes.js';
import type { Migration, MigrationPart, MigrationSet } from '../model/migration-set.js';
import { applyChange } from './apply.js';
import { emptySchema, SchemaEditor, type ReplayEvent, type SchemaWrite } from './editor.js';
import type { Origin, Schema } from './model.js';
import { deltaAfterReplay, NO_KEYS, rebasePart, unaffectedBy, withFootprint, type KeyDelta, type PartFootprint } from './rebase.js';

/** A migration part's statements and an identity that changes whenever they may have. */
export interface PartInput {
  /** Equal keys promise equal statements (file path and content, see ReplayProject). */
  key: string;
  statements: readonly Statement[];
}

/** Undefined when the part's file cannot be read. */
export type PartReader = (part: MigrationPart) => PartInput | undefined;

export interface StatementStep {
  statement: Statement;
  /** The schema just before the statement ran. */
  before: Schema;
  /** What the statement did that a real server would have rejected. */
  events: readonly ReplayEvent[];
}

export interface PartReplay {
  part: MigrationPart;
  before: Schema;
  after: Schema;
  steps: readonly StatementStep[];
  events: readonly ReplayEvent[];
}

export interface MigrationReplay {
  migration: Migration;
  /** Position in the set's order. */
  index: number;
  /** The schema before the migration's up part. */
  before: Schema;
  /** The schema after its up part (the same object as `before` when it has none). */
  after: Schema;
  up?: PartReplay;
  /** The down part applied to `after`; compare its `after` with `before` to see what it misses. */
  downResult?: PartReplay;
  /** Events of the up part (the down part's are in `downResult.events`). */
  events: readonly ReplayEvent[];
}

export interface ReplayOptions {
  /** The schema the first migration runs on (a baseline); empty when absent. */
  baseline?: Schema;
  /** A replay that is never updated (one command-line run): what each part reads is not recorded. */
  oneShot?: boolean;
}

interface CacheEntry {
  key: string;
  /** What the key was made from, so unchanged objects skip making it again. */
  inputs: { migration: Migration; up?: PartInput; down?: PartInput };
  replay: MigrationReplay;
  up?: PartFootprint;
  down?: PartFootprint;
}

/** A snapshot after a migration that replaced another (`from`), and the keys in which they may differ. */
interface AfterChange {
  from: Schema;
  to: Schema;
  keys: KeyDelta;
}

/** How many successive changes of one snapshot are remembered, for results built on an older one. */
const REMEMBERED_CHANGES = 8;

export class SetReplay {
  private set: MigrationSet;
  private readonly cache: (CacheEntry | undefined)[] = [];
  /** Per position, the result the last validation replaced there and how the two differ (changesSince). */
  private readonly lineage: (Lineage | undefined)[] = [];
  /** Migrations by each key they wrote, made when first asked and kept up to date as results are replaced. */
  private writers: Map<string, Set<number>> | undefined;
  /** Migrations [0, validUpTo) are known to match the current set and inputs. */
  private validUpTo = 0;
  /**
   * Per position, the last changes of the snapshot after it, oldest first: the next migration's
   * cached result was built on one of the earlier snapshots, perhaps several validations ago (the
   * language server validates up to an edited file at once and the rest later).
   */
  private readonly afterChanges: (AfterChange[] | undefined)[] = [];
  /** The schema before the first migration; one object, so results built on it stay reusable. */
  private start: Schema;

  constructor(
    set: MigrationSet,
    private readPart: PartReader,
    private readonly options: ReplayOptions = {},
  ) {
    this.set = set;
    this.start = options.baseline ?? emptySchema(set.dialect);
  }

  get baseline(): Schema | undefined {
    return this.options.baseline;
  }

  get migrationSet(): MigrationSet {
    return this.set;
  }

  get initial(): Schema {
    return this.start;
  }

  /**
   * Takes a new version of the set (or signals that files may have changed). Nothing is replayed
   * now; the next question re-checks each migration's inputs and reuses what still matches.
   */
  /**
   * `changed`, when given, holds every file whose text may differ since the last update: the
   * migrations before the first one that holds such a file or is a new object stay validated.
   */
  update(set: MigrationSet = this.set, readPart: PartReader = this.readPart, changed?: ReadonlySet<string>): void {
    let unchanged = 0;
    if (set.dialect !== this.set.dialect) {
      this.cache.length = this.lineage.length = this.afterChanges.length = 0;
      this.writers = undefined;
      this.start = this.options.baseline ?? emptySchema(set.dialect);
    } else if (changed) {
      const previous = this.set.migrations;
      const holds = (migration: Migration) => (migration.up !== undefined && changed.has(migration.up.file)) || (migration.down !== undefined && changed.has(migration.down.file));
      while (unchanged < this.validUpTo && set.migrations[unchanged] === previous[unchanged] && !holds(previous[unchanged])) unchanged++;
    }
    this.set = set;
    this.readPart = readPart;
    this.validUpTo = unchanged;
    // Results past the end can never match again; the rest are kept for rebasing.
    if (this.cache.length > set.migrations.length) {
      this.cache.length = this.lineage.length = this.afterChanges.length = set.migrations.length;
      this.writers = undefined;
    }
  }

  /** The replay of migration `index`, computing it (and every earlier one) if needed. */
  migration(index: number): MigrationReplay {
    if (index < 0 || index >= this.set.migrations.length) throw new RangeError(`no migration at position ${index}`);
    while (this.validUpTo <= index) this.validate(this.validUpTo++);
    return this.cache[index]!.replay;
  }

  /** Replays of every migration, in order. */
  all(): MigrationReplay[] {
    return this.set.migrations.map((_, index) => this.migration(index));
  }

  /** The schema after the last migration. */
  final(): Schema {
    const count = this.set.migrations.length;
    return count === 0 ? this.initial : this.migration(count - 1).after;
  }

  /**
   * The keys in which the snapshots of migration `index` may differ from those of `earlier`, a
   * result this replay gave for it before: none when it is still that result, the keys its
   * snapshot before changed in when it was rebased onto a new one, `everything` when it was
   * replayed again or `earlier` is older than the result replaced last.
   */
  changesSince(index: number, earlier: MigrationReplay): KeyDelta {
    const current = this.migration(index);
    if (current === earlier) return NO_KEYS;
    const link = this.lineage[index];
    return link?.from === earlier ? link.keys : 'everything';
  }

  /** Every key the up and down parts of migration `index` wrote, as replay recorded them. */
  writtenKeys(index: number): readonly string[] {
    this.migration(index);
    return keysWritten(this.cache[index]!);
  }

  /** The positions of the migrations whose parts wrote `key`, in order (validating every migration). */
  writersOf(key: string): number[] {
    const count = this.set.migrations.length;
    if (count > 0) this.migration(count - 1);
    const index = (this.writers ??= this.indexWriters());
    return [...(index.get(key) ?? [])].filter((position) => position < count).sort((a, b) => a - b);
  }

  private indexWriters(): Map<string, Set<number>> {
    const index = new Map<string, Set<number>>();
    this.cache.forEach((entry, position) => entry && addWriter(index, keysWritten(entry), position));
    return index;
  }

  /** The replay of the migration with this version, or undefined. */
  byVersion(version: string): MigrationReplay | undefined {
    const index = this.set.migrations.findIndex((m) => m.version === version);
    return index < 0 ? undefined : this.migration(index);
  }

  private validate(index: number): void {
    const migration = this.set.migrations[index];
    const before = index === 0 ? this.initial : this.cache[index - 1]!.replay.after;
    const up = migration.up && this.readPart(migration.up);
    const down = migration.down && this.readPart(migration.down);
    const cached = this.cache[index];
    // The same objects read the same; only new ones need the key spelled out.
    const sameInputs = cached?.inputs.migration === migration && cached.inputs.up === up && cached.inputs.down === down;
    const key = sameInputs ? cached.key : `${migration.id}\u0000${migration.version}\u0000${up?.key ?? ''}\u0000${down?.key ?? ''}`;
    const delta = cached ? this.deltaSince(index, cached.replay.before, before) : 'everything';
    let entry: CacheEntry;
    let deltaAfter: KeyDelta;
    if (cached && cached.key === key && unaffectedBy(cached.up ?? EMPTY_FOOTPRINT, delta)) {
      if (cached.replay.before !== before && delta !== 'everything') entry = rebaseMigration(cached, migration, before, delta);
      else entry = cached.replay.migration === migration ? cached : { ...cached, replay: { ...cached.replay, migration } };
      deltaAfter = delta;
    } else {
      entry = replayMigration(key, migration, index, before, up, down, !this.options.oneShot);
      deltaAfter = cached ? deltaAfterReplay(delta, cached.replay.after, entry.replay.after, [cached.up, entry.up].filter(isDefined)) : 'everything';
    }
    if (entry.inputs.migration !== migration || entry.inputs.up !== up || entry.inputs.down !== down) entry = { ...entry, inputs: { migration, up, down } };
    if (this.writers && (cached?.up !== entry.up || cached?.down !== entry.down)) {
      if (cached) for (const key of keysWritten(cached)) this.writers.get(key)?.delete(index);
      addWriter(this.writers, keysWritten(entry), index);
    }
    this.cache[index] = entry;
    this.lineage[index] = cached && cached.replay !== entry.replay ? { from: cached.replay, keys: entry.up === cached.up && entry.down === cached.down ? delta : 'everything' } : undefined;
    if (!cached) this.afterChanges[index] = undefined;
    else if (cached.replay.after !== entry.replay.after) this.rememberChange(index, { from: cached.replay.after, to: entry.replay.after, keys: deltaAfter });
  }

  private rememberChange(index: number, change: AfterChange): void {
    const changes = this.afterChanges[index];
    // A change from a snapshot that is not the last one remembered starts a new chain.
    const chain = changes && changes[changes.length - 1].to === change.from ? changes : [];
    chain.push(change);
    if (chain.length > REMEMBERED_CHANGES) chain.shift();
    this.afterChanges[index] = chain;
  }

  /**
   * The keys in which `current`, the snapshot before migration `index`, may differ from
   * `previous`, the one its cached result was built on: the changes remembered between them.
   */
  private deltaSince(index: number, previous: Schema, current: Schema): KeyDelta {
    if (previous === current) return NO_KEYS;
    const changes = index === 0 ? undefined : this.afterChanges[index - 1];
    if (!changes) return 'everything';
    // One change since (the usual case, an edit): its own set, so that an edit's keys travel down
    // the history as one object and the later migrations share one patch (patched.ts).
    let keys: ReadonlySet<string> = NO_KEYS;
    let at = current;
    for (let i = changes.length - 1; i >= 0; i--) {
      const { from, to, keys: changed } = changes[i];
      if (to !== at || changed === 'everything') return 'everything';
      keys = union(keys, changed);
      at = from;
      if (at === previous) return keys;
    }
    return 'everything';
  }
}

/** `a` and `b` together; one of them itself when it holds the other. */
function union(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  if (a === b || b.size === 0) return a;
  if (a.size === 0) return b;
  const both = new Set(a);
  for (const key of b) both.add(key);
  return both.size === a.size ? a : both;
}

/** The keys a migration result's parts wrote (kept per footprint: rebased results share theirs). */
const writtenByFootprint = new WeakMap<PartFootprint, readonly string[]>();

function keysWritten(entry: CacheEntry): string[] {
  return [entry.up, entry.down].flatMap((footprint) => {
    if (!footprint) return [];
    let keys = writtenByFootprint.get(footprint);
    if (!keys) writtenByFootprint.set(footprint, (keys = [...new Set(footprint.writes.flatMap((writes) => writes.map((write) => write.key)))]));
    return keys;
  });
}

function addWriter(index: Map<string, Set<number>>, keys: readonly string[], position: number): void {
  for (const key of keys) {
    const writers = index.get(key);
    if (writers) writers.add(position);
    else index.set(key, new Set([position]));
  }
}

interface Lineage {
  from: MigrationReplay;
  keys: KeyDelta;
}

const EMPTY_FOOTPRINT: PartFootprint = { reads: new Set(), readsWhole: false, writes: [] };

const isDefined = <T>(value: T | undefined): value is T => value !== undefined;

/** The cached result on a new snapshot its up part did not read any change of. */
function rebaseMigration(cached: CacheEntry, migration: Migration, before: Schema, delta: ReadonlySet<string>): CacheEntry {
  const old = cached.replay;
  const upReplay = old.up && cached.up ? rebasePart(old.up, before, delta) : undefined;
  const after = upReplay?.after ?? before;
  const replay: MigrationReplay = { ...old, migration, before, after };
  if (upReplay) replay.up = upReplay;
  const entry: CacheEntry = { ...cached, replay };
  if (old.downResult && cached.down && migration.down) {
    // The down part runs on the snapshot after the up part, which differs from the old one in `delta` too.
    if (unaffectedBy(cached.down, delta)) replay.downResult = rebasePart(old.downResult, after, delta);
    else {
      const { part, footprint } = replayPartWithFootprint(migration, migration.down, old.downResult.steps.map((step) => step.statement), after);
      replay.downResult = part;
      entry.down = footprint;
    }
  }
  return entry;
}

function replayMigration(key: string, migration: Migration, index: number, before: Schema, up: PartInput | undefined, down: PartInput | undefined, observe: boolean): CacheEntry {
  const upResult = migration.up && up ? replayPartWithFootprint(migration, migration.up, up.statements, before, observe) : undefined;
  const after = upResult?.part.after ?? before;
  const replay: MigrationReplay = { migration, index, before, after, events: upResult?.part.events ?? [] };
  const entry: CacheEntry = { key, inputs: { migration, up, down }, replay };
  if (upResult) {
    replay.up = upResult.part;
    entry.up = upResult.footprint;
  }
  if (migration.down && down) {
    const downResult = replayPartWithFootprint(migration, migration.down, down.statements, after, observe);
    replay.downResult = downResult.part;
    entry.down = downResult.footprint;
  }
  return entry;
}

const NO_EVENTS: readonly ReplayEvent[] = [];

/** Applies one part's statements in order to `before`. */
export function replayPart(migration: Migration, part: MigrationPart, statements: readonly Statement[], before: Schema): PartReplay {
  return replayStatements(migration, part, statements, before).part;
}

function replayPartWithFootprint(migration: Migration, part: MigrationPart, statements: readonly Statement[], before: Schema, observe = true): { part: PartReplay; footprint: PartFootprint } {
  return withFootprint(() => replayStatements(migration, part, statements, before), observe);
}

function replayStatements(migration: Migration, part: MigrationPart, statements: readonly Statement[], before: Schema): { part: PartReplay; writes: SchemaWrite[][] } {
  const origin: Origin = { version: migration.version, migration: migration.name, file: part.file, direction: part.direction, range: part.range };
  const editor = new SchemaEditor(before, origin);
  const steps: StatementStep[] = [];
  const writes: SchemaWrite[][] = [];
  for (const statement of statements) {
    const schemaBefore = editor.schema;
    const eventCount = editor.events.length;
    const writeCount = editor.writes.length;
    // A skimmed row repeats its template row's change on the same schema: nothing new to replay.
    if (statement.change && !statement.skimmed) {
      editor.origin = { ...origin, range: statement.range };
      applyChange(editor, statement.change);
    }
    steps.push({ statement, before: schemaBefore, events: editor.events.length === eventCount ? NO_EVENTS : editor.events.slice(eventCount) });
    writes.push(editor.writes.slice(writeCount));
  }
  return { part: { part, before, after: editor.schema, steps, events: editor.events }, writes };
}
