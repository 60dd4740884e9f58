// Go to definition and find references, read from an analysis: every name of every statement of
// a set (up and down parts) with the object it denotes at that point of the history. An object
// keeps its identity through renames, so references follow it across files; a table dropped and
// created again is another object.

import type { Analysis } from '../analyze.js';
import type { SourceRange } from '../model/source.js';
import type { PartReplay } from '../schema/replay.js';
import { statementUses, type NameUse } from './uses.js';

export type { NameUse } from './uses.js';

export interface PlacedUse {
  file: string;
  use: NameUse;
}

/** The set's parts in the order it runs them, each with its text in lower case for a quick "does it name this?". */
interface SetParts {
  parts: PartReplay[];
  texts: string[];
}

/** Built on first request, kept while its analysis is the latest (an edit makes a new one). */
const partsOfSets = new WeakMap<Analysis, SetParts[]>();
/** A part's statements' text in lower case; kept with the part, so an edit lowers only the parts it replayed. */
const lowerTexts = new WeakMap<PartReplay, string>();

function setParts(analysis: Analysis, setNumber: number): SetParts {
  let perSet = partsOfSets.get(analysis);
  if (!perSet) partsOfSets.set(analysis, (perSet = []));
  const existing = perSet[setNumber];
  if (existing) return existing;
  const parts: PartReplay[] = [];
  const replay = analysis.replays[setNumber];
  analysis.sets[setNumber].migrations.forEach((_, index) => {
    const migration = replay.migration(index);
    for (const part of [migration.up, migration.downResult]) if (part) parts.push(part);
  });
  const texts = parts.map((part) => {
    let text = lowerTexts.get(part);
    if (text === undefined) lowerTexts.set(part, (text = part.steps.map((step) => step.statement.text).join('\n').toLowerCase()));
    return text;
  });
  return (perSet[setNumber] = { parts, texts });
}

/**
 * Every use of the object `identity` in set number `set`, in the order the set runs. Only the
 * parts whose text holds one of the object's names are read (an edit replays the parts after
 * it, and reading the uses of all of them again cost ~100 ms at 2,000 migrations); a rename
 * found on the way adds the new name and the parts are searched again.
 */
function usesOfObject(analysis: Analysis, setNumber: number, identity: string, name: string): PlacedUse[] {
  const { parts, texts } = setParts(analysis, setNumber);
  const names = new Set([name.toLowerCase()]);
  const found = new Map<number, PlacedUse[]>();
  for (let searched = 0; searched < names.size; ) {
    const searching = [...names].slice(searched);
    searched = names.size;
    parts.forEach((part, position) => {
      if (found.has(position) || !searching.some((wanted) => texts[position].includes(wanted))) return;
      const uses = partUses(part).filter(({ use }) => use.resolved?.identity === identity);
      found.set(position, uses);
      for (const { use } of uses) names.add(use.name.toLowerCase());
    });
  }
  return [...found.entries()].sort(([a], [b]) => a - b).flatMap(([, uses]) => uses);
}

/** Kept with each part's replay: an edit replays the parts it touched, and only those are read again. */
const usesOfPart = new WeakMap<PartReplay, PlacedUse[]>();

export function partUses(part: PartReplay): PlacedUse[] {
  let uses = usesOfPart.get(part);
  if (!uses) {
    uses = part.steps.flatMap((step, i) => {
      const after = part.steps[i + 1]?.before ?? part.after;
      return statementUses(step.statement, step.before, after).map((use) => ({ file: part.part.file, use }));
    });
    usesOfPart.set(part, uses);
  }
  return uses;
}

/** The parts of the analysis in `path`, with the index of their set. */
export function partsIn(analysis: Analysis, path: string): { set: number; part: PartReplay }[] {
  const parts: { set: number; part: PartReplay }[] = [];
  analysis.sets.forEach((set, setNumber) => {
    set.migrations.forEach((migration, index) => {
      if (migration.up?.file !== path && migration.down?.file !== path) return;
      const replay = analysis.replays[setNumber].migration(index);
      for (const part of [replay.up, replay.downResult]) if (part?.part.file === path) parts.push({ set: setNumber, part });
    });
  });
  return parts;
}

/** The name at `offset` of `path` and the set it belongs to: only that file's parts are read. */
export function useAt(analysis: Analysis, path: string, offset: number): { set: number; placed: PlacedUse } | undefined {
  for (const { set, part } of partsIn(analysis, path)) {
    const placed = partUses(part).find(({ use }) => use.range.start <= offset && offset <= use.range.end);
    if (placed) return { set, placed };
  }
  return undefined;
}

export interface Place {
  file: string;
  range: SourceRange;
}

/**
 * Where the object named at `offset` was defined: its name in the statement that created it, or
 * nothing for an object that existed before the history (a baseline, an assumed table). Reads
 * the two files involved, not the whole set.
 */
