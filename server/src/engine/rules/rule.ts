// What a rule is (DESIGN.md, "A rule"): metadata and docs that every front end shows, and checks
// at one or more scopes. The runner (run.ts) builds the contexts, applies configuration and
// suppression comments, and turns reports into engine Findings.

import type { Change, Statement } from '../model/changes.js';
import type { Severity } from '../model/finding.js';
import type { Migration, MigrationPart, MigrationSet } from '../model/migration-set.js';
import type { Dialect, SourceRange } from '../model/source.js';
import type { FixDraft } from '../fixes/edits.js';
import type { Schema } from '../schema/model.js';
import type { ReplayEvent } from '../schema/editor.js';
import type { MigrationReplay, PartReplay, SetReplay } from '../schema/replay.js';
import type { SqlToken } from './tokens.js';

/** `syntax` is reserved for findings the parsers report (syntax-error); rules use the others. */
export type RuleCategory = 'syntax' | 'dependency' | 'integrity' | 'dialect' | 'safety' | 'style';

/** One source for hovers, the README rule table, SARIF help and `--explain`. */
export interface RuleDocs {
  /** One sentence: what the rule reports. */
  summary: string;
  /** Why it is dangerous or wrong. */
  why: string;
  /** What to do instead. */
  fix: string;
  /** Where ours deliberately differs from squawk, and why. */
  differences?: string;
  examples?: { bad: string; good?: string }[];
}

export interface RuleMeta {
  id: string;
  category: RuleCategory;
  dialects: readonly Dialect[];
  severity: Severity;
  /** Opt-in rules are off unless the configuration gives them a level. */
  optIn?: boolean;
  docs: RuleDocs;
}

/** Another place that explains a finding: the migration that created or dropped the object. */
export interface RelatedReport {
  /** Absolute path; the report's file when absent. */
  file?: string;
  range: SourceRange;
  message: string;
}

/** What a rule reports, in file offsets; the runner converts them and applies configuration. */
export interface Report {
  message: string;
  /** Absolute path. Statement and part checks default to the part's file. */
  file?: string;
  range: SourceRange;
  related?: RelatedReport[];
  fixes?: FixDraft[];
  /** Overrides the rule's default severity for this report (configuration still wins). */
  severity?: Severity;
  /**
   * Text this finding explains: a syntax error of any statement overlapping it is not reported,
   * because this finding already says what is wrong there in the set's own terms.
   */
  explains?: SourceRange;
}

/** Settings rules may depend on. */
export interface RuleSettings {
  /** PostgreSQL server version ("15"), when configured. */
  pgVersion?: string;
  /** MySQL and MariaDB server versions ("8.0", "10.6"), configured or detected (see rules/mysql/server-version.ts). */
  mysqlVersion?: string;
  mariadbVersion?: string;
  /** What named that version, for messages: the setting ("mysqlVersion") or "the image mysql:5.7 in docker-compose.yml". */
  serverVersionSource?: string;
  /** `assumeExistingSchema` is set (see partial-migration-history). */
  assumeExistingSchema?: boolean;
  /** The `.migration-lens.json` the set's settings come from, if any. */
  configFile?: string;
}

interface ScopeContext {
  set: MigrationSet;
  settings: RuleSettings;
  report(report: Report): void;
}

/**
 * What a set rule needs to know about each migration, computed from that migration alone (its
 * statements and replayed snapshots). The runner computes it once per migration result and keeps
 * it with the migration's reports, so a set rule costs what changed plus one pass over the kept
 * facts, never a walk over every statement of the history on every analysis.
 */
export interface MigrationFact<T> {
  id: string;
  compute(ctx: FactContext): T;
}

export type FactContext = Omit<MigrationContext, 'report' | 'anchor'>;

export interface SetContext extends ScopeContext {
  /** Parallel trees of the same schema (postgres/ and mysql/), as discovered. */
  siblings: readonly MigrationSet[];
  /** Replay of the set; snapshots are computed when first asked for. */
  replay(): SetReplay;
  /** Replay of a sibling set. */
  replayOf(set: MigrationSet): SetReplay;
  /** The parsed statements of a part of this set or a sibling; undefined when unreadable. */
  statements(part: MigrationPart, set?: MigrationSet): readonly Statement[] | undefined;
  /** Where a finding about a whole part goes: its first statement's first line. */
  anchor(part: MigrationPart): SourceRange;
  /** `fact` of the migration at `index` of this set. */
  migrationFact<T>(fact: MigrationFact<T>, index: number): T;
}

export interface MigrationContext extends ScopeContext {
  migration: Migration;
  /** Position in the set's order. */
  index: number;
  /** Schemas before/after the migration and its down part's effect, computed on first use. */
  replay(): MigrationReplay;
  statements(part: MigrationPart): readonly Statement[] | undefined;
  anchor(part: MigrationPart): SourceRange;
}

export interface StatementContext extends ScopeContext {
  migration: Migration;
  part: MigrationPart;
  statement: Statement;
  /** Undefined when the statement did not parse in the set's dialect. */
  change?: Change;
  /** The file's whole text (statement ranges are offsets into it). */
  text: string;
  /** The statements of the same part before this one, in order (session settings they made still hold). */
  earlierStatements: readonly Statement[];
  /**
   * Per statement of the part, by position, the transaction block it runs in (numbered as in
   * safety/shared/transactions.ts; undefined outside one). This statement's is at
   * `earlierStatements.length`.
   */
  transactionBlocks: readonly (number | undefined)[];
  /** The statement's content tokens, read once on first use (see tokens.ts). */
  readonly tokens: readonly SqlToken[];
  /** The schema just before this statement ran. */
  schemaBefore(): Schema;
  /** The schema just after it. */
  schemaAfter(): Schema;
  /** The replay of the statement's part: its steps and the schema after the whole part. */
  partReplay(): PartReplay | undefined;
  /** What replaying the statement reported: objects it used that were missing, or created that existed. */
  replayEvents(): readonly ReplayEvent[];
}

export interface Rule extends RuleMeta {
  checkSet?(ctx: SetContext): void;
  checkMigration?(ctx: MigrationContext): void;
  checkStatement?(ctx: StatementContext): void;
}
