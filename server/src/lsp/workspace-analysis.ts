// Keeps the workspace's findings current: analyses each workspace folder (and each open file
// outside them) after edits settle, publishes diagnostics for every file with findings or with
// observations of a lock trace, and clears files that no longer have any. A target whose
// analysis throws keeps its last result, so one engine bug costs one folder's freshness, never
// the server.

import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import { loadProjectConfig, mergeSettings, validateConfig, type ProjectConfig } from '../engine/config/index.js';
import { analyze, AnalysisSession, compareFindings, type Analysis, type FileHost, type Finding } from '../engine/index.js';
import { toDiagnostic } from './diagnostics.js';
import { SETTINGS_LABEL, type EditorSettings } from './settings.js';

export interface WorkspaceAnalysisDeps {
  connection: Connection;
  /** Resolves once the parsers are loaded and the settings read; rejects if the parsers fail. */
  ready: Promise<void>;
  /** Disk overlaid with the open documents. */
  host: FileHost;
  openPaths(): string[];
  /** The URI to publish for a path: the open document's own URI when there is one. */
  uriForPath(path: string): string;
  debounceMs: number;
  /** Diagnostics per path that come from outside the engine (lock traces), published with its findings. */
  observedDiagnostics(analysis: Analysis): ReadonlyMap<string, Diagnostic[]>;
}

export class WorkspaceAnalysis {
  folders: string[] = [];
  settings: EditorSettings = { projectValues: {} };
  /** Parsed statements, replays and rule results kept across edits, so an edit costs what it changed. */
  private readonly session = new AnalysisSession();
  /** Configuration problems last logged, so each edit does not log them again. */
  private loggedConfigProblems = '';
  private readonly resultsByTarget = new Map<string, Analysis>();
  private readonly findingsByPath = new Map<string, Finding[]>();
  /** Diagnostics last sent per URI, serialised, to skip re-sending unchanged files. */
  private readonly published = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  /** False when the parsers failed to load; handled here so the rejection can never go unobserved. */
  private readonly engineLoaded: Promise<boolean>;

  constructor(private readonly deps: WorkspaceAnalysisDeps) {
    this.engineLoaded = deps.ready.then(
      () => true,
      (error) => {
        this.log('could not load the SQL parsers', error);
        return false;
      },
    );
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runNow(), this.deps.debounceMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  /** Analyses now, publishes, and returns the merged result of all targets. */
  async runNow(): Promise<Analysis> {
    clearTimeout(this.timer);
    if (!(await this.engineLoaded)) return this.merged();
    const targets = this.targets();
    for (const target of this.resultsByTarget.keys()) {
      if (!targets.includes(target)) this.resultsByTarget.delete(target);
    }
    const configProblems: string[] = [];
    for (const target of targets) {
      try {
        const config = this.configFor(target, configProblems);
        this.resultsByTarget.set(target, analyze([target], this.deps.host, { dialect: this.settings.dialect, config, session: this.session }));
      } catch (error) {
        this.log(`analysis of ${target} failed; its previous results stay`, error);
      }
    }
    this.logConfigProblems(configProblems);
    const analysis = this.merged();
    this.session.retain(analysis.sets);
    this.publish(analysis);
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
    const results = [...this.resultsByTarget.values()];
    return {
      sets: results.flatMap((result) => result.sets),
      findings: results.flatMap((result) => result.findings).sort(compareFindings),
      replays: results.flatMap((result) => result.replays),
    };
  }

  private publish(analysis: Analysis): void {
    this.findingsByPath.clear();
    for (const finding of analysis.findings) {
      const list = this.findingsByPath.get(finding.file) ?? [];
      list.push(finding);
      this.findingsByPath.set(finding.file, list);
    }
    const byPath = new Map<string, Diagnostic[]>();
    for (const [path, list] of this.findingsByPath) byPath.set(path, list.map(toDiagnostic));
    for (const [path, observed] of this.deps.observedDiagnostics(analysis)) {
      if (observed.length > 0) byPath.set(path, [...(byPath.get(path) ?? []), ...observed]);
    }
    const current = new Map<string, string>();
    for (const [path, diagnostics] of byPath) {
      const uri = this.deps.uriForPath(path);
      const serialised = JSON.stringify(diagnostics);
      current.set(uri, serialised);
      if (this.published.get(uri) !== serialised) void this.deps.connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of this.published.keys()) {
      if (!current.has(uri)) void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.published.clear();
    for (const [uri, serialised] of current) this.published.set(uri, serialised);
  }

  private log(what: string, error: unknown): void {
    this.deps.connection.console.error(`Migration Lens: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
