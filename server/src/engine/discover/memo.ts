// What discovery keeps between runs, so that finding the sets again after an edit costs what the
// edit changed (the language server keeps one DiscoveryMemo; the CLI discovers once).
//
// Per folder it keeps the set it found and every file and folder listing it read to find it.
// - Nothing read changed: the folder's set is the very same object.
// - Only the text of some migration files changed, and not in a way that can change which
//   framework or dialect the folder is (the file's framework markers and dialect signals read as
//   before): those files' parts are collected again on their own and put in place; every other
//   migration keeps its object.
// - Anything else (a file added or removed, settings, a marker or dialect signal changed): the
//   folder is read again from scratch, and every migration that came out equal keeps its object.
// So "unchanged since" is an identity check for everything downstream (parse results, replays,
// rule results), and a keystroke does not re-read a folder of thousands of migrations.

import { basename, dirname, listingSignature, type FileHost } from '../host.js';
import { inSamePlaces, migrationsInFile } from '../model/file-positions.js';
import type { MigrationPart, MigrationSet } from '../model/migration-set.js';
import { signalsOf } from './dialect.js';
import { SQL_FILE, type Folder } from './folder.js';
import { setOfFolder, type FolderContext } from './folder-set.js';
import { LAYOUTS } from './frameworks/index.js';

interface FolderMemo {
  /** The settings the set was found with, and the folder's own listing. */
  inputs: string;
  files: string[];
  /** `files` without the .sql ones: what an edited file is checked beside (see aloneIn). */
  otherFiles: string[];
  folders: string[];
  /** Every file read while finding the set, with its text then. */
  reads: Map<string, string | undefined>;
  /** Every folder listed while finding the set (besides its own), with its entries then. */
  listings: Map<string, string>;
  /** The files read that are not migration files, compared every time. */
  otherReads: readonly string[];
  set: MigrationSet | undefined;
  /** Walked since the last sweep. */
  walked: boolean;
}

export class DiscoveryMemo {
  private readonly folders = new Map<string, FolderMemo>();

  /**
   * The set of `folder`. `changed`, when given, holds every migration (.sql) file whose text may
   * differ from the last discovery with this memo (the language server knows from its documents
   * and file events); the other migration files are then not compared. Other files and folder
   * listings are always compared: no editor event promises to cover them.
   */
  setOf(folder: Folder, context: FolderContext, changed?: ReadonlySet<string>): MigrationSet | undefined {
    const inputs = JSON.stringify([context.config, context.forcedDialect ?? '']);
    const kept = this.folders.get(folder.path);
    if (!kept || kept.inputs !== inputs || !sameNames(kept.files, folder.files) || !sameNames(kept.folders, folder.folders)) return this.find(folder, context, inputs, kept);
    const candidates = changed
      ? [...[...changed].filter((path) => kept.reads.has(path)), ...kept.otherReads, ...kept.listings.keys()]
      : [...kept.reads.keys(), ...kept.listings.keys()];
    const texts = new Map<string, string | undefined>();
    for (const path of candidates) {
      if (kept.listings.has(path)) {
        if (listingSignature(path, context.host.readDirectory(path)) !== kept.listings.get(path)) return this.find(folder, context, inputs, kept);
        continue;
      }
      const text = context.host.readFile(path);
      if (text !== kept.reads.get(path)) texts.set(path, text);
    }
    kept.walked = true;
    if (texts.size === 0 || !kept.set) return texts.size === 0 ? kept.set : this.find(folder, context, inputs, kept);
    const set = withPartsReadAgain(kept, texts, folder, context);
    if (!set) return this.find(folder, context, inputs, kept);
    for (const [path, text] of texts) kept.reads.set(path, text);
    kept.set = set;
    return set;
  }

  /**
   * The set of folder `root` again, on the listing it was last found with: for an edit of files
   * already in it (a file added or removed needs a whole discovery). Undefined when the folder
   * was not found through this memo.
   */
  setAgain(root: string, context: FolderContext, changed: ReadonlySet<string>): MigrationSet | undefined {
    const kept = this.folders.get(root);
    if (!kept?.set) return undefined;
    const folder: Folder = { path: root, files: kept.files, folders: kept.folders, host: context.host, config: context.config, read: context.read };
    return this.setOf(folder, context, changed);
  }

  /** Forgets the folders no discovery walked since the last sweep. */
  sweep(): void {
    for (const [path, memo] of this.folders) {
      if (memo.walked) memo.walked = false;
      else this.folders.delete(path);
    }
  }

