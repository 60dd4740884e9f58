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
import type { Change, Statement } from '../model/changes.js';
import { migrationsInFile } from '../model/file-positions.js';
import { SYNTAX_ERROR_RULE, type Finding, type Severity } from '../model/finding.js';
import type { Framework, Migration, MigrationPart, MigrationSet } from '../model/migration-set.js';
import { LineIndex, type Dialect, type SourceRange } from '../model/source.js';
import { DELIMITER_ADVICE } from '../parse/mysql/schema-statements.js';
import { observeReads } from '../schema/persistent-map.js';
import type { ParsedPart, ReplayProject } from '../schema/project.js';
import type { Schema } from '../schema/model.js';
import type { ReplayEvent } from '../schema/editor.js';
import type { MigrationReplay, PartReplay, SetReplay } from '../schema/replay.js';
import { knownRuleIds, RULES } from './index.js';
import { ruleLevel } from './levels.js';
import type { MigrationContext, Report, Rule, RuleSettings, SetContext, StatementContext } from './rule.js';
import { versionSetting } from './mysql/server-version.js';
import { partialApplyNote } from './partial-apply.js';
import { RuleCache, setShape, type FileState, type MigrationReports, type PendingReport } from './rule-cache.js';
import { transactionBlocks } from './safety/shared/transactions.js';
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
  /**
   * Only the findings in this file, from the rules of the migrations it holds: no set rules, no
   * other migration. What the language server shows at once after an edit (analyze-file.ts).
   */
  onlyFile?: string;
}

interface SetReport extends PendingReport {
  set: MigrationSet;
}

/** Runs `work` adding the schema keys it reads to what `entry` depends on. */
function observingReads<T>(entry: MigrationReports, work: () => T): T {
  return observeReads({ key: (key) => entry.reads.add(key), whole: () => (entry.readsWhole = true) }, work);
}


interface ActiveRule {
  rule: Rule;
  level: Severity;
}

const START_OF_FILE: SourceRange = { start: 0, end: 0 };

/**
 * Runs one rule's check. A rule that throws on input nobody foresaw must not cost the user every
 * other rule's findings: its first failure in a run becomes one finding of that rule where it was
 * checking, and the run goes on.
 */
function guarded<Context>(rule: Rule, failed: Set<string>, report: (report: Report) => void, range: SourceRange, check: (ctx: Context) => void, ctx: Context): void {
  // The check and its context apart, not a closure: this runs for every rule and statement of a
  // history, and a closure each time was the largest allocation of a cold `check`.
  try {
    check.call(rule, ctx);
  } catch (error) {
    // Once a run: a rule that fails on one statement usually fails on every one like it.
    if (failed.has(rule.id)) return;
    failed.add(rule.id);
    report({
      range,
      severity: 'warning',
      message: `Internal error in rule ${rule.id} (${error instanceof Error ? error.message : String(error)}): its findings here are missing, the other rules ran. Please report this with the file.`,
    });
  }
}

