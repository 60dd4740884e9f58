// `migration-lens check <paths...>`: analyses every migration set under the paths and prints the
// findings. Exit 0: no error-severity finding; 1: at least one; 2: bad usage or unreadable input.
//
// This module is part of dist/cli.js, which answers a check from its cache alone: what needs the
// engine (the analysis, the rule catalog) comes from engineSide(), loaded on first use.

import { accessSync, constants, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProjectConfig } from '../../engine/config/load.js';
import { normalizePath, type FileHost } from '../../engine/host.js';
import type { CheckResult } from '../check-result.js';
import { DIALECTS, type Dialect } from '../../engine/model/source.js';
import { createNodeFileHost } from '../../node-file-host.js';
import { isOneOf } from '../arguments.js';
import { CheckCache, DEFAULT_CACHE_LOCATION } from '../check-cache.js';
import { engineSide } from '../engine-bundle.js';
import { EXIT_FINDINGS, EXIT_OK, reportError, type CliIO } from '../io.js';
import { formatJson } from '../output/json.js';
import { formatSarif } from '../output/sarif.js';
import { formatText } from '../output/text.js';
import { toolVersion } from '../version.js';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const usage = `Usage: migration-lens check <paths...> [--format text|json|sarif] [--dialect postgres|mysql|mariadb] [--changed-since <git-ref>]
                            [--cache [--cache-location <file>]]
       migration-lens check --explain <rule-id>
       migration-lens check --list-rules [--format text|json]

Checks every migration folder under the given files or folders.
  --format         text (default), json (stable contract, version 1) or sarif (SARIF 2.1.0)
  --dialect        check every set as this dialect instead of detecting it
  --changed-since  report findings only in files changed since <git-ref> (committed since the merge
                   base, uncommitted or untracked); the whole history is still replayed
  --cache          keep what this run found and how each file parsed, and reuse it next time:
                   a tree nothing changed in is not parsed again, and unchanged files never are
  --cache-location the cache file (default ${DEFAULT_CACHE_LOCATION}, from the current folder)
  --explain        print a rule's documentation: what it reports, why, how to fix it, examples
  --list-rules     list every rule: id, category, dialects, default severity and what it reports
Exit code: 0 no errors, 1 at least one error-severity finding, 2 bad usage, unreadable input or
nothing to check (no migrations under the paths).
`;

