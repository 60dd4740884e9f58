// The facts every dependency rule shares: each reference to an object that does not exist where it
// is used, and what became of that object (never created, created later, dropped or renamed
// earlier) — or that it is assumed to exist because history began on an existing database (see
// ASSUMED_WITHIN and the docs of partial-migration-history).
//
// What a migration's own statements miss is a fact of that migration (MISSING_IN_MIGRATION),
// kept with its rule results; only "is it created by a later migration?" looks forward, and that
// is answered from the keys later migrations wrote, not by searching their snapshots.

import type { Constraint, IndexDef, Statement } from '../../model/changes.js';
import type { Migration, MigrationPart } from '../../model/migration-set.js';
import type { SourceRange } from '../../model/source.js';
import type { HistoryEntry, Origin, Schema, SchemaObjectKind } from '../../schema/model.js';
import { columnKey, objectKey } from '../../schema/names.js';
import type { MigrationFact, SetContext } from '../rule.js';
import { findObject } from './objects.js';
import { escapeRegExp } from '../../model/text.js';

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

/** Where a reference sits: the statement, its part and its migration's position in the set. */
export interface UseSite {
  migration: Migration;
  index: number;
  part: MigrationPart;
  statement: Statement;
}

export interface MissingReference {
  objectKind: SchemaObjectKind;
  /** Display name: `films`, `films.title`. */
  name: string;
  /** Key in the snapshot maps. */
  key: string;
  range: SourceRange;
  at: UseSite;
  fate: Fate;
}

export interface DependencyFacts {
  /** References that fail where they are, in the order the set runs them. */
  missing: MissingReference[];
  /** References to objects assumed to exist before the first migration (partial history). */
  assumed: MissingReference[];
}

/** Members of a table: known in full once the set created the table, so never assumed. */
export const TABLE_MEMBERS: ReadonlySet<SchemaObjectKind> = new Set(['column', 'check', 'primary-key', 'unique', 'foreign-key']);

/** A reference missing where it is used, with its last drop or rename before the use if it had one. */
interface Miss extends Omit<MissingReference, 'fate'> {
  gone?: HistoryEntry;
}

/** The references a migration's up and down statements make to objects missing where they are used. */
const MISSING_IN_MIGRATION: MigrationFact<readonly Miss[]> = {
  id: 'missing-references',
  compute(ctx) {
    const replay = ctx.replay();
    const misses: Miss[] = [];
    for (const partReplay of [replay.up, replay.downResult]) {
      if (!partReplay) continue;
      partReplay.steps.forEach((step, i) => {
        const at: UseSite = { migration: ctx.migration, index: ctx.index, part: partReplay.part, statement: step.statement };
        const after = partReplay.steps[i + 1]?.before ?? partReplay.after;
        const found = [...step.events.filter((event) => event.kind === 'missing'), ...missingOwnColumns(step.statement, after)];
        for (const { objectKind, name, key, range } of found) {
          const history = step.before.history.get(`${objectKind}:${key}`);
          const miss: Miss = { objectKind, name, key, range, at };
          if (history?.length) miss.gone = history[history.length - 1];
          misses.push(miss);
        }
      });
    }
    return misses;
  },
};

/** One per set and analysis: the set context is made anew for each. */
const factsOfRun = new WeakMap<SetContext, DependencyFacts>();

/** Every missing reference of the set, with its fate, split into failing and assumed ones. */
export function dependencyFacts(ctx: SetContext): DependencyFacts {
  let facts = factsOfRun.get(ctx);
  if (!facts) factsOfRun.set(ctx, (facts = computeFacts(ctx)));
  return facts;
}

function computeFacts(ctx: SetContext): DependencyFacts {
  const replay = ctx.replay();
  const misses = ctx.set.migrations.flatMap((_, index) => ctx.migrationFact(MISSING_IN_MIGRATION, index));
  const laterCreation = createdLater(ctx);
  const references = misses.map(({ gone, ...miss }): MissingReference => {
    if (gone) return { ...miss, fate: { kind: 'gone', entry: gone } };
    // An up part may create the object further down; a down part runs after its own up, so only
    // later migrations can still create it.
    const from = miss.at.part.direction === 'up' ? miss.at.index : miss.at.index + 1;
    const origin = laterCreation(miss.objectKind, miss.key, from);
    return { ...miss, fate: origin ? { kind: 'created-later', origin } : { kind: 'never-created' } };
  });
  const assumedKeys = assumedObjects(ctx, replay.baseline !== undefined, references);
  const isAssumed = (reference: MissingReference) => assumedKeys.has(identity(reference));
  return { missing: references.filter((r) => !isAssumed(r)), assumed: references.filter(isAssumed) };
}

const identity = (reference: { objectKind: SchemaObjectKind; key: string }) => `${reference.objectKind}:${reference.key}`;

/**
 * Objects taken to exist before the first migration: never created anywhere in the set, never
 * dropped or renamed before the use, and first used in the first ASSUMED_WITHIN migrations of
 * a history that starts on an existing database (startsOnExistingDatabase). A lone file assumes
 * every such object (as squawk does); with a baseline, the baseline says what existed and
 * nothing is assumed.
 */
function assumedObjects(ctx: SetContext, baseline: boolean, references: readonly MissingReference[]): Set<string> {
  const assumed = new Set<string>();
  // Prisma writes every migration as a diff, the first from the empty database (a baselined
  // project's 0_init too): its history never starts on tables it does not create.
  if (baseline || ctx.set.framework === 'prisma') return assumed;
  if (!ctx.set.standalone && !startsOnExistingDatabase(ctx, references)) return assumed;
  const meantToCreate = objectsTheHistoryMeansToCreate(ctx, references);
  const decided = new Set<string>();
  for (const reference of references) {
    const id = identity(reference);
    if (decided.has(id)) continue;
    decided.add(id);
    const early = ctx.set.standalone || reference.at.index < ASSUMED_WITHIN;
    if (early && reference.fate.kind === 'never-created' && !TABLE_MEMBERS.has(reference.objectKind) && !meantToCreate.has(id)) assumed.add(id);
  }
  return assumed;
}

