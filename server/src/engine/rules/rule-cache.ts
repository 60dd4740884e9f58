// What the rule runner keeps between analyses (the language server keeps one RuleCache; the CLI
// makes none): per migration, the reports of its migration and statement rules with what they
// read of the schema; per file, its line index and suppression comments.
//
// A migration's reports are reused when nothing they depend on can have changed:
// - the set's shape and settings (framework, dialect, the last migration a fix would follow,
//   the configuration) are those they were made with;
// - its parts are the same text at the same place, with the same transaction modes;
// - its replayed snapshots are the same, or differ (see SetReplay.changesSince) only in keys that
//   its rules did not read and its parts did not write, and no rule walked a whole map.
// The replay records those keys through the same read observer it uses for its own rebasing, so
// the two stay consistent: what a rule could not have seen cannot change its reports.

import type { Severity } from '../model/finding.js';
import type { Migration, MigrationPart, MigrationSet } from '../model/migration-set.js';
import type { LineIndex } from '../model/source.js';
import type { ParsedPart } from '../schema/project.js';
import type { KeyDelta } from '../schema/rebase.js';
import type { MigrationReplay } from '../schema/replay.js';
import type { Report, RuleMeta } from './rule.js';
import type { FileSuppressions } from './suppression.js';

/** A rule's report with the severity it was given, before suppression comments are applied. */
export interface PendingReport {
  rule: RuleMeta;
  severity: Severity;
  file: string;
  report: Report;
}

/** The reports of one migration's rules and what they depended on. */
export interface MigrationReports {
  shape: string;
  replay: MigrationReplay;
  reports: readonly PendingReport[];
  /** Schema keys the rules looked up, and the keys the migration's parts wrote. */
  reads: ReadonlySet<string>;
  readsWhole: boolean;
}

/** A file as the runner reads it: its text and parsed parts, with what is derived from them alone. */
export interface FileState {
  text: string;
  /** The parse results of the parts it holds; the same objects while its text, part places and dialect are. */
  parts: readonly ParsedPart[];
  lines: LineIndex;
  suppressions: FileSuppressions;
}

export class RuleCache {
  /** Per set root, per position in the set. */
  private readonly migrations = new Map<string, (MigrationReports | undefined)[]>();
  readonly files = new Map<string, FileState>();

  /** The kept reports of migration `index`, if they still hold (see the file comment). */
  reports(set: MigrationSet, index: number, shape: string, changesSince: (earlier: MigrationReplay) => KeyDelta): MigrationReports | undefined {
    const entry = this.migrations.get(set.root)?.[index];
    if (!entry || entry.shape !== shape) return undefined;
    const delta = changesSince(entry.replay);
    if (delta === 'everything') return undefined;
    if (delta.size === 0) return entry;
    if (entry.readsWhole) return undefined;
    for (const key of delta) if (entry.reads.has(key)) return undefined;
    return entry;
  }

  keep(set: MigrationSet, index: number, entry: MigrationReports): void {
    let entries = this.migrations.get(set.root);
    if (!entries) this.migrations.set(set.root, (entries = []));
    entries[index] = entry;
  }

  /** Forgets sets and files no longer analysed, and positions past each set's end. */
  retain(sets: readonly MigrationSet[]): void {
    const files = new Set(sets.flatMap((set) => set.migrations.flatMap((migration) => [migration.up?.file, migration.down?.file])));
    const roots = new Map(sets.map((set) => [set.root, set.migrations.length]));
    for (const [root, entries] of this.migrations) {
      const length = roots.get(root);
      if (length === undefined) this.migrations.delete(root);
      else if (entries.length > length) entries.length = length;
    }
    for (const file of this.files.keys()) if (!files.has(file)) this.files.delete(file);
  }
}

/**
 * Everything about a set that a migration's or statement's rules may read besides the migration
 * itself: the framework, dialect and folder (messages, fixes), the last migration (fixes that
 * add a migration after it) and the settings.
 */
export function setShape(set: MigrationSet, settings: string): string {
  const last = set.migrations[set.migrations.length - 1];
  return [set.root, set.framework, set.dialect, set.standalone ? 'standalone' : '', last ? migrationShape(last) : '', settings].join('\u0000');
}

/** What rules read of a migration: its names and where and how its parts run. */
export function migrationShape(migration: Migration): string {
  return [migration.id, migration.version, migration.versionKey ?? '', migration.name, migration.kind, partShape(migration.up), partShape(migration.down)].join('\u0001');
}

function partShape(part: MigrationPart | undefined): string {
  if (!part) return '';
  const { transaction } = part;
  return [part.file, part.direction, part.range.start, part.range.end, transaction.inTransaction, transaction.reason, transaction.optOut ?? '', transaction.directiveRange?.start ?? ''].join('\u0002');
}
