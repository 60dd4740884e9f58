// A migration file's outline: its up and down parts, each with its statements named by what they
// do and to which object ("CREATE TABLE users", "ADD COLUMN users.email"). The editor's outline,
// breadcrumbs and folding read it.

import type { Analysis } from '../analyze.js';
import type { Change } from '../model/changes.js';
import type { SourceRange } from '../model/source.js';
import { statementUses } from './uses.js';

export type OutlineKind = 'part' | 'table' | 'view' | 'index' | 'type' | 'function' | 'trigger' | 'sequence' | 'data' | 'other';

export interface OutlineEntry {
  name: string;
  kind: OutlineKind;
  range: SourceRange;
  /** The object's name in the statement, or the statement's start. */
  selection: SourceRange;
  children: OutlineEntry[];
}

const VERBS: Partial<Record<Change['kind'], [string, OutlineKind]>> = {
  'create-table': ['CREATE TABLE', 'table'],
  'alter-table': ['ALTER TABLE', 'table'],
  'rename-table': ['RENAME TABLE', 'table'],
  'create-index': ['CREATE INDEX', 'index'],
  'create-view': ['CREATE VIEW', 'view'],
  'create-type': ['CREATE TYPE', 'type'],
  'alter-type': ['ALTER TYPE', 'type'],
  'create-function': ['CREATE FUNCTION', 'function'],
  'create-trigger': ['CREATE TRIGGER', 'trigger'],
  'create-sequence': ['CREATE SEQUENCE', 'sequence'],
  'alter-sequence': ['ALTER SEQUENCE', 'sequence'],
};

/** The parts of `path` in file order, each with its statements. */
export function fileOutline(analysis: Analysis, path: string): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  analysis.sets.forEach((set, setIndex) => {
    set.migrations.forEach((migration, index) => {
      const replay = analysis.replays[setIndex].migration(index);
      for (const part of [replay.up, replay.downResult]) {
        if (!part || part.part.file !== path) continue;
        const children = part.steps.map((step, i): OutlineEntry => {
          const after = part.steps[i + 1]?.before ?? part.after;
          const [first] = statementUses(step.statement, step.before, after);
          const { name, kind } = describe(step.statement.change, first?.name, step.statement.text);
          const selection = first?.range ?? { start: step.statement.range.start, end: step.statement.range.start };
          return { name, kind, range: step.statement.range, selection, children: [] };
        });
        const label = `${part.part.direction} · ${migration.version}${migration.name ? ` ${migration.name}` : ''}`;
        entries.push({ name: label, kind: 'part', range: part.part.range, selection: { start: part.part.range.start, end: part.part.range.start }, children });
      }
    });
  });
  return entries.sort((a, b) => a.range.start - b.range.start);
}

function describe(change: Change | undefined, object: string | undefined, text: string): { name: string; kind: OutlineKind } {
  const verb = change && VERBS[change.kind];
  if (verb) return { name: object ? `${verb[0]} ${object}` : verb[0], kind: verb[1] };
  if (change?.kind === 'drop') return { name: `DROP ${change.objectKind.toUpperCase()}${object ? ` ${object}` : ''}`, kind: 'other' };
  if (change?.kind === 'data') return { name: `${change.operation.toUpperCase()}${object ? ` ${object}` : ''}`, kind: 'data' };
  // Anything else by its first words, as written.
  return { name: text.trim().split(/\s+/).slice(0, 3).join(' ').slice(0, 60), kind: 'other' };
}

/** Ranges the editor can fold: each part up to its last statement, and each statement. */
export function foldingRanges(analysis: Analysis, path: string): SourceRange[] {
  return fileOutline(analysis, path).flatMap((part) => {
    const last = part.children[part.children.length - 1];
    return [{ start: part.range.start, end: last?.range.end ?? part.range.end }, ...part.children.map((statement) => statement.range)];
  });
}

/** From the innermost out: the name at `offset`, its statement, its part. */
export function enclosingRanges(analysis: Analysis, path: string, offset: number, nameAt?: SourceRange): SourceRange[] {
  const part = fileOutline(analysis, path).find((entry) => entry.range.start <= offset && offset <= entry.range.end);
  if (!part) return [];
  const statement = part.children.find((entry) => entry.range.start <= offset && offset <= entry.range.end);
  return [...(nameAt ? [nameAt] : []), ...(statement ? [statement.range] : []), part.range];
}