/** Every finding of the sets: the rules', the parsers' syntax errors, and unknown ids in suppression comments. */
export function runRules(input: RuleRunInput): Finding[] {
  const rules = input.rules ?? RULES;
  const cache = input.cache ?? new RuleCache();
  // Without a cache to keep them in, what rules read is never asked again: not worth recording.
  const track = <T>(entry: MigrationReports, work: () => T): T => (input.cache ? observingReads(entry, work) : work());
  const files = new RunFiles(input, cache);
  /** Reports of set rules, made anew each run; migration results are kept per set. */
  const pending: SetReport[] = [];
  const perSet: { set: MigrationSet; entries: readonly MigrationReports[] }[] = [];
  const failedRules = new Set<string>();

  input.sets.forEach((set, setIndex) => {
    const config = input.configOf(set);
    const active = rules.flatMap((rule): ActiveRule[] => {
      const level = ruleLevel(rule, config);
      return level === 'off' || !rule.dialects.includes(set.dialect) ? [] : [{ rule, level }];
    });
    if (active.length === 0) return;
    const replay = input.replays[setIndex];
    const settings: RuleSettings = {
      ...(config.pgVersion === undefined ? {} : { pgVersion: config.pgVersion }),
      ...serverVersionSettings(set, config),
      ...(config.assumeExistingSchema ? { assumeExistingSchema: true } : {}),
      ...(config.source === undefined ? {} : { configFile: config.source }),
    };
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

    // One context per migration and statement, shared by every rule: only `report` changes
    // from rule to rule. Rules run synchronously and keep nothing of a context, so sharing is safe,
    // and a long history is checked without a context object per rule and statement.
    const migrationRules = withRules('checkMigration');
    const statementRules = withRules('checkStatement');
    const shapeOfSet = setShape(set, JSON.stringify([config, settings, active.map(({ rule, level }) => `${rule.id}=${level}`)]));
    const only = input.onlyFile;
    const reportsOf = (migration: Migration, index: number): MigrationReports => {
      const migrationReplay = replay.migration(index);
      const up = migration.up && parsed(migration.up);
      const down = migration.down && parsed(migration.down);
      const inputs = { setShape: shapeOfSet, migration, up, down };
      const kept = cache.reports(set, index, inputs, (earlier) => replay.changesSince(index, earlier));
      if (kept) {
        // Still valid for the new result: later changes are measured from it.
        kept.replay = migrationReplay;
        return kept;
      }
      collected = [];
      const entry: MigrationReports = { inputs, replay: migrationReplay, reports: collected, reads: new Set(input.cache ? replay.writtenKeys(index) : []), readsWhole: false, facts: new Map() };
      track(entry, () => {
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
          guarded(rule, failedRules, report, START_OF_FILE, rule.checkMigration!, migrationContext);
        }
        if (statementRules.length === 0) return;
        for (const [part, result] of [
          [migration.up, up],
          [migration.down, down],
        ] as const) {
          if (!part || !result) continue;
          defaultFile = part.file;
          const statementContext = new StatementScope(set, settings, migration, migrationReplay, part, result, reporters[0]);
          for (let i = 0; i < result.statements.length; i++) {
            // A skimmed row's template, earlier in the same run of rows, was judged for it.
            if (result.statements[i].skimmed) continue;
            statementContext.moveTo(i);
            for (const { rule, report } of statementRules) {
              statementContext.report = report;
              guarded(rule, failedRules, report, statementContext.statement.range, rule.checkStatement!, statementContext);
            }
          }
        }
      });
      cache.keep(set, index, entry);
      return entry;
    };
    // Aligned with the set's migrations when the whole set is checked: set rules ask by position.
    const entries = only === undefined ? set.migrations.map(reportsOf) : migrationsInFile(set, only).map((index) => reportsOf(set.migrations[index], index));
    perSet.push({ set, entries });
    if (only !== undefined) return;

    const setContext: SetContext = {
      set,
      settings,
      siblings: set.siblings.flatMap((root) => input.sets.filter((other) => other.root === root)),
      report: reporters[0],
      replay: () => replay,
      replayOf: (other) => input.replays[input.sets.indexOf(other)],
      statements: (part, owner = set) => parsed(part, owner)?.statements,
      anchor,
      migrationFact(fact, index) {
        const entry = entries[index];
        if (entry.facts.has(fact.id)) return entry.facts.get(fact.id) as ReturnType<typeof fact.compute>;
        const migration = set.migrations[index];
        const value = track(entry, () =>
          fact.compute({ set, settings, migration, index, replay: () => replay.migration(index), statements: (part) => parsed(part)?.statements }),
        );
        entry.facts.set(fact.id, value);
        return value;
      },
    };
    collected = [];
    defaultFile = undefined;
    const firstFile = set.migrations.map((migration) => (migration.up ?? migration.down)?.file).find((file) => file !== undefined);
    for (const { rule, report } of withRules('checkSet')) {
      setContext.report = report;
      guarded(rule, failedRules, (failure) => firstFile !== undefined && report({ ...failure, file: firstFile }), START_OF_FILE, rule.checkSet!, setContext);
    }
    pending.push(...collected.map((report) => ({ ...report, set })));
  });

  const explained = new Map<string, SourceRange[]>();
  const explain = ({ file, report }: PendingReport) => report.explains && explained.set(file, [...(explained.get(file) ?? []), report.explains]);
  pending.forEach(explain);
  for (const { entries } of perSet) for (const entry of entries) entry.reports.forEach(explain);

  const findings: Finding[] = [];
  const toFinding = (pendingReport: PendingReport, set: MigrationSet) => findingOf(pendingReport, files.state(pendingReport.file, set), (file) => files.lines(file, set));
  for (const { set, entries } of perSet) {
    for (const entry of entries) {
      // Positions are kept with the reports while they hold: a report in the migration's own
      // files moves only when those files change, and then the reports are made again.
      let converted = entry.findings;
      if (!converted) {
        converted = entry.reports.flatMap((report) => toFinding(report, set) ?? []);
        if (entry.reports.every(({ file }) => file === entry.inputs.migration.up?.file || file === entry.inputs.migration.down?.file)) entry.findings = converted;
      }
      findings.push(...(input.onlyFile === undefined ? converted : converted.filter((finding) => finding.file === input.onlyFile)));
    }
  }
  for (const report of pending) {
    const finding = toFinding(report, report.set);
    if (finding) findings.push(finding);
  }
  // What each file says of itself: unknown ids in its suppression comments, and its parsers'
  // syntax errors — unless a finding explains one (a construct of the other dialect).
  for (const set of input.sets) {
    const level = ruleLevel(unknownRuleInSuppression, input.configOf(set));
    for (const migration of migrationsOfRun(set, input.onlyFile)) {
      for (const part of [migration.up, migration.down]) {
        // A file holding both parts (a sectioned framework) is read once, with its up part.
        const file = part?.file;
        if (file === undefined || (part!.direction === 'down' && migration.up?.file === file) || (input.onlyFile !== undefined && file !== input.onlyFile)) continue;
        const state = files.state(file, set);
        if (!state) continue;
        const own = fileFindings(state, file, level, set.framework);
        if (own.unknownIds.length > 0) findings.push(...own.unknownIds);
        for (const finding of own.syntaxErrors) {
          const overlaps = (range: SourceRange) => range.start < finding.offsets.end && finding.offsets.start < range.end;
          if (!(explained.get(file) ?? []).some(overlaps)) findings.push(finding.finding);
        }
      }
    }
  }
  return findings;
}

