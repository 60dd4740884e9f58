// The custom requests that run migrations and read the database (protocol.ts): each opens the
// set's target (target-session.ts), reports progress, and stops between migrations (statements, for a
// trace) when the client cancels — returning what was done, so the client shows a true record.
// A finished trace is also kept (observed-locks.ts) and republished as diagnostics.

import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { planBaseline, recordBaseline } from '../db/baseline.js';
import { executeSql } from '../db/console.js';
import { detectDrift, type LocatedDifference } from '../db/drift.js';
import { runPreflight } from '../db/preflight/index.js';
import { forceVersion, migrateDown, migrateUp, migrationStatus, outcomeSentence, plannedUp, redo, statusWithoutDatabase, type RunnerOptions, type RunResult, type SetStatus, type StepResult } from '../db/runner/index.js';
import { describeTarget } from '../db/targets/describe.js';
import { TargetSpecError } from '../db/targets/resolve.js';
import { tracePendingMigration } from '../db/trace-pending.js';
import { TRACKING } from '../db/tracking/index.js';
import type { FileHost } from '../engine/index.js';
import type { Statement } from '../engine/model/changes.js';
import type { Migration } from '../engine/model/migration-set.js';
import { LineIndex } from '../engine/model/source.js';
import { migrationsWithErrors } from './errors-to-confirm.js';
import type { ObservedLocks } from './observed-locks.js';
import {
  BaselineRequest,
  DescribeTargetRequest,
  DownRequest,
  DriftRequest,
  ExecuteRequest,
  ForceRequest,
  RedoRequest,
  StatusRequest,
  TraceRequest,
  UpRequest,
  type ExecuteResult,
  type RunReport,
  type RunStep,
  type SchemaDifferenceItem,
  type StatusResult,
} from './protocol.js';
import { targetSessions, type RequestContext } from './target-session.js';
import { pathToUri } from './uri.js';
import type { KnownStates } from './known-states.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

