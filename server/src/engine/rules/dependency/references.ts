// The facts every dependency rule shares, computed once per replayed set: each reference to an
// object that does not exist where it is used, and what became of that object (never created,
// created later, dropped or renamed earlier) — or that it is assumed to exist because history
// began on an existing database (see ASSUMED_WITHIN and the docs of partial-migration-history).

import type { IndexDef } from '../../model/changes.js';
import type { MigrationSet } from '../../model/migration-set.js';
import type { SourceRange } from '../../model/source.js';
import type { HistoryEntry, Origin, SchemaObjectKind } from '../../schema/model.js';
import { columnKey, objectKey } from '../../schema/names.js';
import type { MigrationReplay, SetReplay } from '../../schema/replay.js';
import { findObject } from './objects.js';
import { replayedStatements, type ReplayedStatement } from './steps.js';

/**
 * How many migrations at the start of a set may use objects no migration creates before the set
 * is taken to start on an existing database. A history that began on an empty database creates
 * what its first migrations use; one adopted on a live database alters it from the first file on.
 */
export const ASSUMED_WITHIN = 3;

export type Fate =
  | { kind: 'never-created' }
  | { kind: 'created-later'; origin: Origin }
  | { kind: 'gone'; entry: HistoryEntry };

export interface MissingReference {
  objectKind: SchemaObjectKind;
  /** Display name: `films`, `films.title`. */
  name: string;
  /** Key in the snapshot maps. */
  key: string;
  range: SourceRange;
  at: ReplayedStatement;
  fate: Fate;
}

export interface DependencyFacts {
  /** References that fail where they are, in the order the set runs them. */
  missing: MissingReference[];
  /** References to objects assumed to exist before the first migration (partial history). */
  assumed: MissingReference[];
}

/** Members of a table: known in full once the set created the table, so never assumed. */
const TABLE_MEMBERS: ReadonlySet<SchemaObjectKind> = new Set(['column', 'check', 'primary-key', 'unique', 'foreign-key']);

const cache = new WeakMap<MigrationSet, { replays: readonly MigrationReplay[]; facts: DependencyFacts }>();

export function dependencyFacts(set: MigrationSet, replay: SetReplay): DependencyFacts {
  const replays = replay.all();
  const cached = cache.get(set);
  if (cached && cached.replays.length === replays.length && cached.replays.every((r, i) => r === replays[i])) return cached.facts;
  const facts = computeFacts(set, replay, replays);
  cache.set(set, { replays, facts });
  return facts;
}

function computeFacts(set: MigrationSet, replay: SetReplay, replays: readonly MigrationReplay[]): DependencyFacts {
  const references: MissingReference[] = [];
  for (const at of replayedStatements(replay)) {
    const found = [...at.step.events.filter((event) => event.kind === 'missing'), ...missingIndexColumns(at)];
    for (const { objectKind, name, key, range } of found) {
      references.push({ objectKind, name, key, range, at, fate: fateOf(replays, at, objectKind, key) });
    }
  }
  const assumedKeys = assumedObjects(set, replay, references);
  const isAssumed = (reference: MissingReference) => assumedKeys.has(identity(reference));
  return { missing: references.filter((r) => !isAssumed(r)), assumed: references.filter(isAssumed) };
}

const identity = (reference: { objectKind: SchemaObjectKind; key: string }) => `${reference.objectKind}:${reference.key}`;

/**
 * Objects taken to exist before the first migration: never created anywhere in the set and
 * never dropped or renamed before the use. A lone file assumes every such object (as squawk
 * does); a set without a baseline assumes those first used in its first ASSUMED_WITHIN
 * migrations; with a baseline, the baseline says what existed and nothing is assumed.
 */
function assumedObjects(set: MigrationSet, replay: SetReplay, references: readonly MissingReference[]): Set<string> {
  const assumed = new Set<string>();
  if (replay.baseline) return assumed;
  const decided = new Set<string>();
  for (const reference of references) {
    const id = identity(reference);
    if (decided.has(id)) continue;
    decided.add(id);
    const early = set.standalone || reference.at.migration.index < ASSUMED_WITHIN;
    if (early && reference.fate.kind === 'never-created' && !TABLE_MEMBERS.has(reference.objectKind)) assumed.add(id);
  }
  return assumed;
}

function fateOf(replays: readonly MigrationReplay[], at: ReplayedStatement, kind: SchemaObjectKind, key: string): Fate {
  const history = at.before.history.get(`${kind}:${key}`);
  const last = history?.[history.length - 1];
  if (last) return { kind: 'gone', entry: last };
  // An up part may create the object further down; a down part runs after its own up, so only
  // later migrations can still create it.
  const from = at.part.direction === 'up' ? at.migration.index : at.migration.index + 1;
  for (const later of replays.slice(from)) {
    const created = findObject(later.after, kind, key)?.created;
    if (created) return { kind: 'created-later', origin: created };
  }
  return { kind: 'never-created' };
}

/** Index columns the table does not have: replay records the index without checking them. */
function missingIndexColumns(at: ReplayedStatement): { objectKind: SchemaObjectKind; name: string; key: string; range: SourceRange }[] {
  const change = at.statement.change;
  const indexes: IndexDef[] =
    change?.kind === 'create-index'
      ? [change.index]
      : change?.kind === 'alter-table'
        ? change.actions.flatMap((action) => (action.kind === 'add-index' ? [action.index] : []))
        : change?.kind === 'create-table'
          ? change.indexes
          : [];
  const dialect = at.before.dialect;
  return indexes.flatMap((index) => {
    const tableKey = objectKey(dialect, index.table);
    // After the statement, so CREATE TABLE's own indexes see the table it creates.
    const table = at.after.tables.get(tableKey);
    if (!table || table.columnsUnknown) return [];
    return index.elements.flatMap((element) => {
      if (element.column === undefined) return [];
      const key = `${tableKey}.${columnKey(dialect, element.column)}`;
      if (findObject(at.after, 'column', key)) return [];
      return [{ objectKind: 'column' as const, name: `${table.name}.${element.column}`, key, range: element.range }];
    });
  });
}
