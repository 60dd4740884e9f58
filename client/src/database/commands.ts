// The database commands: status, up, down, redo, force, baseline, drift, lock trace, the Docker
// container and the URL's password. Each picks a set and a target, asks the server (which does
// all the work, db/ through lsp/runner-requests.ts), writes what happened to the "Migration Lens:
// Database" output and returns the server's answer, so tree views and tests can call them too.

import { commands, Uri, window, type ExtensionContext, type OutputChannel, type QuickPickItem } from 'vscode';
import type { LanguageClient, RequestType } from 'vscode-languageclient/node';
import {
  BaselineRequest,
  DockerRequest,
  DownRequest,
  DriftRequest,
  ForceRequest,
  RedoRequest,
  StatusRequest,
  TraceRequest,
  UpRequest,
  type ContainerAction,
  type MigrationSetSummary,
  type RunReport,
  type TargetParams,
} from '../../../server/src/lsp/protocol.js';
import { setFolder } from '../set-item.js';
import { chooseSet, runDespiteErrorsOf, versionOf, type SetArgument } from './choose-set.js';
import { confirmRunDespiteErrors } from './confirm-errors.js';
import { registerOwnDatabaseCommands } from './own-database-commands.js';
import { isOwnDatabase } from './repair.js';
import type { DatabaseTree } from './database-view.js';
import { READ_STATUS_COMMAND, type MigrationsTree } from './migrations-tree.js';
import { notifyRun, offerOutput, pickFromStatus, writeDifferences, writeRun, writeStatus } from './report.js';
import { requestWithProgress } from './run-request.js';
import { chooseTarget, containerSettings, setPassword } from './target.js';

export type Command = (argument?: SetArgument) => Promise<unknown>;

/** What a command knows beside the request: the set and the target in words. */
interface Prepared {
  set: MigrationSetSummary;
  description: string;
}

/** The views the commands show their results in. */
export interface DatabaseViews {
  migrations: MigrationsTree;
  database: DatabaseTree;
}