export function registerRunnerRequests(connection: Connection, analysis: WorkspaceAnalysis, host: FileHost, observedLocks: ObservedLocks, known: KnownStates): void {
  const withTarget = targetSessions(connection, analysis, host);

  const reportProgress = (workDone: WorkDoneProgressReporter, runner: RunnerOptions): RunnerOptions => ({
    ...runner,
    onProgress: (event) => {
      if (event.phase === 'waiting') workDone.report(`waiting for the migration lock, held by ${event.holder}`);
      if (event.phase === 'start') workDone.report(`${event.direction === 'up' ? 'applying' : 'undoing'} ${event.migration.id}`);
    },
  });

  /**
   * Runs `one` (a single migration up or down) until `wanted` steps are done, nothing is left,
   * a step fails, or the client cancels: cancellation lands between migrations, never inside one.
   */
  async function stepwise(wanted: number, token: CancellationToken, one: () => Promise<RunResult>): Promise<{ result: RunResult; cancelled: boolean }> {
    const steps: StepResult[] = [];
    while (steps.length < wanted) {
      if (token.isCancellationRequested) return { result: { steps, rolledBackSteps: [] }, cancelled: true };
      const next = await one();
      steps.push(...next.steps);
      if (next.failure) return { result: { steps, failure: next.failure, rolledBackSteps: next.rolledBackSteps }, cancelled: false };
      if (next.steps.length === 0) break;
    }
    return { result: { steps, rolledBackSteps: [] }, cancelled: false };
  }

  async function blockingPreflight(context: RequestContext): Promise<RunReport['preflight']> {
    if (context.targetKind === 'embedded') return [];
    // Read lazily: the status read refuses a server of the wrong dialect, which the pre-flight reports first, in its own words.
    const pendingStatements = async () => {
      const status = await migrationStatus(context.connection, context.set, context.runner);
      return status.migrations.filter((s) => s.state === 'pending' && s.migration).flatMap((s) => [...context.upStatements(s.migration!)]);
    };
    return (await runPreflight(context.connection, { set: context.set, pendingStatements })).map(({ check, severity, message }) => ({ check, severity, message }));
  }

  connection.onRequest(DescribeTargetRequest, ({ target }) => describeTarget(target));

  // Reading a state must not create the embedded database: before the first run, all is pending.
  connection.onRequest(StatusRequest, async (params) =>
    known.remember(
      params.root,
      await withTarget(params, 'Migration status', (context) => statusOf(context), (set, description) =>
        statusResult(statusWithoutDatabase(set, { readFile: (path) => host.readFile(path) }), description),
      ),
    ),
  );

  connection.onRequest(UpRequest, (params, token) =>
    withTarget(params, 'Applying migrations', async (context, workDone) => {
      const preflight = await blockingPreflight(context);
      if (preflight.some((issue) => issue.severity === 'error')) return runReport(context, { steps: [], rolledBackSteps: [] }, false, preflight);
      if (!params.runDespiteErrors) {
        const planned = await plannedUp(context.connection, context.set, { to: params.to, count: params.count }, context.runner);
        const errorsToConfirm = migrationsWithErrors(planned, context.findings, (path) => host.readFile(path));
        if (errorsToConfirm.length > 0) return { ...runReport(context, { steps: [], rolledBackSteps: [] }, false, preflight), errorsToConfirm };
      }
      const runner = reportProgress(workDone, context.runner);
      const request = { to: params.to };
      // node-pg-migrate runs the whole batch in one transaction: it cannot be split to cancel between steps.
      if (TRACKING[context.set.framework].transactionScope === 'run') {
        return runReport(context, await migrateUp(context.connection, context.set, { ...request, count: params.count }, runner), false, preflight);
      }
      const { result, cancelled } = await stepwise(params.count ?? Infinity, token, () => migrateUp(context.connection, context.set, { ...request, count: 1 }, runner));
      return runReport(context, result, cancelled, preflight);
    }),
  );

  connection.onRequest(DownRequest, (params, token) =>
    withTarget(params, 'Undoing migrations', async (context, workDone) => {
      const preflight = await blockingPreflight(context);
      if (preflight.some((issue) => issue.severity === 'error')) return runReport(context, { steps: [], rolledBackSteps: [] }, false, preflight);
      const runner = reportProgress(workDone, context.runner);
      if (params.to !== undefined) return runReport(context, await migrateDown(context.connection, context.set, { to: params.to }, runner), false, preflight);
      const { result, cancelled } = await stepwise(params.count ?? 1, token, () => migrateDown(context.connection, context.set, { count: 1 }, runner));
      return runReport(context, result, cancelled, preflight);
    }),
  );

  connection.onRequest(RedoRequest, (params) =>
    withTarget(params, 'Redoing the last migration', async (context, workDone) => {
      const preflight = await blockingPreflight(context);
      if (preflight.some((issue) => issue.severity === 'error')) return runReport(context, { steps: [], rolledBackSteps: [] }, false, preflight);
      return runReport(context, await redo(context.connection, context.set, reportProgress(workDone, context.runner)), false, preflight);
    }),
  );

  connection.onRequest(ForceRequest, (params) =>
    withTarget(params, `Recording version ${params.version}`, async (context) => {
      await forceVersion(context.connection, context.set, params.version, context.runner);
      return known.remember(params.root, await statusOf(context));
    }),
  );

  connection.onRequest(BaselineRequest, (params) =>
    withTarget(params, 'Baseline', async (context, workDone) => {
      workDone.report('comparing the database with each migration');
      const plan = await planBaseline(context.connection, context.set, context.replay, context.runner);
      const recorded = params.confirm && plan.match ? await recordBaseline(context.connection, context.set, plan, context.runner) : [];
      return {
        target: context.connection.description,
        match: plan.match && { id: plan.match.id, version: plan.match.version, sameSchemaAs: plan.match.sameSchemaAs },
        closest: plan.closest && { id: plan.closest.id, version: plan.closest.version, differences: plan.closest.differences.map(differenceItem) },
        empty: plan.empty,
        toRecord: plan.toRecord,
        recorded,
      };
    }),
  );

  connection.onRequest(DriftRequest, (params) =>
    withTarget(params, 'Drift', async (context, workDone) => {
      workDone.report('reading the database schema');
      const report = await detectDrift(context.connection, context.set, context.replay, context.runner);
      return { target: context.connection.description, ...report, differences: report.differences.map(differenceItem) };
    }),
  );

  // A console on the databases the extension made; a server given by URL is reached with the user's own tools.
  connection.onRequest(ExecuteRequest, (params) =>
    withTarget(params, 'Running SQL', async (context, workDone): Promise<ExecuteResult> => {
      if (context.targetKind === 'url') throw new TargetSpecError(`${context.connection.description} is a database you gave by URL: run SQL on it with your own client (the console is for the embedded and Docker databases)`);
      workDone.report('running');
      return { target: context.connection.description, statements: await executeSql(context.connection, params.sql, context.set.dialect, params.offset) };
    }),
  );

  connection.onRequest(TraceRequest, (params, token) =>
    withTarget(params, 'Lock trace', async (context) => {
      // The texts that ran: an observation holds only while its statement still reads the same.
      const ran = new Map<Migration, readonly Statement[]>();
      const statementsOf = (migration: Migration) => {
        const statements = ran.get(migration) ?? context.upStatements(migration);
        ran.set(migration, statements);
        return statements;
      };
      const trace = await tracePendingMigration(context.connection, context.set, statementsOf, { ...context.runner, version: params.version, isCancelled: () => token.isCancellationRequested });
      const textAt = new Map(statementsOf(trace.migration).map((statement) => [statement.range.start, statement.text]));
      observedLocks.record({
        file: trace.file,
        target: context.connection.description,
        tracedAt: new Date(),
        statements: trace.statements.map((step) => ({ ...step, text: textAt.get(step.range.start) ?? '' })),
      });
      analysis.republish();
      const lines = new LineIndex(host.readFile(trace.file) ?? '');
      return {
        target: context.connection.description,
        migration: trace.migration.id,
        uri: pathToUri(trace.file),
        statements: trace.statements.map((step) => ({ ...step, range: lines.range(step.range) })),
        cancelled: trace.cancelled,
      };
    }),
  );
}

