// Runs the registered rules over discovered sets: builds the set, migration and statement
// contexts, applies configured levels and suppression comments, and converts reports (offsets)
// into Findings (positions). analyze() calls it once per analysis.

import type { ProjectConfig } from '../config/index.js';
import { toFix } from '../fixes/edits.js';
import type { FileHost } from '../host.js';
import type { Statement } from '../model/changes.js';
import type { Finding, Severity } from '../model/finding.js';
import type { MigrationPart, MigrationSet } from '../model/migration-set.js';
import { LineIndex, type Dialect, type SourceRange } from '../model/source.js';
import type { ParsedPart, ReplayProject } from '../schema/project.js';
import type { SetReplay } from '../schema/replay.js';
import { ruleLevel } from './levels.js';
import { knownRuleIds, RULES } from './index.js';
import type { MigrationContext, Report, Rule, RuleMeta, RuleSettings, SetContext, StatementContext } from './rule.js';
import { FileSuppressions } from './suppression.js';
import { tokensOfStatements, type SqlToken } from './tokens.js';
import { unknownRuleInSuppression, unknownSuppressionFindings } from './unknown-rule-in-suppression.js';

export interface RuleRunInput {
  sets: readonly MigrationSet[];
  /** One replay per set, in the same order. */
  replays: readonly SetReplay[];
  host: FileHost;
  project: ReplayProject;
  /** The settings that apply to a set (the engine resolves them once per set). */
  configOf(set: MigrationSet): ProjectConfig;
  /** The rules to run; all registered rules when absent. */
  rules?: readonly Rule[];
}

export interface RuleRun {
  findings: Finding[];
  /** True when a finding already explains (or a comment silences) the syntax error of this statement. */
  hidesSyntaxError(file: string, statement: SourceRange): boolean;
}

interface FileState {
  text: string;
  /** The set the file belongs to: its dialect reads the comments, its settings apply. */
  set: MigrationSet;
  lines: LineIndex;
  statements: SourceRange[];
  suppressions?: FileSuppressions;
}

interface PendingReport {
  rule: RuleMeta;
  set: MigrationSet;
  severity: Severity;
  file: string;
  report: Report;
}

/**
 * Tokens of each statement of a parsed part. The project keeps a part's object while its text is
 * unchanged, so the tokens are kept with it across analyses and collected with it.
 */
const tokensByPart = new WeakMap<ParsedPart, SqlToken[][]>();

function partTokens(part: ParsedPart, dialect: Dialect): SqlToken[][] {
  let tokens = tokensByPart.get(part);
  if (!tokens) tokensByPart.set(part, (tokens = tokensOfStatements(part.text, part.statements.map((s) => s.range), dialect, part.end)));
  return tokens;
}

