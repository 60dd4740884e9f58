// Rename of an object inside the migration being written. Only an object the set's newest
// migration creates may be renamed: one an earlier migration created may already be applied to
// a database, where editing its history would leave the database and the files apart (that takes
// a new migration with ALTER … RENAME). Every edit comes from the replayed uses; a rename is
// refused, with the place, when the migration names the object somewhere the replay does not
// follow (a function body, a view's query, a statement that did not parse), because an edit there
// could not be checked.

import type { Analysis } from '../analyze.js';
import type { Statement } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';
import { SqlLexer, TokenKind } from '../parse/lexer.js';
import type { Schema, Table } from '../schema/model.js';
import { isPostgres } from '../schema/names.js';
import { quoteIdentifier } from '../schema/print.js';
import { identifierValue, sameName } from './identifiers.js';
import { objectUses, partsIn, partUses, placeOf, useAt, type Place } from './navigate.js';
import { findIndexObject, findNamed, findRelation, findTableColumn } from './resolve.js';
import type { NameUse } from './uses.js';
import { mentionsWord } from '../model/text.js';

export interface RenameEdit extends Place {
  text: string;
}

/** Why a rename cannot be done; `at` is the mention that stopped it, when one did. */
export interface Refusal {
  refused: string;
  at?: Place;
}

export type Renamable = { range: SourceRange; name: string } | Refusal;
export type RenamePlan = { edits: RenameEdit[] } | Refusal;

const RENAMABLE_KINDS = new Set<NameUse['kind']>(['table', 'view', 'column', 'index', 'constraint', 'type', 'sequence', 'function', 'trigger']);

/** PostgreSQL cuts names at 63 bytes (NAMEDATALEN - 1); MySQL and MariaDB refuse names over 64 characters. */
const longestName = (dialect: Dialect): number => (isPostgres(dialect) ? 63 : 64);

interface Target {
  use: NameUse;
  places: Place[];
  dialect: Dialect;
  /** The schema after the newest migration's up part: where a new name must not be taken. */
  after: Schema;
}

function target(analysis: Analysis, path: string, offset: number): Target | Refusal {
  const found = useAt(analysis, path, offset);
  if (!found) return { refused: 'Put the cursor on the name of a table, column, index, view, type, sequence or function to rename it.' };
  const { use } = found.placed;
  if (!RENAMABLE_KINDS.has(use.kind)) return { refused: `A ${use.kind} is not renamed from here.` };
  const created = use.resolved?.object.created;
  if (!use.resolved || !created) return { refused: `\`${use.name}\` is not created by any migration of this set, so there is nothing here to rename.` };
  const set = analysis.sets[found.set];
  const newest = set.migrations.length - 1;
  const newestMigration = set.migrations[newest];
  const newestFiles = new Set([newestMigration.up?.file, newestMigration.down?.file]);
  if (!newestFiles.has(created.file)) {
    const creator = set.migrations.find((migration) => migration.up?.file === created.file || migration.down?.file === created.file);
    return {
      refused:
        `\`${use.name}\` was created by ${creator ? `${creator.version}_${creator.name}` : 'an earlier migration'}, which a database may already have applied: ` +
        `renaming it there would leave the database and the files apart. Add a migration that renames it (ALTER … RENAME) instead.`,
    };
  }
  const uses = objectUses(analysis, found.set, use);
  if (uses.some((placed) => !newestFiles.has(placed.file))) return { refused: `\`${use.name}\` is named outside the newest migration; rename it with a new migration instead.` };
  const renamedOnTheWay = uses.find(({ use: other }) => !sameName(set.dialect, other.name, use.name));
  if (renamedOnTheWay) return { refused: `\`${use.name}\` is renamed in this migration already (to or from \`${renamedOnTheWay.use.name}\`); rename it where it is created and where it is renamed by hand.` };
  const places = uses.map(placeOf);
  const untracked = untrackedMention(analysis, use, places, newestFiles, set.dialect);
  if (untracked) return { refused: `\`${use.name}\` is also named where Migration Lens cannot tell what the name stands for (a function body, a query, a statement that did not parse); rename it by hand.`, at: untracked };
  return { use, places, dialect: set.dialect, after: analysis.replays[found.set].migration(newest).after };
}

