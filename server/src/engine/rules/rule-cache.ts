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

import type { Finding, Severity } from '../model/finding.js';
import type { Migration, MigrationPart, MigrationSet } from '../model/migration-set.js';
import type { Dialect, LineIndex } from '../model/source.js';
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

/** What a migration's rules were run on besides the schema. */
export interface MigrationInputs {
  /** setShape() of its set. */
  setShape: string;
  migration: Migration;
  up?: ParsedPart;
  down?: ParsedPart;
}

/** The reports of one migration's rules, the facts set rules asked of it, and what they depended on. */
export interface MigrationReports {
  inputs: MigrationInputs;
  replay: MigrationReplay;
  reports: readonly PendingReport[];
  /** The reports as findings, once made (run.ts keeps them while the reports hold). */
  findings?: Finding[];
  /** By MigrationFact id, computed when a set rule first asks. */
  facts: Map<string, unknown>;
  /** Schema keys the rules and facts looked up, and the keys the migration's parts wrote. */
  reads: Set<string>;
  readsWhole: boolean;
}

/** A file as the runner reads it: its text and parsed parts, with what is derived from them alone. */
export interface FileState {
  text: string;
  dialect: Dialect;
  /** The parse results of the parts it holds; the same objects while its text, part places and dialect are. */
  parts: readonly ParsedPart[];
  lines: LineIndex;
  suppressions: FileSuppressions;
}

export class RuleCache {
  /** Per set root, per position in the set. */
  private readonly migrations = new Map<string, (MigrationReports | undefined)[]>();
  readonly files = new Map<string, FileState>();
  /** How many migrations' rules ran and how many kept their reports, since `count()` was last called. */
  private counts = { ran: 0, kept: 0 };

  /** The kept reports of migration `index`, if they still hold (see the file comment). */
  reports(set: MigrationSet, index: number, inputs: MigrationInputs, changesSince: (earlier: MigrationReplay) => KeyDelta): MigrationReports | undefined {
    const entry = this.stillValid(this.migrations.get(set.root)?.[index], inputs, changesSince);
    this.counts[entry ? 'kept' : 'ran']++;
    return entry;
  }

  /** Returns the counts since the last call, and starts counting again. */
  count(): { ran: number; kept: number } {
    const counts = this.counts;
    this.counts = { ran: 0, kept: 0 };
    return counts;
  }

  private stillValid(entry: MigrationReports | undefined, inputs: MigrationInputs, changesSince: (earlier: MigrationReplay) => KeyDelta): MigrationReports | undefined {
    if (!entry || !sameInputs(entry, inputs)) return undefined;
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
  // The last migration's names and files, not where its parts end: typing in the newest
  // migration, the most common edit, must not make every other migration's rules run again.
  const lastNames = last ? [last.id, last.version, last.versionKey ?? '', last.name, last.kind, last.up?.file ?? '', last.down?.file ?? ''].join('\u0001') : '';
  return [set.root, set.framework, set.dialect, set.standalone ? 'standalone' : '', lastNames, settings].join('\u0000');
}

/**
 * Whether the rules would see the same: the same set shape, and the same parse results of the
 * same parts (by identity, else by what rules read of them). The entry takes the new objects, so
 * the next check is an identity check again.
 */
function sameInputs(entry: MigrationReports, inputs: MigrationInputs): boolean {
  const old = entry.inputs;
  if (old.setShape !== inputs.setShape || old.up !== inputs.up || old.down !== inputs.down) return false;
  if (old.migration !== inputs.migration && migrationShape(old.migration) !== migrationShape(inputs.migration)) return false;
  entry.inputs = inputs;
  return true;
}

/** What rules read of a migration: its names and where and how its parts run. */
function migrationShape(migration: Migration): string {
  return [migration.id, migration.version, migration.versionKey ?? '', migration.name, migration.kind, partShape(migration.up), partShape(migration.down)].join('\u0001');
}

function partShape(part: MigrationPart | undefined): string {
  if (!part) return '';
  const { transaction } = part;
  return [part.file, part.direction, part.range.start, part.range.end, transaction.inTransaction, transaction.reason, transaction.optOut ?? '', transaction.directiveRange?.start ?? ''].join('\u0002');
}
