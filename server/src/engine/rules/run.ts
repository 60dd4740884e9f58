// Runs the registered rules over discovered sets: builds the set, migration and statement
// contexts, applies configured levels and suppression comments, and converts reports (offsets)
// into Findings (positions). analyze() calls it once per analysis.
//
// Given a RuleCache (the language server keeps one), a migration's migration and statement rules
// run again only when something they depend on changed (rule-cache.ts); set rules run every time
// and are written to cost what changed, or one light pass over the set.

import type { ProjectConfig } from '../config/index.js';
import { toFix } from '../fixes/edits.js';
import type { FileHost } from '../host.js';
import type { Statement } from '../model/changes.js';
import type { Finding, Severity } from '../model/finding.js';
import type { MigrationPart, MigrationSet } from '../model/migration-set.js';
import { LineIndex, type Dialect, type SourceRange } from '../model/source.js';
import { observeReads } from '../schema/persistent-map.js';
import type { ParsedPart, ReplayProject } from '../schema/project.js';
import type { SetReplay } from '../schema/replay.js';
import { knownRuleIds, RULES } from './index.js';
import { ruleLevel } from './levels.js';
import type { MigrationContext, Report, Rule, RuleSettings, SetContext, StatementContext } from './rule.js';
import { migrationShape, RuleCache, setShape, type FileState, type MigrationReports, type PendingReport } from './rule-cache.js';
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
  /** Results of earlier runs to reuse; without one every rule runs. */
  cache?: RuleCache;
}

export interface RuleRun {
  findings: Finding[];
  /** True when a finding already explains (or a comment silences) the syntax error of this statement. */
  hidesSyntaxError(file: string, statement: SourceRange): boolean;
}

interface SetReport extends PendingReport {
  set: MigrationSet;
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

interface ActiveRule {
  rule: Rule;
  level: Severity;
}

export function runRules(input: RuleRunInput): RuleRun {
  const rules = input.rules ?? RULES;
  const cache = input.cache ?? new RuleCache();
  const files = new RunFiles(input, cache);
  const pending: SetReport[] = [];

  input.sets.forEach((set, setIndex) => {
    const config = input.configOf(set);
    const active = rules.flatMap((rule): ActiveRule[] => {
      const level = ruleLevel(rule, config);
      return level === 'off' || !rule.dialects.includes(set.dialect) ? [] : [{ rule, level }];
    });
    if (active.length === 0) return;
    const replay = input.replays[setIndex];
    const settings: RuleSettings = config.pgVersion === undefined ? {} : { pgVersion: config.pgVersion };
    const parsed = (part: MigrationPart, owner = set) => files.part(part, owner);
    const anchor = (part: MigrationPart) => files.anchor(part, set);

    /** Where a report without its own file lands: the part, migration or (undefined) set being checked. */
    let defaultFile: string | undefined;
    let collected: PendingReport[] = [];
    const reporters = active.map(({ rule, level }) => (report: Report) => {
      const file = report.file ?? defaultFile;
      if (file === undefined) throw new Error(`rule ${rule.id} reported without a file`);
      // A report's own severity (a construct that is legal but risky) yields to a configured level.
      const severity = level === rule.severity ? (report.severity ?? level) : level;
      collected.push({ rule, severity, file, report });
    });
    const withRules = (check: 'checkSet' | 'checkMigration' | 'checkStatement') =>
      active.flatMap(({ rule }, index) => (rule[check] ? [{ rule, report: reporters[index] }] : []));

    // One context per set, migration and statement, shared by every rule: only `report` changes
    // from rule to rule. Rules run synchronously and keep nothing of a context, so sharing is safe,
    // and a long history is checked without a context object per rule and statement.
    const siblings = set.siblings.flatMap((root) => input.sets.filter((other) => other.root === root));
    const setContext: SetContext = {
      set,
      settings,
      siblings,
      report: reporters[0],
      replay: () => replay,
      replayOf: (other) => input.replays[input.sets.indexOf(other)],
      statements: (part, owner = set) => parsed(part, owner)?.statements,
      anchor,
    };
    for (const { rule, report } of withRules('checkSet')) {
      setContext.report = report;
      rule.checkSet!(setContext);
    }
    pending.push(...collected.map((report) => ({ ...report, set })));

    const migrationRules = withRules('checkMigration');
    const statementRules = withRules('checkStatement');
    if (migrationRules.length === 0 && statementRules.length === 0) return;
    const shapeOfSet = setShape(set, JSON.stringify([config, active.map(({ rule, level }) => `${rule.id}=${level}`)]));
    set.migrations.forEach((migration, index) => {
      const migrationReplay = replay.migration(index);
      const up = migration.up && parsed(migration.up);
      const down = migration.down && parsed(migration.down);
      const shape = `${shapeOfSet}\u0003${migrationShape(migration)}\u0003${up?.key ?? ''}\u0003${down?.key ?? ''}`;
      let entry: MigrationReports | undefined = cache.reports(set, index, shape, (earlier) => replay.changesSince(index, earlier));
      if (!entry) {
        collected = [];
        const reads = new Set<string>(replay.writtenKeys(index));
        let readsWhole = false;
        observeReads({ key: (key) => reads.add(key), whole: () => (readsWhole = true) }, () => {
          defaultFile = (migration.up ?? migration.down)?.file;
          const migrationContext: MigrationContext = {
            set,
            settings,
            migration,
            index,
            report: reporters[0],
            replay: () => migrationReplay,
            statements: (part) => parsed(part)?.statements,
            anchor,
          };
          for (const { rule, report } of migrationRules) {
            migrationContext.report = report;
            rule.checkMigration!(migrationContext);
          }
          if (statementRules.length === 0) return;
          for (const [part, result] of [
            [migration.up, up],
            [migration.down, down],
          ] as const) {
            if (!part || !result) continue;
            defaultFile = part.file;
            const partReplay = part.direction === 'up' ? migrationReplay.up : migrationReplay.downResult;
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
                schemaBefore: () => partReplay?.steps[i]?.before ?? migrationReplay.before,
                report: reporters[0],
              };
              for (const { rule, report } of statementRules) {
                statementContext.report = report;
                rule.checkStatement!(statementContext);
              }
            });
          }
        });
        entry = { shape, replay: migrationReplay, reports: collected, reads, readsWhole };
        cache.keep(set, index, entry);
      } else if (entry.replay !== migrationReplay) {
        cache.keep(set, index, (entry = { ...entry, replay: migrationReplay }));
      }
      for (const report of entry.reports) pending.push({ ...report, set });
    });
  });

  const explained = new Map<string, SourceRange[]>();
  for (const { file, report } of pending) if (report.explains) explained.set(file, [...(explained.get(file) ?? []), report.explains]);
  const findings: Finding[] = [];
  const linesOf = (file: string) => files.lines(file);
  for (const { rule, set, severity, file, report } of pending) {
    const state = files.state(file, set);
    if (state?.suppressions.silences(rule.id, report.range.start)) continue;
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
  for (const [file, { state, set }] of files.read()) {
    const level = ruleLevel(unknownRuleInSuppression, input.configOf(set));
    if (level !== 'off') findings.push(...unknownSuppressionFindings(file, state.lines, state.suppressions, level, knownRuleIds()));
  }

  return {
    findings,
    hidesSyntaxError(file, statement) {
      const overlaps = (range: SourceRange) => range.start < statement.end && statement.start < range.end;
      if ((explained.get(file) ?? []).some(overlaps)) return true;
      return files.read().get(file)?.state.suppressions.silences('syntax-error', statement.start) ?? false;
    },
  };
}