/** The migrations a run checks: all of the set's, or in a run about one file, those with a part in it. */
function migrationsOfRun(set: MigrationSet, only: string | undefined): readonly Migration[] {
  return only === undefined ? set.migrations : migrationsInFile(set, only).map((index) => set.migrations[index]);
}

/** Categories whose errors say the statement will fail (safety errors say it will hurt). */
const WILL_FAIL: ReadonlySet<Rule['category']> = new Set(['dependency', 'dialect', 'integrity']);

function withPartialApply(message: string, state: FileState, offset: number): string {
  const note = partialApplyNote(state, offset);
  if (!note) return message;
  return /[.!?]$/.test(message) ? `${message} ${note}` : `${message}. ${note}`;
}

/** goose and sql-migrate split files themselves: a DELIMITER line would reach the server, a block directive keeps a routine whole. */
const BLOCK_DIRECTIVES: Partial<Record<Framework, string>> = {
  goose: 'wrap it in `-- +goose StatementBegin` and `-- +goose StatementEnd` lines (goose sends DELIMITER lines to the server, which rejects them)',
  'sql-migrate': 'wrap it in `-- +migrate StatementBegin` and `-- +migrate StatementEnd` lines (sql-migrate sends DELIMITER lines to the server, which rejects them)',
};

/** The parser's advice, as the set's framework takes it. */
function inFrameworkTerms(message: string, framework: Framework): string {
  const directive = BLOCK_DIRECTIVES[framework];
  return directive && message.endsWith(DELIMITER_ADVICE) ? message.slice(0, -DELIMITER_ADVICE.length) + directive : message;
}

/** A file's own findings, kept with its state (its text and parts) for the level and framework they were made for. */
const ownFindings = new WeakMap<FileState, { level: Severity | 'off'; framework: Framework; unknownIds: Finding[]; syntaxErrors: { offsets: SourceRange; finding: Finding }[] }>();