export function registerDatabaseCommands(context: ExtensionContext, client: LanguageClient, output: OutputChannel, guard: (what: string, run: Command) => Command, views: DatabaseViews): void {
  const tree = views.migrations;
  context.subscriptions.push(
    commands.registerCommand('migrationLens.refreshMigrations', () => tree.refresh()),
    commands.registerCommand(READ_STATUS_COMMAND, guard('could not read the migration state', (argument) => tree.read((argument as { root: string }).root))),
  );

  /** Set and target for a command; undefined when the user stopped on the way. */
  async function prepare(argument: SetArgument, purpose: string, action: (folder: string) => string): Promise<(TargetParams & Prepared) | undefined> {
    const set = await chooseSet(client, argument, purpose);
    if (!set) return undefined;
    const target = await chooseTarget(context, client, set, action(folderOf(set)));
    return target && { ...target, root: set.root, set };
  }

  /** Sends the request's own fields only: the set's summary and the printable target stay here. */
  const run = <P extends TargetParams, R>(type: RequestType<P, R, void>, params: P & Partial<Prepared>, title: string, cancellable = false) => {
    const { set: _set, description: _description, ...wire } = params;
    return requestWithProgress(client, type, wire as P, { title, cancellable });
  };

  /** After a run: the view read again (with what a failure left), the output's lines, the notification. */
  const finished = (params: TargetParams & Prepared, title: string, report: RunReport, nothingToDo: string) => {
    if (report.failure && !report.failure.rolledBack) tree.rememberOutcome(params.root, report.failure.version, report.failure.outcome);
    tree.refresh(params.root);
    writeRun(output, title, report);
    notifyRun(output, report, nothingToDo, { root: params.root, own: isOwnDatabase(params.target) });
  };

  const register = (id: string, what: string, command: Command) =>
    context.subscriptions.push(commands.registerCommand(`migrationLens.${id}`, guard(what, command)));

  register('showStatus', 'could not read the migration status', async (argument) => {
    const params = await prepare(argument, 'migration status', (folder) => `read the migration history of ${folder}`);
    if (!params) return undefined;
    const status = await run(StatusRequest, params, 'reading the migration status');
    writeStatus(output, status);
    pickFromStatus(status);
    tree.remember(params.root, status);
    return status;
  });

  const up = (count: number | undefined) => async (argument?: SetArgument) => {
    const to = versionOf(argument);
    const what = to ? `every pending migration up to ${to}` : count === 1 ? 'the next pending migration' : 'every pending migration';
    const params = await prepare(argument, 'migrate up', (folder) => `apply ${what} of ${folder}`);
    if (!params) return undefined;
    const request = { ...params, count: to ? undefined : count, to, runDespiteErrors: runDespiteErrorsOf(argument) };
    let report = await run(UpRequest, request, `migrating ${folderOf(params.set)} up`, true);
    if (report.errorsToConfirm) {
      if (!(await confirmRunDespiteErrors(report.errorsToConfirm))) return report;
      report = await run(UpRequest, { ...request, runDespiteErrors: true }, `migrating ${folderOf(params.set)} up`, true);
    }
    finished(params, `Up ${folderOf(params.set)}`, report, `every migration of ${folderOf(params.set)} is already applied on ${report.target}.`);
    return report;
  };
  register('migrateUp', 'could not apply the migrations', up(undefined));
  register('migrateUpOne', 'could not apply the migration', up(1));
  register('migrateUpTo', 'could not apply the migrations', up(undefined));

  const down = async (argument?: SetArgument) => {
    const to = versionOf(argument);
    const what = to ? `every migration applied after ${to}` : 'the last applied migration';
    const params = await prepare(argument, 'migrate down', (folder) => `undo ${what} of ${folder}`);
    if (!params || !(await confirmDestructive(`Undo ${what} of ${folderOf(params.set)} on ${params.description}?`, 'Their down parts run: what they drop is gone.', 'Undo'))) return undefined;
    const report = await run(DownRequest, { ...params, ...(to ? { to } : { count: 1 }) }, `undoing ${what} of ${folderOf(params.set)}`, true);
    finished(params, `Down ${folderOf(params.set)}`, report, `no migration of ${folderOf(params.set)} after ${to ?? 'the first'} is applied on ${report.target}: nothing to undo.`);
    return report;
  };
  register('migrateDownOne', 'could not undo the migration', down);
  register('migrateDownTo', 'could not undo the migrations', down);

  register('redo', 'could not redo the migration', async (argument) => {
    const params = await prepare(argument, 'redo', (folder) => `redo the last applied migration of ${folder}`);
    if (!params || !(await confirmDestructive(`Redo the last applied migration of ${folderOf(params.set)} on ${params.description}?`, 'Its down part runs, then its up part: data the down part drops is gone.', 'Redo'))) return undefined;
    const report = await run(RedoRequest, params, `redoing the last migration of ${folderOf(params.set)}`);
    finished(params, `Redo ${folderOf(params.set)}`, report, `no migration of ${folderOf(params.set)} is applied on ${report.target}: nothing to redo.`);
    return report;
  });

  register('forceVersion', 'could not force the version', async (argument) => {
    const params = await prepare(argument, 'force version', (folder) => `change the recorded version of ${folder}`);
    if (!params) return undefined;
    const status = await run(StatusRequest, params, 'reading the migration status');
    const version = await pickVersion(status.migrations);
    if (version === undefined) return undefined;
    const detail = 'Nothing runs: only the migration history changes. Do this after repairing a failed migration by hand.';
    if (!(await confirmDestructive(`Record ${version === 'none' ? 'no migration' : `version ${version}`} as applied last in ${status.table} on ${params.description}?`, detail, 'Force'))) return undefined;
    const forced = await run(ForceRequest, { ...params, version }, `recording version ${version}`);
    tree.remember(params.root, forced);
    writeStatus(output, forced);
    void window.showInformationMessage(`Migration Lens: ${status.table} on ${forced.target} now records ${version === 'none' ? 'no migration' : `version ${version}`}.`);
    return forced;
  });

  register('baseline', 'could not baseline the database', async (argument) => {
    const params = await prepare(argument, 'baseline', (folder) => `compare the schema with each migration of ${folder}`);
    if (!params) return undefined;
    const plan = await run(BaselineRequest, { ...params, confirm: false }, 'comparing the database with each migration');
    if (plan.empty) {
      void window.showInformationMessage(`Migration Lens: ${plan.target} has no tables: there is nothing to baseline. Run "Migrate Up" instead.`);
      return plan;
    }
    if (!plan.match) {
      if (plan.closest) writeDifferences(output, `Baseline — ${plan.target}: closest is ${plan.closest.id}`, plan.closest.differences);
      const closest = plan.closest ? ` The closest is ${plan.closest.id}, with ${plan.closest.differences.length} difference(s) (see the output).` : '';
      void offerOutput(output, window.showErrorMessage(`Migration Lens: ${plan.target} matches no migration of ${folderOf(params.set)} exactly, so no history was recorded.${closest}`, 'Show Output'));
      return plan;
    }
    const detail = `Its schema is exactly the one after ${plan.match.id}. ${plan.toRecord.length} migration(s) will be recorded as applied, without running: ${plan.toRecord.join(', ')}.`;
    if (!(await confirmDestructive(`Record the history of ${folderOf(params.set)} up to ${plan.match.id} on ${params.description}?`, detail, 'Record History'))) return plan;
    const recorded = await run(BaselineRequest, { ...params, confirm: true }, 'recording the history');
    tree.refresh(params.root);
    void window.showInformationMessage(`Migration Lens: recorded ${recorded.recorded.length} migration(s) as applied on ${recorded.target}, up to ${plan.match.id}.`);
    return recorded;
  });

  register('drift', 'could not compare the database schema', async (argument) => {
    const params = await prepare(argument, 'drift', (folder) => `compare the schema with the migrations of ${folder}`);
    if (!params) return undefined;
    const drift = await run(DriftRequest, params, 'reading the database schema');
    views.database.showDrift(params.root, drift);
    const at = drift.appliedVersion ? `the schema after version ${drift.appliedVersion}` : 'an empty schema (no migration applied)';
    for (const note of drift.notes) output.appendLine(`note: ${note}`);
    if (drift.differences.length === 0) {
      void window.showInformationMessage(`Migration Lens: no drift — ${drift.target} matches ${at}.`);
      return drift;
    }
    writeDifferences(output, `Drift — ${drift.target}, compared with ${at}`, drift.differences);
    void offerOutput(output, window.showWarningMessage(`Migration Lens: ${drift.target} differs from ${at} in ${drift.differences.length} place(s).`, 'Show Output'));
    return drift;
  });

  register('traceLocks', 'could not trace the migration', async (argument) => {
    const version = versionOf(argument);
    const params = await prepare(argument, 'lock trace', (folder) => `trace ${version ? `migration ${version}` : 'the next pending migration'} of ${folder} (it runs, then is rolled back)`);
    if (!params) return undefined;
    const trace = await run(TraceRequest, { ...params, version }, 'tracing locks', true);
    output.appendLine(`Lock trace — ${trace.migration} on ${trace.target}${trace.cancelled ? ' (cancelled)' : ''}`);
    for (const step of trace.statements) {
      const locks = step.locks.filter((lock) => !lock.newRelation).map((lock) => `${lock.mode} on ${lock.relation}`);
      const facts = [...locks, ...step.rewritten.map((relation) => `rewrites ${relation}`), step.error ?? '', step.skipped ?? ''].filter(Boolean);
      output.appendLine(`  line ${step.range.start.line + 1}: ${facts.join('; ') || 'no lock on an existing table'}`);
    }
    output.appendLine('');
    await window.showTextDocument(Uri.parse(trace.uri), { preview: false });
    void offerOutput(output, window.showInformationMessage(`Migration Lens: traced ${trace.migration}; its locks and rewrites are shown on its statements.`, 'Show Output'));
    return trace;
  });

  /** The container by hand: `preset` from the Database view's buttons, else picked. */
  const docker = (preset?: ContainerAction) => async (argument?: SetArgument) => {
    const set = await chooseSet(client, argument, 'Docker container');
    if (!set) return undefined;
    const action = preset ?? (await pickDockerAction());
    if (!action) return undefined;
    if (action === 'reset' && !(await confirmDestructive(`Reset the Docker container of ${folderOf(set)}?`, "The container and all of its data are deleted, then a new one starts.", 'Reset'))) return undefined;
    const outcome = await requestWithProgress(
      client,
      DockerRequest,
      { root: set.root, action, confirm: action === 'reset', ...containerSettings(context, set) },
      { title: `Docker container: ${action}`, cancellable: action === 'start' || action === 'reset' },
    );
    output.appendLine(`Docker ${action} — ${outcome.container} (${outcome.image}): ${outcome.message}`);
    void window.showInformationMessage(`Migration Lens: ${outcome.message}`);
    tree.refresh(set.root);
    return outcome;
  };
  register('docker', 'could not manage the Docker container', docker());
  register('dockerStart', 'could not start the Docker container', docker('start'));
  register('dockerStop', 'could not stop the Docker container', docker('stop'));

  registerOwnDatabaseCommands({ context, client, output, tree, register, prepare, run, confirmDestructive });

  context.subscriptions.push(
    commands.registerCommand('migrationLens.setPassword', guard('could not store the password', async (argument) => {
      const set = await chooseSet(client, argument, 'database password');
      if (set) await setPassword(context, client, set);
    })),
  );
}