/** Whether the name at `offset` can be renamed, and the range of the name to rename. */
export function renamableAt(analysis: Analysis, path: string, offset: number): Renamable {
  const found = target(analysis, path, offset);
  if ('refused' in found) return found;
  return { range: found.use.range, name: found.use.name };
}

/** The edits that rename the object at `offset` to `newName` (as the database should store it). */
export function renameAt(analysis: Analysis, path: string, offset: number, newName: string): RenamePlan {
  const found = target(analysis, path, offset);
  if ('refused' in found) return found;
  const name = newName.trim();
  if (name === '') return { refused: 'A new name is needed.' };
  if (name.length > longestName(found.dialect)) return { refused: `\`${name}\` is longer than the ${longestName(found.dialect)} characters ${isPostgres(found.dialect) ? 'PostgreSQL keeps of a name' : 'MySQL and MariaDB allow in a name'}.` };
  if (sameName(found.dialect, name, found.use.name)) return { edits: [] };
  if (taken(found, name)) return { refused: `A ${found.use.kind} named \`${name}\` already exists at this point of the history.` };
  const text = quoteIdentifier(found.dialect, name);
  return { edits: found.places.map((place) => ({ ...place, text })) };
}

function taken({ use, after }: Target, name: string): boolean {
  const object = use.resolved?.object as Partial<Table> | undefined;
  const qualified = { name, ...(object?.schema !== undefined && { schema: object.schema }) };
  switch (use.kind) {
    case 'table':
    case 'view':
      return findRelation(after, qualified) !== undefined;
    case 'column':
      return use.table !== undefined && findTableColumn(after, use.table, name) !== undefined;
    case 'index':
    case 'constraint':
      return findIndexObject(after, qualified, use.table) !== undefined;
    case 'type':
      return findNamed(after, 'enums', qualified) !== undefined;
    case 'sequence':
      return findNamed(after, 'sequences', qualified) !== undefined;
    case 'function':
      return findNamed(after, 'functions', qualified) !== undefined;
    default:
      return false;
  }
}

/** Where the newest migration names the object without a replayed use: an identifier no use covers, or the name inside a function body. */
function untrackedMention(analysis: Analysis, use: NameUse, places: Place[], files: Set<string | undefined>, dialect: Dialect): Place | undefined {
  const covered = new Set(places.map((place) => `${place.file}:${place.range.start}`));
  for (const file of files) {
    if (file === undefined) continue;
    for (const { part } of partsIn(analysis, file)) {
      // Other objects' uses are accounted for: a column `name` of another table is not this one.
      for (const { use: other } of partUses(part)) if (other.resolved && other.resolved.identity !== use.resolved?.identity) covered.add(`${file}:${other.range.start}`);
      for (const step of part.steps) {
        const mention = mentionIn(step.statement, use.name, dialect, (start) => covered.has(`${file}:${start}`));
        if (mention) return { file, range: mention };
      }
    }
  }
  return undefined;
}

function mentionIn(statement: Statement, name: string, dialect: Dialect, isCovered: (start: number) => boolean): SourceRange | undefined {
  const base = statement.range.start;
  const lexer = new SqlLexer(statement.text, 0, statement.text.length, dialect);
  while (lexer.nextContent()) {
    const range = { start: base + lexer.tokenStart, end: base + lexer.pos };
    const token = lexer.tokenText();
    if (lexer.kind === TokenKind.Word || lexer.kind === TokenKind.QuotedIdentifier) {
      if (sameName(dialect, identifierValue(token, lexer.kind === TokenKind.QuotedIdentifier, dialect), name) && !isCovered(range.start)) return range;
    } else if ((lexer.kind === TokenKind.DollarString || lexer.kind === TokenKind.ExecutableComment) && mentionsWord(token, name)) return range;
  }
  return undefined;
}