function fileFindings(state: FileState, file: string, level: Severity | 'off', framework: Framework) {
  const kept = ownFindings.get(state);
  if (kept && kept.level === level && kept.framework === framework) return kept;
  const unknownIds = level === 'off' ? [] : unknownSuppressionFindings(file, state.lines, state.suppressions, level, knownRuleIds());
  const syntaxErrors = state.parts.flatMap(unparsedStatements).flatMap((statement) => {
    if (state.suppressions.silences(SYNTAX_ERROR_RULE, statement.range.start)) return [];
    const message = withPartialApply(inFrameworkTerms(statement.syntaxError!.message, framework), state, statement.range.start);
    const finding: Finding = { rule: SYNTAX_ERROR_RULE, severity: 'error', message, file, range: state.lines.range(statement.syntaxError!.range), related: [], fixes: [] };
    return [{ offsets: statement.range, finding }];
  });
  const made = { level, framework, unknownIds, syntaxErrors };
  ownFindings.set(state, made);
  return made;
}

/** The finding a report makes, in line and character positions; undefined when a comment silences it. */
function findingOf({ rule, severity, file, report }: PendingReport, state: FileState | undefined, linesOf: (file: string) => LineIndex): Finding | undefined {
  if (state?.suppressions.silences(rule.id, report.range.start)) return undefined;
  return {
    rule: rule.id,
    severity,
    message: severity === 'error' && state && WILL_FAIL.has(rule.category) ? withPartialApply(report.message, state, report.range.start) : report.message,
    file,
    range: linesOf(file).range(report.range),
    related: (report.related ?? []).map((related) => ({
      location: { file: related.file ?? file, range: linesOf(related.file ?? file).range(related.range) },
      message: related.message,
    })),
    fixes: (report.fixes ?? []).map((fix) => toFix(fix, file, linesOf)),
  };
}

/**
 * The context of each statement of one part in turn: rules read it while checking and keep
 * nothing of it, so one object serves the whole part.
 */
class StatementScope implements StatementContext {
  readonly text: string;
  statement!: Statement;
  change: Change | undefined;
  private index = 0;
  private earlier: readonly Statement[] | undefined;
  private blocks: readonly (number | undefined)[] | undefined;
  private partTokens: SqlToken[][] | undefined;
  private readonly replayed: PartReplay | undefined;

  constructor(
    readonly set: MigrationSet,
    readonly settings: RuleSettings,
    readonly migration: Migration,
    private readonly migrationReplay: MigrationReplay,
    readonly part: MigrationPart,
    private readonly parsed: ParsedPart,
    public report: (report: Report) => void,
  ) {
    this.text = parsed.text;
    this.replayed = part.direction === 'up' ? migrationReplay.up : migrationReplay.downResult;
  }

  moveTo(index: number): void {
    this.index = index;
    this.statement = this.parsed.statements[index];
    // A statement with a syntax error may carry the change recovered from it, for replay only:
    // its rules would judge text the author has yet to fix.
    this.change = this.statement.syntaxError ? undefined : this.statement.change;
    this.earlier = undefined;
  }

  get earlierStatements(): readonly Statement[] {
    return (this.earlier ??= this.parsed.statements.slice(0, this.index));
  }

  /** Computed once for the part: the scope serves every statement of it. */
  get transactionBlocks(): readonly (number | undefined)[] {
    return (this.blocks ??= transactionBlocks(this.part, this.parsed.statements));
  }

  /**
   * The tokens of the part's statements, read when a rule first asks and dropped with the scope:
   * rule results are kept, so the part's tokens are rarely needed again, and keeping them for
   * every part of a long history would hold more memory than the rest of its analysis.
   */
  get tokens(): readonly SqlToken[] {
    // Skimmed seed rows are never judged on their own (their template row was): no tokens for them.
    this.partTokens ??= tokensOfStatements(this.parsed.text, this.parsed.statements.map((s) => (s.skimmed ? undefined : s.range)), this.set.dialect, this.parsed.end);
    return this.partTokens[this.index];
  }

  schemaBefore(): Schema {
    return this.replayed?.steps[this.index]?.before ?? this.migrationReplay.before;
  }

  schemaAfter(): Schema {
    return this.replayed ? (this.replayed.steps[this.index + 1]?.before ?? this.replayed.after) : this.migrationReplay.after;
  }

  partReplay(): PartReplay | undefined {
    return this.replayed;
  }

  replayEvents(): readonly ReplayEvent[] {
    return this.replayed?.steps[this.index]?.events ?? [];
  }
}

/**
 * The files of one run: each migration part parsed once per run, and each file's state (line
 * index, suppression comments) taken from the cache while its text and parts are unchanged. A
 * file's state is made when first needed, so a run about one file touches that file only.
 */