export function definitionAt(analysis: Analysis, path: string, offset: number): Place | undefined {
  const resolved = useAt(analysis, path, offset)?.placed.use.resolved;
  const created = resolved?.object.created;
  if (!resolved || !created) return undefined;
  for (const { part } of partsIn(analysis, created.file)) {
    const creation = partUses(part).find(({ use }) => use.role === 'create' && use.resolved?.identity === resolved.identity);
    if (creation) return { file: creation.file, range: creation.use.range };
  }
  return { file: created.file, range: created.range };
}

/** Every place the set names the object at `offset`, across its files, down parts included. */
export function referencesAt(analysis: Analysis, path: string, offset: number, includeDeclaration: boolean): Place[] {
  const found = useAt(analysis, path, offset);
  const identity = found?.placed.use.resolved?.identity;
  if (!found || identity === undefined) return [];
  return referencesOf(analysis, found.set, found.placed.use, includeDeclaration);
}

/** Every use, in set number `set`, of the object `use` resolved to (none when it resolved to nothing). */
export function objectUses(analysis: Analysis, set: number, use: NameUse): PlacedUse[] {
  const identity = use.resolved?.identity;
  return identity === undefined ? [] : usesOfObject(analysis, set, identity, use.name);
}

export const placeOf = ({ file, use }: PlacedUse): Place => ({ file, range: use.range });

/** Every place set number `set` names the object `use` resolved to. */
export function referencesOf(analysis: Analysis, set: number, use: NameUse, includeDeclaration = true): Place[] {
  return objectUses(analysis, set, use)
    .filter((placed) => includeDeclaration || placed.use.role !== 'create')
    .map(placeOf);
}

/** Tables a part creates, with how many other migrations of the set name each: the lens above a CREATE TABLE. */
export function createdTablesIn(analysis: Analysis, path: string): { name: string; range: SourceRange; usedBy: number }[] {
  const tables: { name: string; range: SourceRange; usedBy: number }[] = [];
  for (const { set, part } of partsIn(analysis, path)) {
    for (const { use } of partUses(part)) {
      if (use.kind !== 'table' || use.role !== 'create' || use.resolved === undefined) continue;
      const users = usesOfObject(analysis, set, use.resolved.identity, use.name).filter((placed) => migrationOf(placed.file) !== migrationOf(path));
      tables.push({ name: use.name, range: use.range, usedBy: new Set(users.map((placed) => migrationOf(placed.file))).size });
    }
  }
  return tables;
}

/** up and down files of one migration count as one: `000002_orders.up.sql` → `000002_orders`. */
const migrationOf = (file: string): string => file.replace(/\.(up|down)\.sql$/i, '');

export interface WorkspaceSymbol {
  name: string;
  kind: 'table' | 'view' | 'type' | 'function' | 'sequence' | 'index';
  /** The set's folder, for the editor's "container" column. */
  set: string;
  place: Place;
}

/**
 * The tables, views, types, functions, sequences and indexes that exist after each set's last
 * migration and whose name holds `query`, where each was created: the best `limit` matches (the
 * name itself, then names that start with it, then shorter ones), as rust-analyzer caps its own.
 */
export function workspaceSymbols(analysis: Analysis, query: string, limit = 256): WorkspaceSymbol[] {
  const wanted = query.toLowerCase();
  const symbols: WorkspaceSymbol[] = [];
  analysis.sets.forEach((set, index) => {
    const schema = analysis.replays[index].final();
    const add = (kind: WorkspaceSymbol['kind'], name: string, created: { file: string; range: SourceRange } | undefined) => {
      if (created && name.toLowerCase().includes(wanted)) symbols.push({ name, kind, set: set.root, place: { file: created.file, range: created.range } });
    };
    for (const table of schema.tables.values()) {
      add('table', table.name, table.created);
      for (const tableIndex of table.indexes) if (tableIndex.name) add('index', tableIndex.name, tableIndex.created);
    }
    for (const view of schema.views.values()) add('view', view.name, view.created);
    for (const type of schema.enums.values()) add('type', type.name, type.created);
    for (const fn of schema.functions.values()) add('function', fn.name, fn.created);
    for (const sequence of schema.sequences.values()) add('sequence', sequence.name, sequence.created);
  });
  const rank = (name: string) => {
    const lower = name.toLowerCase();
    return lower === wanted ? 0 : lower.startsWith(wanted) ? 1 : 2;
  };
  return symbols.sort((a, b) => rank(a.name) - rank(b.name) || a.name.length - b.name.length || a.name.localeCompare(b.name)).slice(0, limit);
}

/** Every name in `path` with what it denotes there: the editor colours known and unknown objects apart. */
export function namesIn(analysis: Analysis, path: string): NameUse[] {
  return partsIn(analysis, path).flatMap(({ part }) => partUses(part).map(({ use }) => use));
}
