// The one engine entry point: files in, findings out. The language server and the CLI both call
// it; neither knows how sets are discovered or statements parsed.

import { loadProjectConfig, type ProjectConfig } from './config/index.js';
import { DiscoveryMemo, discoverSets, type DiscoverOptions } from './discover/index.js';
import { snapshotHost, type FileHost } from './host.js';
import { compareFindings, type Finding } from './model/finding.js';
import type { MigrationSet } from './model/migration-set.js';
import { initParsers } from './parse/index.js';
import { RuleCache } from './rules/rule-cache.js';
import { unsupportedDialectFinding } from './rules/dialect/unsupported-dialect.js';
import { runRules } from './rules/run.js';
import { ReplayProject, type ParseStore } from './schema/project.js';
import type { SetReplay } from './schema/replay.js';

export interface AnalyzeOptions extends DiscoverOptions {
  /**
   * What is kept between analyses, so an edit re-parses one file, replays from the edited
   * migration on and re-runs only the rules whose inputs changed. The language server keeps one;
   * absent, each call starts afresh.
   */
  session?: AnalysisSession;
  /** Without a session: parse results kept on disk by an earlier run (the command line's `--cache`). */
  parses?: ParseStore;
}

/** Parse results, replays and rule results kept from one analysis to the next. */
export class AnalysisSession {
  readonly discovery = new DiscoveryMemo();
  readonly project: ReplayProject;
  readonly rules = new RuleCache();

  /**
   * `parses`: parse results kept on disk by an earlier run (the command line's `--cache`);
   * `oneShot`: a single analysis, so nothing is recorded for updating it.
   */
  constructor(parses?: ParseStore, oneShot = false) {
    this.project = new ReplayProject(parses, oneShot);
  }

  /** Forgets what belongs to sets and folders no longer analysed (call with every set of the workspace). */
  retain(sets: readonly MigrationSet[]): void {
    this.discovery.sweep();
    this.project.retain(sets);
    this.rules.retain(sets);
  }
}

export interface Analysis {
  sets: MigrationSet[];
  findings: Finding[];
  /** One replay per set, in the same order; snapshots are computed when first asked for. */
  replays: SetReplay[];
}

/** Loads the parsers' WebAssembly once; call before `analyze`. */
export async function initEngine(): Promise<void> {
  await initParsers();
}

/**
 * Analyses every migration set found under `paths` (files or folders, absolute, forward slashes).
 */
export function analyze(paths: string[], diskHost: FileHost, options: AnalyzeOptions = {}): Analysis {
  const host = snapshotHost(diskHost);
  const session = options.session ?? new AnalysisSession(options.parses, true);
  const discovered = discoverSets(paths, host, { ...options, memo: options.session?.discovery });
  // Another engine's folders are reported once and otherwise left alone: never replayed or linted.
  const sets = discovered.filter((set) => !set.unsupported);
  const { project } = session;
  // Without explicit settings each set uses its nearest `.migration-lens.json`, read once per set.
  const configs = new Map<MigrationSet, ProjectConfig>();
  const configOf = (set: MigrationSet): ProjectConfig => {
    let config = options.config ?? configs.get(set);
    if (!config) configs.set(set, (config = loadProjectConfig(set.root, host).config));
    return config;
  };
  const replays = sets.map((set) => {
    // The baseline setting seeds the replay: history starts from the schema it describes.
    const baselineFile = configOf(set).baseline;
    return project.replay(set, host, baselineFile === undefined ? undefined : project.baseline(baselineFile, set.dialect, host), options.changed);
  });
  const findings = runRules({ sets, replays, host, project, configOf, cache: options.session?.rules });
  for (const set of discovered) {
    const finding = set.unsupported ? unsupportedDialectFinding(set, configOf(set)) : undefined;
    if (finding) findings.push(finding);
  }
  findings.sort(compareFindings);
  return { sets, findings, replays };
}
