// What every command that talks to a database shares: `<dir> --target … --format …` parsing,
// loading the one migration set under <dir>, turning --target into a connection (through
// db/targets/resolve.ts), pre-flight checks before migrations run on a server, and turning every
// user-fixable failure into one line and exit 2.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConnectionError, DatabaseError, openTarget, uncreatedEmbeddedDatabase, type DatabaseConnection } from '../db/connection.js';
import { DockerError } from '../db/docker/cli.js';
import { runPreflight } from '../db/preflight/index.js';
import { migrationStatus, RunRefused, type RunnerOptions } from '../db/runner/index.js';
import { resolveTarget, TargetSpecError } from '../db/targets/resolve.js';
import { loadProjectConfig } from '../engine/config/index.js';
import { analyze, AnalysisSession, initEngine, normalizePath } from '../engine/index.js';
import type { Statement } from '../engine/model/changes.js';
import type { Migration, MigrationSet } from '../engine/model/migration-set.js';
import type { SetReplay } from '../engine/schema/replay.js';
import { createNodeFileHost } from '../node-file-host.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from './io.js';

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
}

export interface DatabaseCommand {
  name: string;
  usage: string;
  options?: Options;
  /** Runs the pre-flight checks (URL, server dialect, locks on the pending migrations' tables) first, on servers. */
  preflight?: boolean;
  run(context: DatabaseCommandContext): Promise<number>;
  /**
   * Answers instead of `run` when the target is the embedded database and it does not exist yet,
   * so that only reading creates nothing (≈40 MB and seconds); `description` names the target.
   */
  withoutEmbeddedDatabase?(context: Omit<DatabaseCommandContext, 'connection'>, description: string): Promise<number>;
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
  const fail = (message: string) => {
    io.stderr(`migration-lens ${command.name}: ${message}\n`);
    return EXIT_USAGE;
  };
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
  const loaded = await loadMigrationSet(parsed.positionals[0], io);
  if (typeof loaded === 'string') return fail(loaded);
  const { set, replay, project, host } = loaded;
  const spec = (values.target as string | undefined) ?? (set.dialect === 'postgres' ? 'embedded' : undefined);
  if (spec === undefined) return fail(`${set.dialect} migrations need --target docker or a ${set.dialect}:// URL (the embedded database is PostgreSQL)`);

  let connection: DatabaseConnection | undefined;
  try {
    const target = await resolveTarget({
      spec,
      workspace: normalizePath(io.cwd),
      dialect: set.dialect,
      dockerVersion: values['docker-version'] as string | undefined,
      dockerVersionHint: '--docker-version',
      password: process.env.MIGRATION_LENS_DB_PASSWORD,
      allowRemote: values['allow-remote'] === true,
      onProgress: (message) => io.stderr(`${message}…\n`),
    });
    const upStatements = (migration: Migration) => (migration.up && project.statements(migration.up, set.dialect, host)) || [];
    const base = { io, set, replay, upStatements, runner: { readFile }, json: format === 'json', values };
    const uncreated = uncreatedEmbeddedDatabase(target);
    if (command.withoutEmbeddedDatabase && uncreated) return await command.withoutEmbeddedDatabase(base, uncreated);
    connection = await openTarget(target);
    const context: DatabaseCommandContext = { ...base, connection };
    if (command.preflight && target.kind !== 'embedded') {
      const problems = await preflightProblems(context, loadProjectConfig(set.root, host).config.pgVersion);
      for (const problem of problems) io.stderr(`migration-lens ${command.name}: ${problem.severity}: ${problem.message}\n`);
      // Nothing has run: exit 1 like a blocked run, so CI tells it from a mistyped command.
      if (problems.some((problem) => problem.severity === 'error')) return EXIT_FINDINGS;
    }
    return await command.run(context);
  } catch (error) {
    if (error instanceof TargetSpecError || error instanceof DockerError || error instanceof ConnectionError || error instanceof RunRefused || error instanceof DatabaseError) {
      // One line, except a container's log tail, which is the reason itself.
      return fail(error.message);
    }
    throw error;
  } finally {
    await connection?.close();
  }
}

/**
 * The one migration set under `folder` (relative to the working directory), analysed; or a
 * one-line message saying what to pass instead.
 */
export async function loadMigrationSet(folder: string, io: CliIO) {
  const dir = normalizePath(resolve(io.cwd, folder));
  await initEngine();
  const session = new AnalysisSession();
  const host = createNodeFileHost();
  const analysis = analyze([dir], host, { session });
  if (analysis.sets.length === 0) return `no .sql migrations found under ${folder}`;
  if (analysis.sets.length > 1) return `${analysis.sets.length} migration sets under ${folder}; pass one of them`;
  return { set: analysis.sets[0], replay: analysis.replays[0], project: session.project, host };
}

async function preflightProblems({ connection, set, runner, upStatements }: DatabaseCommandContext, expectedPgVersion: string | undefined) {
  // Read only after the dialect check: the tracking table of a MySQL set means nothing on PostgreSQL.
  const pendingStatements = async () => {
    const status = await migrationStatus(connection, set, runner);
    return status.migrations.filter((s) => s.state === 'pending' && s.migration).flatMap((s) => [...upStatements(s.migration!)]);
  };
  return runPreflight(connection, { set, pendingStatements, expectedPgVersion });
}
