// Keeps the workspace's findings current and published.
//
// After an edit, the edited file first: its findings as its parser and its own migration's rules
// see them now, on the history before it (analyze-file.ts), published at once. Then, a moment
// later, the whole workspace: every set found again and re-checked incrementally, every file
// whose findings changed published again (the edited file too, if a set rule's finding changed).
// Each publication carries the version of the document it was made from. A target whose
// analysis throws keeps its last result, so one engine bug costs one folder's freshness, never
// the server.

import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { analyzeFile } from '../engine/analyze-file.js';
import { loadProjectConfig, mergeSettings, validateConfig, type ProjectConfig } from '../engine/config/index.js';
import { analyze, AnalysisSession, compareFindings, holdsFile, type Analysis, type FileHost, type Finding } from '../engine/index.js';
import { toDiagnostic } from './diagnostics.js';
import { IdleCollection } from './idle-collection.js';
import { SETTINGS_LABEL, type EditorSettings } from './settings.js';

export interface WorkspaceAnalysisDeps {
  connection: Connection;
  /** Resolves once the parsers are loaded and the settings read; rejects if the parsers fail. */
  ready: Promise<void>;
  /** The disk as last read, overlaid with the open documents. */
  host: FileHost;
  /** The paths that may read differently since the last call (documents edited, file events). */
  takeChanged(): Set<string>;
  openPaths(): string[];
  /** The URI to publish for a path (the open document's own URI when there is one) and its document version. */
  documentOf(path: string): { uri: string; version?: number };
  /** How long the whole analysis waits for more edits; the edited file's findings never wait. */
  debounceMs: number;
  /** Diagnostics per path that come from outside the engine (lock traces), published with its findings. */
  observedDiagnostics(analysis: Analysis): ReadonlyMap<string, Diagnostic[]>;
}

interface TargetResult {
  analysis: Analysis;
  config: ProjectConfig;
}

export class WorkspaceAnalysis {
  folders: string[] = [];
  settings: EditorSettings = { projectValues: {}, inlayHints: false };
  /** Parsed statements, replays and rule results kept across edits, so an edit costs what it changed. */
  private readonly session = new AnalysisSession();
  /** Configuration problems last logged, so each edit does not log them again. */
  private loggedConfigProblems = '';
  private readonly resultsByTarget = new Map<string, TargetResult>();
  private mergedResult: Analysis | undefined;
  private readonly findingsByPath = new Map<string, readonly Finding[]>();
  /** Per file, the text its last whole analysis saw, so findings can follow the text until the next. */
  private readonly analysedTexts = new Map<string, string | undefined>();
  /** What was last sent per file: the findings (compared by identity first) and the diagnostics. */
  private readonly published = new Map<string, { findings: readonly Finding[]; observed: readonly Diagnostic[]; serialised: string; version?: number }>();
  /** Edited files whose own findings are still to be published. */
  private readonly edited = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private quick: NodeJS.Immediate | undefined;
  private readonly idle = new IdleCollection();
  /** False when the parsers failed to load; handled here so the rejection can never go unobserved. */
  private readonly engineLoaded: Promise<boolean>;
  private loaded = false;

  constructor(private readonly deps: WorkspaceAnalysisDeps) {
    this.engineLoaded = deps.ready.then(
      () => (this.loaded = true),
      (error) => {
        this.log('could not load the SQL parsers', error);
        return false;
      },
    );
  }

  /** The text of an open document changed: its own findings at once, the rest after the debounce. */
  documentEdited(path: string): void {
    this.edited.add(path);
    this.quick ??= setImmediate(() => {
      this.quick = undefined;
      this.publishEditedFiles();
    });
    this.schedule();
  }

