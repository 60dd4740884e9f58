// What every command that talks to a database shares: `<dir> --target … --format …` parsing,
// loading the migration set under <dir> (each of them, for a command that lists several), turning
// --target into a connection (through db/targets/resolve.ts; embedded and docker give each set its
// own database), pre-flight checks before migrations run on a server, and turning every
// user-fixable failure into one line (JSON with --format json) and exit 2.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConnectionError, DatabaseError, openTarget, uncreatedEmbeddedDatabase, type DatabaseConnection } from '../db/connection.js';
import { DockerError } from '../db/docker/cli.js';
import { runPreflight } from '../db/preflight/index.js';
import { migrationStatus, RunRefused, type RunnerOptions } from '../db/runner/index.js';
import { resolveTarget, TargetSpecError, uncreatedContainer, type TargetRequest } from '../db/targets/resolve.js';
import { sharedHistoryWarnings } from '../db/targets/shared-history.js';
import { loadProjectConfig } from '../engine/config/index.js';
import { analyze, AnalysisSession, initEngine, normalizePath, type FileHost } from '../engine/index.js';
import type { Statement } from '../engine/model/changes.js';
import type { Migration, MigrationSet } from '../engine/model/migration-set.js';
import type { SetReplay } from '../engine/schema/replay.js';
import { createNodeFileHost } from '../node-file-host.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, reportError, type CliIO } from './io.js';
import { displayPath } from './output/locations.js';

export const TARGET_OPTIONS_USAGE = `  --target          embedded (default for PostgreSQL), docker, or a database URL; the password
                    may come from MIGRATION_LENS_DB_PASSWORD instead of the URL
  --docker-version  image tag of the docker target (postgres 16, mysql 8.4, mariadb 11.4 by default)
  --allow-remote    allow a URL whose host is not this machine
  --format          text (default) or json`;

type Options = NonNullable<ParseArgsConfig['options']>;

export interface DatabaseCommandContext {
  io: CliIO;
  set: MigrationSet;
  replay: SetReplay;
  /** The up part's parsed statements (none when the migration has no up part). */
  upStatements(migration: Migration): readonly Statement[];
  connection: DatabaseConnection;
  runner: RunnerOptions;
  json: boolean;
  values: Record<string, string | boolean | undefined>;
  /** Prints the set's JSON answer; with several sets, each becomes an entry of one `{ "sets": [...] }` document. */
  printJson(value: object): void;
}

export interface DatabaseCommand {
  name: string;
  usage: string;
  options?: Options;
  /** Runs the pre-flight checks (URL, server dialect, locks on the pending migrations' tables) first, on servers. */
  preflight?: boolean;
  run(context: DatabaseCommandContext): Promise<number>;
  /**
   * Answers instead of `run` when the target's database does not exist yet (the embedded
   * database, or the Docker container), so that only reading creates nothing (≈40 MB and seconds,
   * or a container); `description` names the target.
   */
  withoutDatabase?(context: Omit<DatabaseCommandContext, 'connection'>, description: string): Promise<number>;
  /** Runs on every set under <dir>, one after the other (the highest exit code wins); others take one set. */
  eachSet?: boolean;
}

const COMMON_OPTIONS: Options = {
  target: { type: 'string', short: 't' },
  'docker-version': { type: 'string' },
  'allow-remote': { type: 'boolean' },
  format: { type: 'string', short: 'f' },
};

const readFile = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

export async function runDatabaseCommand(command: DatabaseCommand, argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(command.usage);
    return EXIT_OK;
  }
  const fail = (message: string) => reportError(io, command.name, message);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...COMMON_OPTIONS, ...command.options } });
  } catch (error) {
    return fail(`${(error as Error).message}; run \`migration-lens ${command.name} --help\` for the options`);
  }
  const values = parsed.values as DatabaseCommandContext['values'];
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') return fail(`unknown format "${format}"; use text or json`);
  if (parsed.positionals.length !== 1) return fail(`pass exactly one migration folder, e.g. \`migration-lens ${command.name} db/migrations\``);
  const folder = parsed.positionals[0];
  const loaded = await loadMigrationSets(folder, io);
  if (typeof loaded === 'string') return fail(loaded);
  if (loaded.sets.length > 1 && !command.eachSet) return fail(severalSets(loaded.sets, folder, io.cwd));

  const several = loaded.sets.length > 1;
  const entries: object[] = [];
  const spec = values.target as string | undefined;
  const warnings = spec === undefined ? [] : [...sharedHistoryWarnings(loaded.sets.map((set) => ({ set, spec })), (root) => displayPath(root, io.cwd)).values()];
  if (format === 'text') for (const warning of warnings) io.stderr(`migration-lens ${command.name}: warning: ${warning}\n`);
  const printJson = (value: object) => (several ? entries.push(value) : io.stdout(`${JSON.stringify(value, null, 2)}\n`));
  let exitCode = EXIT_OK;
  for (const [index, set] of loaded.sets.entries()) {
    // With several sets, one that cannot be read is reported among the others, which still are.
    const failed = (message: string, code: number) =>
      several ? (format === 'json' ? entries.push({ set: displayPath(set.root, io.cwd), error: message }) : io.stderr(`migration-lens ${command.name}: ${message}\n`), code) : reportError(io, command.name, message, code);
    const code = await runOnSet(command, { io, set, replay: loaded.replays[index], values, json: format === 'json', printJson }, loaded, failed);
    exitCode = Math.max(exitCode, code);
  }
  if (several && format === 'json') io.stdout(`${JSON.stringify({ sets: entries, warnings }, null, 2)}\n`);
  return exitCode;
}