class RunFiles {
  private readonly parts = new Map<MigrationPart, ParsedPart | undefined>();
  private partsByFile: Map<string, { set: MigrationSet; parts: MigrationPart[] }> | undefined;
  private readonly states = new Map<string, FileState | undefined>();

  constructor(
    private readonly input: RuleRunInput,
    private readonly cache: RuleCache,
  ) {}

  part(part: MigrationPart, set: MigrationSet): ParsedPart | undefined {
    if (this.parts.has(part)) return this.parts.get(part);
    const result = this.input.project.part(part, set.dialect, this.input.host);
    this.parts.set(part, result);
    return result;
  }

  /**
   * Files holding parts of the run's sets, each with the set whose dialect and settings apply and
   * its parts; in a run about one file, that file only.
   */
  holders(): ReadonlyMap<string, { set: MigrationSet; parts: readonly MigrationPart[] }> {
    if (!this.partsByFile) {
      this.partsByFile = new Map();
      const only = this.input.onlyFile;
      for (const set of this.input.sets) {
        for (const migration of migrationsOfRun(set, only)) {
          for (const part of [migration.up, migration.down]) {
            if (!part || (only !== undefined && part.file !== only)) continue;
            const holder = this.partsByFile.get(part.file);
            if (holder) holder.parts.push(part);
            else this.partsByFile.set(part.file, { set, parts: [part] });
          }
        }
      }
    }
    return this.partsByFile;
  }

  /** Whether `parsed` is still what the project holds for its part (the same text, place and dialect). */
  private stillParsed(parsed: ParsedPart): boolean {
    return this.input.project.isCurrent(parsed);
  }

  /**
   * A file's state: kept from an earlier run while the file reads the same and its parts are the
   * same parse results; files that hold no part (ignored files) are read when a finding lands in them.
   */
  state(file: string, set: MigrationSet): FileState | undefined {
    if (this.states.has(file)) return this.states.get(file);
    const kept = this.cache.files.get(file);
    if (kept && kept.dialect === set.dialect && kept.text === this.input.host.readFile(file) && kept.parts.every((part) => this.stillParsed(part))) {
      this.states.set(file, kept);
      return kept;
    }
    const holder = this.holders().get(file);
    const parsed = holder?.parts.map((part) => this.part(part, holder.set)).filter((part): part is ParsedPart => part !== undefined) ?? [];
    let state: FileState | undefined;
    if (holder && parsed.length > 0) state = this.partFileState(file, holder.set.dialect, parsed);
    else {
      const text = this.input.host.readFile(file);
      if (text !== undefined) state = newFileState(text, set.dialect, [], []);
    }
    this.states.set(file, state);
    return state;
  }

  lines(file: string, set: MigrationSet): LineIndex {
    return this.state(file, set)?.lines ?? new LineIndex('');
  }

  /** Where a finding about a whole part goes: the first line of its first statement. */
  anchor(part: MigrationPart, set: MigrationSet): SourceRange {
    const first = this.part(part, set)?.statements[0]?.range ?? part.range;
    const lines = this.state(part.file, set)?.lines;
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

const unparsedByPart = new WeakMap<ParsedPart, readonly Statement[]>();

function unparsedStatements(part: ParsedPart): readonly Statement[] {
  let unparsed = unparsedByPart.get(part);
  if (!unparsed) unparsedByPart.set(part, (unparsed = part.statements.filter((statement) => statement.syntaxError)));
  return unparsed;
}

function newFileState(text: string, dialect: Dialect, parts: readonly ParsedPart[], statements: readonly SourceRange[]): FileState {
  return { text, dialect, parts, lines: new LineIndex(text), suppressions: FileSuppressions.read(text, dialect, statements) };
}

/** The set's MySQL or MariaDB release: the project settings', else the one the project names (its compose file's image). */
function serverVersionSettings(set: MigrationSet, config: ProjectConfig): Pick<RuleSettings, 'mysqlVersion' | 'mariadbVersion' | 'serverVersionSource'> {
  if (set.dialect === 'postgres') return {};
  const setting = versionSetting(set.dialect);
  const configured = config[setting];
  if (configured !== undefined) return { [setting]: configured, serverVersionSource: setting };
  return set.serverVersion ? { [setting]: set.serverVersion.version, serverVersionSource: set.serverVersion.source } : {};
}