  schedule(): void {
    this.idle.workPending();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runNow(), this.deps.debounceMs);
  }

  dispose(): void {
    this.idle.workPending();
    clearTimeout(this.timer);
    if (this.quick) clearImmediate(this.quick);
  }

  /** Analyses now, publishes, and returns the merged result of all targets. */
  async runNow(): Promise<Analysis> {
    clearTimeout(this.timer);
    if (!(await this.engineLoaded)) return this.merged();
    this.edited.clear();
    const changed = this.deps.takeChanged();
    const targets = this.targets();
    for (const target of this.resultsByTarget.keys()) {
      if (!targets.includes(target)) this.resultsByTarget.delete(target);
    }
    const configProblems: string[] = [];
    for (const target of targets) {
      try {
        const config = this.configFor(target, configProblems);
        const analysis = analyze([target], this.deps.host, { dialect: this.settings.dialect, config, session: this.session, changed });
        this.resultsByTarget.set(target, { analysis, config });
      } catch (error) {
        this.log(`analysis of ${target} failed; its previous results stay`, error);
      }
    }
    this.logConfigProblems(configProblems);
    this.mergedResult = undefined;
    const analysis = this.merged();
    this.session.retain(analysis.sets);
    this.rememberOpenTexts();
    this.publish(analysis);
    this.idle.workDone();
    return analysis;
  }

  /** Publishes the last analysis again, for when what is observed changed but no file did (a trace finished). */
  republish(): void {
    this.publish(this.merged());
  }

  /** The merged result of the last analysis, for hovers and code actions. */
  latest(): Analysis {
    return this.merged();
  }

  findingsAt(path: string): readonly Finding[] {
    return this.findingsByPath.get(path) ?? [];
  }

  /** The edited files' own findings, made on the last whole analysis and published at once. */
  private publishEditedFiles(): void {
    if (!this.loaded || this.resultsByTarget.size === 0) return;
    const files = [...this.edited];
    this.edited.clear();
    const observed = this.deps.observedDiagnostics(this.merged());
    for (const file of files) {
      const target = [...this.resultsByTarget.entries()].find(([, { analysis }]) => analysis.sets.some((set) => holdsFile(set, file)));
      if (!target) continue;
      const [, { analysis, config }] = target;
      try {
        const findings = analyzeFile(file, this.deps.host, { session: this.session, previous: analysis, previousText: this.analysedTexts.get(file), config, dialect: this.settings.dialect });
        if (!findings) continue;
        this.findingsByPath.set(file, findings);
        this.send(file, findings, observed.get(file) ?? []);
      } catch (error) {
        this.log(`checking ${file} failed; the whole analysis will follow`, error);
      }
    }
  }

  /** `.migration-lens.json` for the target with the editor settings over it; problems are appended. */
  private configFor(target: string, problems: string[]): ProjectConfig {
    const file = loadProjectConfig(target, this.deps.host);
    const editor = validateConfig(this.settings.projectValues, { label: SETTINGS_LABEL, baseDir: target });
    problems.push(...[...file.problems, ...editor.problems].map((problem) => problem.message));
    return mergeSettings(file.config, editor.values);
  }

  private logConfigProblems(problems: string[]): void {
    const text = [...new Set(problems)].join('\n');
    if (text && text !== this.loggedConfigProblems) this.deps.connection.console.warn(`Migration Lens settings:\n${text}`);
    this.loggedConfigProblems = text;
  }

  /** Workspace folders, plus open files outside every folder, each checked on its own. */
  private targets(): string[] {
    const inFolder = (path: string) => this.folders.some((folder) => path === folder || path.startsWith(`${folder}/`));
    const loose = this.deps.openPaths().filter((path) => path.endsWith('.sql') && !inFolder(path));
    return [...this.folders, ...loose];
  }

  private merged(): Analysis {
    if (this.mergedResult) return this.mergedResult;
    const results = [...this.resultsByTarget.values()].map(({ analysis }) => analysis);
    return (this.mergedResult = {
      sets: results.flatMap((result) => result.sets),
      findings: results.length === 1 ? results[0].findings : results.flatMap((result) => result.findings).sort(compareFindings),
      replays: results.flatMap((result) => result.replays),
    });
  }

  /** The text of every open document as the whole analysis saw it. */
  private rememberOpenTexts(): void {
    this.analysedTexts.clear();
    for (const path of this.deps.openPaths()) this.analysedTexts.set(path, this.deps.host.readFile(path));
  }

  private publish(analysis: Analysis): void {
    this.findingsByPath.clear();
    for (const finding of analysis.findings) {
      const list = this.findingsByPath.get(finding.file) as Finding[] | undefined;
      if (list) list.push(finding);
      else this.findingsByPath.set(finding.file, [finding]);
    }
    const observed = this.deps.observedDiagnostics(analysis);
    const paths = new Set([...this.findingsByPath.keys(), ...observed.keys(), ...this.deps.openPaths()]);
    for (const path of paths) this.send(path, this.findingsByPath.get(path) ?? [], observed.get(path) ?? []);
    // Files that had diagnostics and have none now.
    for (const [path, last] of this.published) {
      if (paths.has(path)) continue;
      if (last.serialised !== EMPTY) this.send(path, [], []);
      this.published.delete(path);
    }
  }

  /**
   * Sends a file's diagnostics unless they are what was last sent. An open document hears once
   * for each of its versions, even when nothing changed: the editor then knows they hold for the
   * text it has.
   */
  private send(path: string, findings: readonly Finding[], observed: readonly Diagnostic[]): void {
    const { uri, version } = this.deps.documentOf(path);
    const last = this.published.get(path);
    const sameVersion = last?.version === version;
    if (sameVersion && last && last.observed === observed && sameList(last.findings, findings)) return;
    const diagnostics = [...findings.map(toDiagnostic), ...observed];
    const serialised = JSON.stringify(diagnostics);
    if (!sameVersion || last?.serialised !== serialised) void this.deps.connection.sendDiagnostics({ uri, diagnostics, ...(version === undefined ? {} : { version }) });
    this.published.set(path, { findings, observed, serialised, version });
  }

  private log(what: string, error: unknown): void {
    this.deps.connection.console.error(`Migration Lens: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

const EMPTY = JSON.stringify([]);

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((item, i) => item === b[i]);
