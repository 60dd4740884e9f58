// What the commands that run migrations (up, down, redo, force) add to the shared database
// command: --lock-timeout, a line per migration with its duration, the outcome as text or JSON
// with the failing file:line:col, and exit 1 (not 2) when a migration failed or an earlier
// failure blocks the run, so CI tells "the database is broken" from "the command is wrong".

import type { DatabaseCommandContext } from '../database-command.js';
import type { MigrationSet } from '../../engine/model/migration-set.js';
import { DEFAULT_LOCK_TIMEOUT_MS, outcomeSentence, RunRefused, type ProgressEvent, type RunnerOptions, type RunResult, type StepFailure } from '../../db/runner/index.js';
import { EXIT_FINDINGS, EXIT_OK, reportError, type CliIO } from '../io.js';
import { displayPath } from './locations.js';

export const RUN_OPTIONS = { 'lock-timeout': { type: 'string' } } as const;

export const RUN_OPTIONS_USAGE = `  --lock-timeout    milliseconds a statement may wait for a table lock (default ${DEFAULT_LOCK_TIMEOUT_MS})`;

export const RUN_EXIT_CODES = 'Exit code: 0 done, 1 a migration failed or the run was blocked (by an earlier failure, or on a server by a pre-flight error), 2 bad usage or no connection.';

/** The command's runner options plus --lock-timeout and, for text output, a line per finished migration. */
export function runnerOptions({ runner, values, io, json }: DatabaseCommandContext): RunnerOptions {
  const raw = values['lock-timeout'];
  const lockTimeoutMs = raw === undefined ? DEFAULT_LOCK_TIMEOUT_MS : Number(raw);
  if (!Number.isFinite(lockTimeoutMs) || lockTimeoutMs < 0) throw new RunRefused(`--lock-timeout takes milliseconds, e.g. --lock-timeout 5000, not "${raw}"`);
  return { ...runner, lockTimeoutMs, onProgress: json ? undefined : (event) => printProgress(event, io) };
}

function printProgress(event: ProgressEvent, io: CliIO): void {
  if (event.phase === 'waiting') io.stderr(`waiting for the migration lock, held by ${event.holder}…\n`);
  if (event.phase !== 'done') return;
  const { migration, direction, durationMs } = event.result;
  io.stdout(`${direction === 'up' ? '↑' : '↓'} ${migration.id}  ${durationMs.toFixed(0)} ms\n`);
}

/** Runs `action` and prints its outcome; exit 1 when a migration failed or a failed state blocked the run. */
export async function reportRun({ io, json, set }: DatabaseCommandContext, command: string, action: () => Promise<RunResult>): Promise<number> {
  let result: RunResult;
  try {
    result = await action();
  } catch (error) {
    // Other refusals (unknown version, no down) stay usage errors: exit 2 from the shared command.
    if (!(error instanceof RunRefused && error.failed)) throw error;
    return reportError(io, command, `${error.message} ${forceHint(set, error.failed.version, io.cwd)}`, EXIT_FINDINGS);
  }
  if (json) io.stdout(`${JSON.stringify(runToJson(result, io.cwd), null, 2)}\n`);
  else if (result.failure) {
    io.stderr(`${describeFailure(result.failure, io.cwd)}\n`);
    if (!result.failure.rolledBack) io.stderr(`  ${forceHint(set, result.failure.migration.version, io.cwd)}\n`);
    if (result.rolledBackSteps.length > 0) io.stderr(`  rolled back with it (one transaction for the run): ${result.rolledBackSteps.map((s) => s.migration.id).join(', ')}\n`);
  } else if (result.steps.length === 0) io.stdout('Nothing to do.\n');
  return result.failure ? EXIT_FINDINGS : EXIT_OK;
}

/** `db/002_x.up.sql:3:8: 002_x (up) failed: column "y" does not exist [42703]` and what was left. */
export function describeFailure(failure: StepFailure, cwd: string): string {
  const where = failure.location ? `${displayPath(failure.location.file, cwd)}:${failure.location.line}:${failure.location.column}: ` : '';
  return `${where}${failure.migration.id} (${failure.direction}) failed: ${failure.message}${failure.code ? ` [${failure.code}]` : ''}\n  ${outcomeSentence(failure)}`;
}

/** How to record the repaired state from here: `migration-lens force db/migrations --to 6 --yes`. */
function forceHint(set: MigrationSet, version: string, cwd: string): string {
  const index = set.migrations.findIndex((migration) => migration.version === version);
  const before = index > 0 ? set.migrations[index - 1].version : 'none';
  const force = (to: string) => `\`migration-lens force ${displayPath(set.root, cwd)} --to ${to} --yes\``;
  return `Once its changes are undone: ${force(before)}; once it is finished by hand: ${force(version)}.`;
}

function runToJson(result: RunResult, cwd: string) {
  const step = (s: { migration: { id: string; version: string }; direction: string; durationMs: number }) => ({
    migration: s.migration.id,
    version: s.migration.version,
    direction: s.direction,
    durationMs: Math.round(s.durationMs * 10) / 10,
  });
  const failure = result.failure;
  return {
    steps: result.steps.map(step),
    rolledBack: result.rolledBackSteps.map(step),
    failure: failure && {
      ...step(failure),
      message: failure.message,
      code: failure.code,
      file: failure.location && displayPath(failure.location.file, cwd),
      line: failure.location?.line,
      column: failure.location?.column,
      rolledBack: failure.rolledBack,
      tookEffect: failure.tookEffect,
      outcome: outcomeSentence(failure),
    },
  };
}

/** `--count N` as a positive integer, or undefined when absent. */
export function countOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new RunRefused(`--count takes a positive whole number, not "${value}"`);
  return count;
}
