import type { Change, Statement } from '../model/changes.js';
import type { Finding, Fix, RelatedInformation, Severity } from '../model/finding.js';
import type { Migration, MigrationPart, MigrationSet } from '../model/migration-set.js';
import type { Dialect, SourceRange } from '../model/source.js';

export type RuleCategory = 'syntax' | 'dependency' | 'integrity' | 'dialect' | 'safety' | 'style';

/** One source for hovers, the README rule table, SARIF help and `--explain`. */
export interface RuleDocs {
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
  /** Opt-in rules are off unless the configuration turns them on. */
  optIn?: boolean;
  docs: RuleDocs;
}

/** What a rule reports; the engine turns offsets into positions and applies configuration. */
export interface Report {
  message: string;
  file: string;
  range: SourceRange;
  related?: { file: string; range: SourceRange; message: string }[];
  fixes?: Fix[];
  severity?: Severity;
}

export interface StatementContext {
  set: MigrationSet;
  migration: Migration;
  part: MigrationPart;
  statement: Statement;
  change: Change;
  report(report: Report): void;
}

export interface Rule extends RuleMeta {
  checkStatement?(ctx: StatementContext): void;
}

export type { Finding, RelatedInformation };