/**
 * Whether the history shows it starts on a database that already had tables: the project says
 * so (`assumeExistingSchema`), or its first migration creates no table and uses one that no
 * migration creates. A first migration that builds tables and misses one has lost a CREATE
 * TABLE (or a file), which the server will reject: that is an error, not an assumption.
 */
export function startsOnExistingDatabase(ctx: SetContext, references: readonly MissingReference[]): boolean {
  if (ctx.settings.assumeExistingSchema) return true;
  if (ctx.set.migrations.length === 0 || !references.some((reference) => reference.at.index === 0 && reference.fate.kind === 'never-created')) return false;
  const first = ctx.replay().migration(0);
  return first.after.tables.size <= first.before.tables.size;
}

/**
 * Objects the history itself says it creates, though no migration does: a down part drops it (it
 * undoes an up that was meant to create it), or a migration is named after creating it
 * (`000001_create_users`). Those are never assumed to have existed before the history.
 */
function objectsTheHistoryMeansToCreate(ctx: SetContext, references: readonly MissingReference[]): Set<string> {
  const meant = new Set<string>();
  const names = ctx.set.migrations.map((migration) => migration.name.toLowerCase());
  for (const reference of references) {
    if (reference.fate.kind !== 'never-created') continue;
    const change = reference.at.statement.change;
    const droppedByDown = reference.at.part.direction === 'down' && change?.kind === 'drop';
    const table = reference.name.slice(reference.name.lastIndexOf('.') + 1).toLowerCase().replace(/[`"]/g, '');
    const named = reference.objectKind === 'table' && names.some((name) => new RegExp(`(^|[^a-z0-9])create[_-]+(table[_-]+)?${escapeRegExp(table)}($|[^a-z0-9])`).test(name));
    if (droppedByDown || named) meant.add(identity(reference));
  }
  return meant;
}

/**
 * Where an object is first created at or after a position of the set, if it is. A migration can
 * only create what it writes, and every object lives in the map entry of its own key or of its
 * table's, so only the migrations that wrote one of those two keys are looked at.
 */
function createdLater(ctx: SetContext): (kind: SchemaObjectKind, key: string, from: number) => Origin | undefined {
  const replay = ctx.replay();
  const answers = new Map<string, Origin | undefined>();
  return (kind, key, from) => {
    const question = `${kind}:${key}:${from}`;
    if (answers.has(question)) return answers.get(question);
    const dot = key.lastIndexOf('.');
    const candidates = [...replay.writersOf(key), ...(dot < 0 ? [] : replay.writersOf(key.slice(0, dot)))].filter((index) => index >= from).sort((a, b) => a - b);
    let origin: Origin | undefined;
    for (const index of candidates) {
      origin = findObject(replay.migration(index).after, kind, key)?.created;
      if (origin) break;
    }
    answers.set(question, origin);
    return origin;
  };
}

type MissingColumn = { objectKind: SchemaObjectKind; name: string; key: string; range: SourceRange };

/**
 * Columns a statement's indexes and table constraints (primary key, unique, foreign key, exclude)
 * name on their own table that it does not have: replay records them without checking.
 */
function missingOwnColumns(statement: Statement, after: Schema): MissingColumn[] {
  const change = statement.change;
  const indexes: IndexDef[] =
    change?.kind === 'create-index'
      ? [change.index]
      : change?.kind === 'alter-table'
        ? change.actions.flatMap((action) => (action.kind === 'add-index' ? [action.index] : []))
        : change?.kind === 'create-table'
          ? change.indexes
          : [];
  const constraints: Constraint[] =
    change?.kind === 'create-table'
      ? change.constraints
      : change?.kind === 'alter-table'
        ? change.actions.flatMap((action) => (action.kind === 'add-constraint' ? [action.constraint] : []))
        : [];
  const table = change?.kind === 'create-table' || change?.kind === 'alter-table' ? change.table : undefined;
  const uses = [
    ...indexes.flatMap((index) => index.elements.flatMap((element) => (element.column === undefined ? [] : [{ table: index.table, column: element.column, range: element.range }]))),
    // Inline ones name the column they are declared on.
    ...constraints.flatMap((constraint) =>
      table && !constraint.inline && 'columns' in constraint ? constraint.columns.map((column) => ({ table, column, range: columnRange(statement, constraint.range, column) })) : [],
    ),
  ];
  const dialect = after.dialect;
  return uses.flatMap(({ table: name, column, range }) => {
    const tableKey = objectKey(dialect, name);
    // After the statement, so CREATE TABLE's own indexes and constraints see the table it creates.
    const found = after.tables.get(tableKey);
    if (!found || found.columnsUnknown) return [];
    const key = `${tableKey}.${columnKey(dialect, column)}`;
    if (findObject(after, 'column', key)) return [];
    return [{ objectKind: 'column' as const, name: `${found.name}.${column}`, key, range }];
  });
}

/** Where `column` is written inside a constraint (its column lists carry no ranges), else the constraint. */
function columnRange(statement: Statement, constraint: SourceRange, column: string): SourceRange {
  const text = statement.text.slice(constraint.start - statement.range.start, constraint.end - statement.range.start);
  const at = new RegExp(`(?<![\\w$])[\`"]?${escapeRegExp(column)}[\`"]?(?![\\w$])`, 'i').exec(text);
  return at ? { start: constraint.start + at.index, end: constraint.start + at.index + at[0].length } : constraint;
}