const folderOf = setFolder;

async function confirmDestructive(question: string, detail: string, button: string): Promise<boolean> {
  return (await window.showWarningMessage(question, { modal: true, detail }, button)) === button;
}

interface VersionPick extends QuickPickItem {
  version: string;
}

async function pickVersion(migrations: readonly { version: string; name: string; state: string }[]): Promise<string | undefined> {
  const items: VersionPick[] = [
    { version: 'none', label: 'none', description: 'before the first migration' },
    ...migrations.filter((m) => m.state !== 'missing').map((m) => ({ version: m.version, label: m.version, description: `${m.name} — ${m.state}` })),
  ];
  const picked = await window.showQuickPick(items, { title: 'Migration Lens: the version the database is at now', placeHolder: 'Every migration up to it counts as applied; none after it' });
  return picked?.version;
}

async function pickDockerAction(): Promise<'start' | 'stop' | 'reset' | 'status' | undefined> {
  const items = [
    { action: 'start', label: '$(play) Start', description: 'create or start the container and wait until it accepts connections' },
    { action: 'stop', label: '$(debug-stop) Stop', description: 'stop it; its data stays' },
    { action: 'status', label: '$(info) Status', description: 'whether it exists and runs, and where it listens' },
    { action: 'reset', label: '$(trash) Reset', description: 'delete it with its data and start a new one' },
  ] as const;
  return (await window.showQuickPick(items, { title: 'Migration Lens: Docker container' }))?.action;
}
