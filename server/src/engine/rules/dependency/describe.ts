// Wording shared by the dependency rules: what a statement does with the object it names, and
// what became of an object that is not there.

import type { Change, Constraint } from '../../model/changes.js';
import { basename } from '../../host.js';
import type { SourceRange } from '../../model/source.js';
import type { HistoryEntry, SchemaObjectKind } from '../../schema/model.js';
import type { RelatedReport } from '../rule.js';
import type { Fate, MissingReference } from './references.js';

const KIND_WORDS: Partial<Record<SchemaObjectKind, string>> = {
  enum: 'type',
  check: 'constraint',
  unique: 'constraint',
  'foreign-key': 'constraint',
  'primary-key': 'primary key',
  'materialized-view': 'materialized view',
};

export const kindWord = (kind: SchemaObjectKind): string => KIND_WORDS[kind] ?? kind;

export const where = (place: { file: string }): string => basename(place.file);

/** "dropped" or "renamed to `full_name`" (a column's new name without its table). */
export const disappearance = (entry: HistoryEntry): string =>
  entry.action === 'renamed' ? `renamed to \`${entry.to!.slice(entry.to!.lastIndexOf('.') + 1)}\`` : 'dropped';

/** The foreign keys a statement adds, wherever it declares them. */
export function foreignKeysOf(change: Change | undefined): Extract<Constraint, { kind: 'foreign-key' }>[] {
  const constraints: Constraint[] =
    change?.kind === 'create-table'
      ? change.constraints
      : change?.kind === 'alter-table'
        ? change.actions.flatMap((action) =>
            action.kind === 'add-constraint' ? [action.constraint] : action.kind === 'add-column' || action.kind === 'redefine-column' ? action.constraints : [],
          )
        : [];
  return constraints.filter((constraint) => constraint.kind === 'foreign-key');
}

const overlaps = (a: SourceRange, b: SourceRange) => a.start < b.end && b.start < a.end;

/** "A foreign key of `wanted_movies`", "CREATE INDEX", "UPDATE": who uses the object at `range`. */
export function describeUse(change: Change | undefined, range: SourceRange): string {
  if (!change) return 'This statement';
  const foreignKey = foreignKeysOf(change).find((fk) => overlaps(fk.references.table.range, range) || overlaps(fk.range, range));
  if (foreignKey && (change.kind === 'create-table' || change.kind === 'alter-table')) return `A foreign key of \`${change.table.raw}\``;
  switch (change.kind) {
    case 'create-table':
      return `CREATE TABLE \`${change.table.raw}\``;
    case 'alter-table':
      return `ALTER TABLE \`${change.table.raw}\``;
    case 'create-index':
      return 'CREATE INDEX';
    case 'data':
      return change.operation.toUpperCase();
    case 'drop':
      return `DROP ${change.objectKind.toUpperCase().replace('-', ' ')}`;
    case 'create-view':
      return `View \`${change.name.raw}\``;
    case 'create-trigger':
      return `Trigger \`${change.name.raw}\``;
    case 'rename-table':
      return 'RENAME TABLE';
    default:
      return 'This statement';
  }
}

/** ", which was dropped in 010_x.up.sql" and where that happened. */
export function describeFate(fate: Fate, baseline: boolean): { text: string; related?: RelatedReport } {
  switch (fate.kind) {
    case 'never-created':
      return { text: baseline ? 'which neither the baseline schema nor any migration creates' : 'which no migration creates' };
    case 'created-later':
      return {
        text: `which is created in ${where(fate.origin)}, after this migration`,
        related: { file: fate.origin.file, range: fate.origin.range, message: 'created here, too late' },
      };
    case 'gone': {
      const { entry } = fate;
      const what = `was ${disappearance(entry)}`;
      return { text: `which ${what} in ${where(entry.origin)}`, related: { file: entry.origin.file, range: entry.origin.range, message: `${what} here` } };
    }
  }
}

/** The message and related location of one missing reference. */
/** `fateText`: what became of the object, when the caller knows better than the replay (e.g. `which … is taken to create`). */
export function missingReferenceReport(reference: MissingReference, baseline: boolean, fateText?: string): { message: string; related: RelatedReport[] } {
  const described = describeFate(reference.fate, baseline);
  const fate = fateText === undefined ? described : { ...described, text: fateText };
  const use = describeUse(reference.at.statement.change, reference.range);
  // A foreign key's own columns are used; only what follows REFERENCES is referenced.
  const referenced = foreignKeysOf(reference.at.statement.change).some((fk) => overlaps({ start: fk.references.table.range.start, end: fk.range.end }, reference.range));
  const verb = use.startsWith('A foreign key') && referenced ? 'references' : 'uses';
  return {
    message: `${use} ${verb} ${kindWord(reference.objectKind)} \`${reference.name}\`, ${fate.text}.`,
    related: fate.related ? [fate.related] : [],
  };
}