export function runRules(input: RuleRunInput): RuleRun {
  const rules = input.rules ?? RULES;
  const files = new Map<string, FileState>();
  const pending: PendingReport[] = [];
  const explained = new Map<string, SourceRange[]>();
  const { configOf } = input;

  // Each part is looked up once per run: the project would read its file again on every call.
  const parsedParts = new Map<MigrationPart, ParsedPart | undefined>();
  const parsed = (part: MigrationPart, set: MigrationSet) => {
    if (parsedParts.has(part)) return parsedParts.get(part);
    const result = input.project.part(part, set.dialect, input.host);
    parsedParts.set(part, result);
    if (result && !files.has(part.file)) {
      files.set(part.file, { text: result.text, set, lines: new LineIndex(result.text), statements: [] });
    }
    return result;
  };
  /** Files that hold no parsed part (ignored files) are read when a finding lands in them. */
  const fileState = (file: string, set: MigrationSet): FileState | undefined => {
    let state = files.get(file);
    if (!state) {
      const text = input.host.readFile(file);
      if (text === undefined) return undefined;
      files.set(file, (state = { text, set, lines: new LineIndex(text), statements: [] }));
    }
    return state;
  };

  // Every part is read first, so suppression comments know every statement of their file.
  for (const set of input.sets) {
    for (const migration of set.migrations) {
      for (const part of [migration.up, migration.down]) {
        if (!part) continue;
        const result = parsed(part, set);
        if (result) files.get(part.file)!.statements.push(...result.statements.map((statement) => statement.range));
      }
    }
  }

  const anchor = (part: MigrationPart, set: MigrationSet): SourceRange => {
    const first = parsed(part, set)?.statements[0]?.range ?? part.range;
    const lines = files.get(part.file)?.lines;
    if (!lines) return first;
    const line = lines.positionAt(first.start).line;
    const lineEnd = lines.offsetAt({ line, character: lines.lineText(line).length });
    return { start: first.start, end: Math.max(first.start, Math.min(first.end, lineEnd)) };
  };

  input.sets.forEach((set, setIndex) => {
    const config = configOf(set);
    const active = rules.flatMap((rule) => {
      const level = ruleLevel(rule, config);
      return level === 'off' || !rule.dialects.includes(set.dialect) ? [] : [{ rule, level }];
    });
    if (active.length === 0) return;
    const replay = input.replays[setIndex];
    const settings: RuleSettings = config.pgVersion === undefined ? {} : { pgVersion: config.pgVersion };
    const siblings = set.siblings.flatMap((root) => input.sets.filter((other) => other.root === root));

    /** Where a report without its own file lands: the part, migration or (undefined) set being checked. */
    let defaultFile: string | undefined;
    const reporters = active.map(({ rule, level }) => (report: Report) => {
      const file = report.file ?? defaultFile;
      if (file === undefined) throw new Error(`rule ${rule.id} reported without a file`);
      // A report's own severity (a construct that is legal but risky) yields to a configured level.
      const severity = level === rule.severity ? (report.severity ?? level) : level;
      pending.push({ rule, set, severity, file, report });
      if (report.explains) explained.set(file, [...(explained.get(file) ?? []), report.explains]);
    });
    const withRules = (check: 'checkSet' | 'checkMigration' | 'checkStatement') =>
      active.flatMap(({ rule }, index) => (rule[check] ? [{ rule, report: reporters[index] }] : []));

    // One context per set, migration and statement, shared by every rule: only `report` changes
    // from rule to rule. Rules run synchronously and keep nothing of a context, so sharing is safe,
    // and a long history is checked without a context object per rule and statement.
    const setContext: SetContext = {
      set,
      settings,
      siblings,
      report: reporters[0],
      replay: () => replay,
      replayOf: (other) => input.replays[input.sets.indexOf(other)],
      statements: (part, owner = set) => parsed(part, owner)?.statements,
      anchor: (part) => anchor(part, set),
    };
    for (const { rule, report } of withRules('checkSet')) {
      setContext.report = report;
      rule.checkSet!(setContext);
    }

    const migrationRules = withRules('checkMigration');
    const statementRules = withRules('checkStatement');
    set.migrations.forEach((migration, index) => {
      defaultFile = (migration.up ?? migration.down)?.file;
      const migrationContext: MigrationContext = {
        set,
        settings,
        migration,
        index,
        report: reporters[0],
        replay: () => replay.migration(index),
        statements: (part) => parsed(part, set)?.statements,
        anchor: (part) => anchor(part, set),
      };
      for (const { rule, report } of migrationRules) {
        migrationContext.report = report;
        rule.checkMigration!(migrationContext);
      }
      if (statementRules.length === 0) return;
      for (const part of [migration.up, migration.down]) {
        const result = part && parsed(part, set);
        if (!part || !result) continue;
        defaultFile = part.file;
        const tokensOf = (i: number) => partTokens(result, set.dialect)[i];
        result.statements.forEach((statement: Statement, i) => {
          let earlier: readonly Statement[] | undefined;
          const statementContext: StatementContext = {
            set,
            settings,
            migration,
            part,
            statement,
            change: statement.change,
            text: result.text,
            get earlierStatements() {
              return (earlier ??= result.statements.slice(0, i));
            },
            get tokens() {
              return tokensOf(i);
            },
            schemaBefore: () => {
              const migrationReplay = replay.migration(index);
              const partReplay = part.direction === 'up' ? migrationReplay.up : migrationReplay.downResult;
              return partReplay?.steps[i]?.before ?? migrationReplay.before;
            },
            report: reporters[0],
          };
          for (const { rule, report } of statementRules) {
            statementContext.report = report;
            rule.checkStatement!(statementContext);
          }
        });
      }
    });
  });

  const suppressionsOf = (state: FileState) => (state.suppressions ??= FileSuppressions.read(state.text, state.set.dialect, state.statements));
  const findings: Finding[] = [];
  const linesOf = (file: string) => files.get(file)?.lines ?? new LineIndex('');
  for (const { rule, set, severity, file, report } of pending) {
    const state = fileState(file, set);
    if (state && suppressionsOf(state).silences(rule.id, report.range.start)) continue;
    for (const related of report.related ?? []) if (related.file) fileState(related.file, set);
    const lines = linesOf(file);
    findings.push({
      rule: rule.id,
      severity,
      message: report.message,
      file,
      range: lines.range(report.range),
      related: (report.related ?? []).map((related) => ({
        location: { file: related.file ?? file, range: linesOf(related.file ?? file).range(related.range) },
        message: related.message,
      })),
      fixes: (report.fixes ?? []).map((fix) => toFix(fix, file, linesOf)),
    });
  }
  for (const [file, state] of files) {
    const level = ruleLevel(unknownRuleInSuppression, configOf(state.set));
    if (level !== 'off') findings.push(...unknownSuppressionFindings(file, state.lines, suppressionsOf(state), level, knownRuleIds()));
  }

  return {
    findings,
    hidesSyntaxError(file, statement) {
      const overlaps = (range: SourceRange) => range.start < statement.end && statement.start < range.end;
      if ((explained.get(file) ?? []).some(overlaps)) return true;
      const state = files.get(file);
      return state !== undefined && suppressionsOf(state).silences('syntax-error', statement.start);
    },
  };
}