/**
 * The files of one run: each migration part parsed once per run, and each file's state (line
 * index, suppression comments) taken from the cache while its text and dialect are unchanged.
 */
class RunFiles {
  private readonly parts = new Map<MigrationPart, ParsedPart | undefined>();
  /** Files holding parts of the run's sets, with the set whose dialect and settings apply. */
  private readonly partFiles = new Map<string, { state: FileState; set: MigrationSet }>();
  private readonly others = new Map<string, FileState | undefined>();

  constructor(
    private readonly input: RuleRunInput,
    private readonly cache: RuleCache,
  ) {
    // Every part is read first, so suppression comments know every statement of their file.
    const partsByFile = new Map<string, { set: MigrationSet; parts: ParsedPart[] }>();
    for (const set of input.sets) {
      for (const migration of set.migrations) {
        for (const part of [migration.up, migration.down]) {
          const parsed = part && this.part(part, set);
          if (!part || !parsed) continue;
          const file = partsByFile.get(part.file);
          if (file) file.parts.push(parsed);
          else partsByFile.set(part.file, { set, parts: [parsed] });
        }
      }
    }
    for (const [file, { set, parts }] of partsByFile) this.partFiles.set(file, { state: this.partFileState(file, set.dialect, parts), set });
  }

  part(part: MigrationPart, set: MigrationSet): ParsedPart | undefined {
    if (this.parts.has(part)) return this.parts.get(part);
    const result = this.input.project.part(part, set.dialect, this.input.host);
    this.parts.set(part, result);
    return result;
  }

  /** Files holding parts, each with its state and the set it belongs to. */
  read(): ReadonlyMap<string, { state: FileState; set: MigrationSet }> {
    return this.partFiles;
  }

  /** A file's state; files that hold no part (ignored files) are read when a finding lands in them. */
  state(file: string, set: MigrationSet): FileState | undefined {
    const known = this.partFiles.get(file)?.state;
    if (known || this.others.has(file)) return known ?? this.others.get(file);
    const text = this.input.host.readFile(file);
    const state = text === undefined ? undefined : newFileState(text, set.dialect, [], []);
    this.others.set(file, state);
    return state;
  }

  lines(file: string): LineIndex {
    return (this.partFiles.get(file)?.state ?? this.others.get(file))?.lines ?? new LineIndex('');
  }

  /** Where a finding about a whole part goes: the first line of its first statement. */
  anchor(part: MigrationPart, set: MigrationSet): SourceRange {
    const first = this.part(part, set)?.statements[0]?.range ?? part.range;
    const lines = this.partFiles.get(part.file)?.state.lines;
    if (!lines) return first;
    const line = lines.positionAt(first.start).line;
    const lineEnd = lines.offsetAt({ line, character: lines.lineText(line).length });
    return { start: first.start, end: Math.max(first.start, Math.min(first.end, lineEnd)) };
  }

  /** The kept state while the file reads the same and its parts are the same parse results (places, dialect). */
  private partFileState(file: string, dialect: Dialect, parts: readonly ParsedPart[]): FileState {
    // A part whose own text did not change keeps its parse, made from an older text of the file.
    const text = this.input.host.readFile(file) ?? parts[0].text;
    const cached = this.cache.files.get(file);
    if (cached && cached.text === text && cached.parts.length === parts.length && cached.parts.every((part, i) => part === parts[i])) return cached;
    const statements = parts.flatMap((part) => part.statements.map((statement) => statement.range));
    const state = newFileState(text, dialect, parts, statements);
    this.cache.files.set(file, state);
    return state;
  }
}

function newFileState(text: string, dialect: Dialect, parts: readonly ParsedPart[], statements: readonly SourceRange[]): FileState {
  return { text, parts, lines: new LineIndex(text), suppressions: FileSuppressions.read(text, dialect, statements) };
}