type SetContext = Pick<DatabaseCommandContext, 'io' | 'set' | 'replay' | 'values' | 'json' | 'printJson'>;

async function runOnSet(command: DatabaseCommand, { io, set, replay, values, json, printJson }: SetContext, { session, host }: LoadedSets, failed: (message: string, code: number) => number): Promise<number> {
  const spec = (values.target as string | undefined) ?? (set.dialect === 'postgres' ? 'embedded' : undefined);
  if (spec === undefined) {
    return failed(`${displayPath(set.root, io.cwd)} holds ${set.dialect} migrations, which need --target docker or a ${set.dialect}:// URL (the embedded database is PostgreSQL)`, EXIT_USAGE);
  }
  let connection: DatabaseConnection | undefined;
  try {
    const request: TargetRequest = {
      spec,
      workspace: normalizePath(io.cwd),
      set,
      dockerVersion: values['docker-version'] as string | undefined,
      dockerVersionHint: '--docker-version',
      password: process.env.MIGRATION_LENS_DB_PASSWORD,
      allowRemote: values['allow-remote'] === true,
      onProgress: (message) => io.stderr(`${message}…\n`),
    };
    const upStatements = (migration: Migration) => (migration.up && session.project.statements(migration.up, set.dialect, host)) || [];
    const base = { io, set, replay, upStatements, runner: { readFile }, json, values, printJson };
    const noContainer = command.withoutDatabase && (await uncreatedContainer(request));
    if (command.withoutDatabase && noContainer) return await command.withoutDatabase(base, noContainer);
    const target = await resolveTarget(request);
    const uncreated = uncreatedEmbeddedDatabase(target);
    if (command.withoutDatabase && uncreated) return await command.withoutDatabase(base, uncreated);
    connection = await openTarget(target);
    const context: DatabaseCommandContext = { ...base, connection };
    if (command.preflight && target.kind !== 'embedded') {
      const problems = await preflightProblems(context, loadProjectConfig(set.root, host).config.pgVersion);
      for (const problem of problems.filter((p) => p.severity !== 'error')) io.stderr(`migration-lens ${command.name}: ${problem.severity}: ${problem.message}\n`);
      const errors = problems.filter((problem) => problem.severity === 'error');
      // Nothing has run: exit 1 like a blocked run, so CI tells it from a mistyped command.
      if (errors.length > 0) return failed(errors.map((problem) => problem.message).join('\n'), EXIT_FINDINGS);
    }
    return await command.run(context);
  } catch (error) {
    if (error instanceof TargetSpecError || error instanceof DockerError || error instanceof ConnectionError || error instanceof RunRefused || error instanceof DatabaseError) {
      // One line, except a container's log tail, which is the reason itself.
      return failed(error.message, EXIT_USAGE);
    }
    throw error;
  } finally {
    await connection?.close();
  }
}

interface LoadedSets {
  sets: MigrationSet[];
  replays: SetReplay[];
  session: AnalysisSession;
  host: FileHost;
}

/**
 * The migration sets under `folder` (relative to the working directory), analysed; or a
 * one-line message saying what to pass instead.
 */
export async function loadMigrationSets(folder: string, io: CliIO): Promise<LoadedSets | string> {
  const dir = normalizePath(resolve(io.cwd, folder));
  await initEngine();
  const session = new AnalysisSession();
  const host = createNodeFileHost();
  const analysis = analyze([dir], host, { session });
  if (analysis.sets.length === 0) return `no .sql migrations found under ${folder}`;
  return { sets: analysis.sets, replays: analysis.replays, session, host };
}

/** The one migration set under `folder`, or a message that lists them when there are several. */
export async function loadMigrationSet(folder: string, io: CliIO) {
  const loaded = await loadMigrationSets(folder, io);
  if (typeof loaded === 'string') return loaded;
  if (loaded.sets.length > 1) return severalSets(loaded.sets, folder, io.cwd);
  return { set: loaded.sets[0], replay: loaded.replays[0], project: loaded.session.project, host: loaded.host };
}

function severalSets(sets: readonly MigrationSet[], folder: string, cwd: string): string {
  return `${sets.length} migration sets under ${folder} (${sets.map((set) => displayPath(set.root, cwd)).join(', ')}); pass one of them`;
}

async function preflightProblems({ connection, set, runner, upStatements }: DatabaseCommandContext, expectedPgVersion: string | undefined) {
  // Read only after the dialect check: the tracking table of a MySQL set means nothing on PostgreSQL.
  const pendingStatements = async () => {
    const status = await migrationStatus(connection, set, runner);
    return status.migrations.filter((s) => s.state === 'pending' && s.migration).flatMap((s) => [...upStatements(s.migration!)]);
  };
  return runPreflight(connection, { set, pendingStatements, expectedPgVersion });
}