interface CheckOptions {
  /** As given on the command line, for messages. */
  givenPaths: string[];
  /** Absolute, forward slashes: the engine's spelling. */
  paths: string[];
  format: Format;
  dialect?: Dialect;
  changedSince?: string;
  /** With `--cache`: where the cache file lives (absolute). */
  cache?: string;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(usage);
    return EXIT_OK;
  }
  const explainIndex = argv.indexOf('--explain');
  if (explainIndex >= 0) return explain(argv[explainIndex + 1], io);
  if (argv.includes('--list-rules')) return listRules(argv, io);
  const options = parseCheckArgs(argv, io.cwd);
  if (typeof options === 'string') return reportError(io, 'check', options);

  // Loaded only when asked for: it brings child_process, which a plain check never uses.
  const changed = options.changedSince === undefined ? undefined : await (await import('./changed-files.js')).changedFilesSince(options.changedSince, io.cwd);
  if (typeof changed === 'string') return reportError(io, 'check', changed);

  const host = createNodeFileHost();
  reportConfigProblems(options.paths, host, io);
  const whole = await analyzeWithCache(options, host, io);
  // Another engine's folders alone leave no set to check, but their note says why.
  if (whole.sets.length === 0 && whole.findings.length === 0) return reportError(io, 'check', `nothing to check: no .sql migrations found under ${options.givenPaths.join(', ')}`);
  const analysis = changed ? { ...whole, findings: whole.findings.filter((finding) => changed.has(finding.file)) } : whole;

  if (options.format === 'json') io.stdout(formatJson(analysis, io.cwd));
  else if (options.format === 'sarif') io.stdout(formatSarif(analysis, io.cwd, { version: toolVersion, rules: engineSide().RULE_CATALOG }));
  else io.stdout(formatText(analysis, io.cwd, (file) => host.readFile(file)));

  return analysis.findings.some((finding) => finding.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

/** The analysis, from the cache when `--cache` is given and nothing it read has changed. */
async function analyzeWithCache(options: CheckOptions, host: FileHost, io: CliIO): Promise<CheckResult> {
  if (options.cache === undefined) return engineSide().analyzeForCheck(options.paths, options.dialect, host);
  const store = CheckCache.open(options.cache);
  const key = JSON.stringify([options.paths, options.dialect ?? '']);
  const kept = store.result(key, host);
  if (kept) return kept;
  const analysis = await engineSide().analyzeForCheck(options.paths, options.dialect, host, { store, key });
  const problem = store.save();
  if (problem) io.stderr(`migration-lens check: warning: ${problem}\n`);
  return analysis;
}

function explain(id: string | undefined, io: CliIO): number {
  if (id === undefined || id.startsWith('-')) return reportError(io, 'check', '--explain needs a rule id, e.g. `migration-lens check --explain down-does-not-restore`');
  const explained = engineSide().explainRule(id);
  if ('error' in explained) return reportError(io, 'check', explained.error);
  io.stdout(explained.text);
  return EXIT_OK;
}

function listRules(argv: string[], io: CliIO): number {
  const rest = argv.filter((arg) => arg !== '--list-rules');
  let format: string;
  try {
    const parsed = parseArgs({ args: rest, options: { format: { type: 'string', short: 'f' } } });
    format = parsed.values.format ?? 'text';
  } catch (error) {
    return reportError(io, 'check', `${(error as Error).message}; --list-rules takes only --format text|json`);
  }
  if (format !== 'text' && format !== 'json') return reportError(io, 'check', `unknown format "${format}" for --list-rules; use text or json`);
  const { ruleListJson, ruleListText } = engineSide();
  io.stdout(format === 'json' ? ruleListJson() : ruleListText());
  return EXIT_OK;
}

/**
 * The engine uses the valid parts of a broken `.migration-lens.json` and says nothing, so say
 * what was ignored here: a CI run must not silently check with settings nobody meant.
 */
function reportConfigProblems(paths: string[], host: FileHost, io: CliIO): void {
  const problems = new Set(paths.flatMap((path) => loadProjectConfig(path, host).problems.map((problem) => problem.message)));
  for (const message of problems) io.stderr(`migration-lens check: warning: ${message}\n`);
}

/** The parsed options, or a one-line message saying what is wrong and what to do. */
function parseCheckArgs(argv: string[], cwd: string): CheckOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        dialect: { type: 'string' },
        'changed-since': { type: 'string' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
      },
    });
  } catch (error) {
    return `${(error as Error).message}; run \`migration-lens check --help\` for the options`;
  }
  const { format = 'text', dialect, 'changed-since': changedSince, cache, 'cache-location': cacheLocation } = parsed.values;
  if (cacheLocation !== undefined && !cache) return '--cache-location needs --cache';
  if (!isOneOf(format, FORMATS)) return `unknown format "${format}"; use one of ${FORMATS.join(', ')}`;
  if (dialect !== undefined && !isOneOf(dialect, DIALECTS)) {
    return `unknown dialect "${dialect}"; use one of ${DIALECTS.join(', ')}`;
  }
  if (parsed.positionals.length === 0) return 'no paths given; pass the migration folders or files to check, e.g. `migration-lens check db/migrations`';

  const paths: string[] = [];
  for (const given of parsed.positionals) {
    const absolute = resolve(cwd, given);
    if (!existsSync(absolute)) return `path not found: ${given} (relative paths are resolved from ${cwd}); check the spelling`;
    try {
      accessSync(absolute, constants.R_OK);
    } catch {
      return `cannot read ${given}: permission denied; give the current user read access`;
    }
    paths.push(normalizePath(absolute));
  }
  return {
    givenPaths: parsed.positionals,
    paths,
    format,
    dialect,
    ...(changedSince === undefined ? {} : { changedSince }),
    ...(cache ? { cache: resolve(cwd, cacheLocation ?? DEFAULT_CACHE_LOCATION) } : {}),
  };
}