async function statusOf({ connection, set, runner }: RequestContext): Promise<StatusResult> {
  return statusResult(await migrationStatus(connection, set, runner), connection.description);
}

function statusResult(status: SetStatus, target: string): StatusResult {
  return {
    target,
    table: status.table,
    detectsEdits: status.detectsEdits,
    migrations: status.migrations.map(({ migration, ...item }) => ({ ...item, uri: migration?.up ? pathToUri(migration.up.file) : undefined })),
  };
}

function runReport({ connection }: RequestContext, result: RunResult, cancelled: boolean, preflight: RunReport['preflight']): RunReport {
  const step = (s: StepResult): RunStep => ({ id: s.migration.id, version: s.migration.version, direction: s.direction, durationMs: Math.round(s.durationMs) });
  const failure = result.failure;
  const location = failure?.location && {
    uri: pathToUri(failure.location.file),
    range: { start: { line: failure.location.line - 1, character: failure.location.column - 1 }, end: { line: failure.location.line - 1, character: failure.location.column - 1 } },
  };
  return {
    target: connection.description,
    steps: result.steps.map(step),
    failure: failure && { ...step(failure), message: failure.message, code: failure.code, location, rolledBack: failure.rolledBack, tookEffect: failure.tookEffect, outcome: outcomeSentence(failure) },
    rolledBackSteps: result.rolledBackSteps.map(step),
    cancelled,
    preflight,
  };
}

function differenceItem({ definedBy, ...difference }: LocatedDifference): SchemaDifferenceItem {
  if (!definedBy) return difference;
  const range = { start: { line: definedBy.line, character: definedBy.character }, end: { line: definedBy.endLine, character: definedBy.endCharacter } };
  return { ...difference, definedBy: { version: definedBy.version, migration: definedBy.migration, uri: pathToUri(definedBy.file), range } };
}