  /** Finds the folder's set from scratch, recording what it reads. */
  private find(folder: Folder, context: FolderContext, inputs: string, kept: FolderMemo | undefined): MigrationSet | undefined {
    const reads = new Map<string, string | undefined>();
    const listings = new Map<string, string>();
    const recording: FileHost = {
      readFile: (path) => {
        const text = context.host.readFile(path);
        reads.set(path, text);
        return text;
      },
      readDirectory: (path) => {
        const entries = context.host.readDirectory(path);
        listings.set(path, listingSignature(path, entries));
        return entries;
      },
    };
    const read = (path: string) => recording.readFile(path) ?? '';
    const found = setOfFolder({ ...folder, host: recording, read }, { ...context, host: recording, read });
    const set = found && kept?.set ? internSet(kept.set, found) : found;
    const otherReads = [...reads.keys()].filter((path) => !SQL_FILE.test(path));
    const otherFiles = folder.files.filter((name) => !SQL_FILE.test(name));
    this.folders.set(folder.path, { inputs, files: folder.files, otherFiles, folders: folder.folders, reads, listings, otherReads, set, walked: true });
    return set;
  }
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean => a === b || (a.length === b.length && a.every((name, i) => name === b[i]));


/**
 * The kept set with the parts of the files in `texts` collected again from their new text, or
 * undefined when an edit may change more than those parts: a file that is not one of the set's
 * migration files, a framework marker or dialect signal that appeared or went, parts that came
 * and went.
 */
function withPartsReadAgain(kept: FolderMemo, texts: ReadonlyMap<string, string | undefined>, folder: Folder, context: FolderContext): MigrationSet | undefined {
  const set = kept.set!;
  const layout = LAYOUTS.find((candidate) => candidate.framework === set.framework)!;
  const migrations = [...set.migrations];
  for (const [path, text] of texts) {
    const oldText = kept.reads.get(path);
    if (text === undefined || oldText === undefined || !SQL_FILE.test(path)) return undefined;
    const alone = (textOf: string) => aloneIn(folder, kept.otherFiles, path, textOf, context);
    const aloneNow = alone(text);
    if (discoveryFacts(alone(oldText), oldText) !== discoveryFacts(aloneNow, text)) return undefined;
    const parts = layout.collect(aloneNow, set.dialect).migrations.flatMap((migration) => [migration.up, migration.down]).filter((part) => part?.file === path);
    const partOf = (direction: MigrationPart['direction']) => parts.find((part) => part!.direction === direction);
    const places = migrationsInFile(set, path);
    let replaced = 0;
    for (const index of places) {
      const migration = migrations[index];
      const up = migration.up?.file === path ? partOf('up') : migration.up;
      const down = migration.down?.file === path ? partOf('down') : migration.down;
      replaced += Number(migration.up?.file === path) + Number(migration.down?.file === path);
      migrations[index] = { ...migration, ...(up ? { up } : {}), ...(down ? { down } : {}) };
    }
    // The file must hold the same parts as before: no section came or went.
    if (replaced !== parts.length || parts.some((part) => !places.some((index) => migrations[index].up === part || migrations[index].down === part))) return undefined;
  }
  inSamePlaces(set.migrations, migrations);
  return { ...set, migrations };
}

/** `folder` as if `file` (with `text`) were its only migration file: its other files (`otherFiles`, no SQL), and `file`. */
function aloneIn(folder: Folder, otherFiles: readonly string[], file: string, text: string, context: FolderContext): Folder {
  const inFolder = dirname(file) === folder.path;
  const subfolder = inFolder ? undefined : file.slice(folder.path.length + 1).split('/')[0];
  const read = (path: string) => (path === file ? text : context.read(path));
  return {
    ...folder,
    files: inFolder ? [...otherFiles, basename(file)].sort() : [...otherFiles],
    folders: subfolder === undefined ? [] : [subfolder],
    host: { readFile: (path) => (path === file ? text : context.host.readFile(path)), readDirectory: (path) => context.host.readDirectory(path) },
    read,
  };
}

/** What of a file can change which framework or dialect its folder is: every framework's detection of it alone, and its dialect signals. */
function discoveryFacts(alone: Folder, text: string): string {
  return JSON.stringify([LAYOUTS.map((layout) => layout.detect(alone)?.strength ?? 0), signalsOf.get(text)]);
}

/** `next` with every migration equal to one of `previous` replaced by that object; `previous` itself when all are. */
function internSet(previous: MigrationSet, next: MigrationSet): MigrationSet {
  const old = new Map(previous.migrations.map((migration) => [migration.id, migration]));
  let same = previous.migrations.length === next.migrations.length;
  const migrations = next.migrations.map((migration, index) => {
    const kept = old.get(migration.id);
    if (!kept || JSON.stringify(kept) !== JSON.stringify(migration)) {
      same = false;
      return migration;
    }
    if (previous.migrations[index] !== kept) same = false;
    return kept;
  });
  const rest = ({ migrations: _migrations, siblings: _siblings, ...others }: MigrationSet) => JSON.stringify(others);
  if (same && rest(previous) === rest(next)) return previous;
  return { ...next, migrations };
}
