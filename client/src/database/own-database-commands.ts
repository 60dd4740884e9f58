// The commands about a set's own database: a SQL console on it (and running the statement at the
// cursor, or the selection, of a console or a migration), resetting it after a confirmation, and
// giving a MySQL or MariaDB set a database of its own (a Docker container or a URL). The console
// and the reset act on the embedded and Docker databases only: the extension made them, and the
// user has no other way in; a database given by URL is reached with the user's own client.

import { commands, window, workspace, type ExtensionContext, type OutputChannel, type TextEditor } from 'vscode';
import type { LanguageClient, RequestType } from 'vscode-languageclient/node';
import { ExecuteRequest, ResetDatabaseRequest, type ExecuteResult, type MigrationSetSummary, type TargetParams } from '../../../server/src/lsp/protocol.js';
import { setFolder } from '../set-item.js';
import { chooseSet, type SetArgument } from './choose-set.js';
import type { MigrationsTree } from './migrations-tree.js';
import { isOwnDatabase } from './repair.js';
import { SET_URL_COMMAND, USE_DOCKER_COMMAND } from './set-database-rows.js';
import { askForUrl, switchTarget, useDocker } from './set-target.js';

type Command = (argument?: SetArgument) => Promise<unknown>;
type Prepared = TargetParams & { set: MigrationSetSummary; description: string };

/** What the database commands share with these (commands.ts). */
export interface DatabaseCommandKit {
  context: ExtensionContext;
  client: LanguageClient;
  output: OutputChannel;
  tree: MigrationsTree;
  register(id: string, what: string, command: Command): void;
  prepare(argument: SetArgument, purpose: string, action: (folder: string) => string): Promise<Prepared | undefined>;
  run<P extends TargetParams, R>(type: RequestType<P, R, void>, params: P & Partial<Prepared>, title: string): Promise<R>;
  confirmDestructive(question: string, detail: string, button: string): Promise<boolean>;
}

/** Context key true while the active editor is a SQL console: Ctrl+Enter runs its statement there. */
const IN_CONSOLE = 'migrationLens.inSqlConsole';
/** Widest a result column is shown, in characters. */
const COLUMN_WIDTH = 40;

export function registerOwnDatabaseCommands(kit: DatabaseCommandKit): void {
  const { context, client, output, tree, register, prepare, run } = kit;
  /** Console documents (by URI) and the set whose database each one is on. */
  const consoles = new Map<string, string>();
  const trackConsole = (editor: TextEditor | undefined) => void commands.executeCommand('setContext', IN_CONSOLE, editor !== undefined && consoles.has(editor.document.uri.toString()));
  context.subscriptions.push(
    window.onDidChangeActiveTextEditor(trackConsole),
    workspace.onDidCloseTextDocument((document) => consoles.delete(document.uri.toString())),
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('migrationLens.target') || event.affectsConfiguration('migrationLens.targets')) tree.refresh();
    }),
  );

  /** The set and its target, when that target is a database the extension made; otherwise says where to go instead. */
  const ownDatabase = async (argument: SetArgument, purpose: string, action: (folder: string) => string) => {
    const params = await prepare(argument, purpose, action);
    if (params && !isOwnDatabase(params.target)) {
      void window.showInformationMessage(`Migration Lens: ${setFolder(params.set)} runs on ${params.description}, a database you gave by URL: use your own SQL client there. The console and the reset are for the embedded and Docker databases.`);
      return undefined;
    }
    return params;
  };

  register('openSqlConsole', 'could not open a SQL console', async (argument) => {
    const params = await ownDatabase(argument, 'SQL console', (folder) => `open a SQL console on the database of ${folder}`);
    if (!params) return undefined;
    const header = [
      `-- SQL console on ${params.description} (${setFolder(params.set)})`,
      '-- Ctrl+Enter (Cmd+Enter) runs the statement at the cursor, or the selection: "Migration Lens: Run SQL on Database".',
      '-- What each statement returns is written to the output "Migration Lens: Database".',
      '',
      '',
    ].join('\n');
    const document = await workspace.openTextDocument({ language: 'sql', content: header });
    consoles.set(document.uri.toString(), params.root);
    const editor = await window.showTextDocument(document);
    trackConsole(editor);
    return document.uri.toString();
  });

  register('runSql', 'could not run the SQL', async (argument) => {
    const editor = window.activeTextEditor;
    if (!editor) {
      void window.showInformationMessage('Migration Lens: open a SQL console (or a migration), put the cursor in a statement or select some, then run this.');
      return undefined;
    }
    const { document, selection } = editor;
    const consoleRoot = consoles.get(document.uri.toString());
    const where = consoleRoot ? { root: consoleRoot } : document.uri.scheme === 'file' ? document.uri : argument;
    const params = await ownDatabase(where, 'run SQL', (folder) => `run SQL on the database of ${folder}`);
    if (!params) return undefined;
    const sql = selection.isEmpty ? document.getText() : document.getText(selection);
    const result = await run(ExecuteRequest, { ...params, sql, offset: selection.isEmpty ? document.offsetAt(selection.active) : undefined }, 'running SQL');
    if (result.statements.length === 0) {
      void window.showInformationMessage('Migration Lens: there is no statement at the cursor; put the cursor in one, or select what to run.');
      return result;
    }
    writeExecuted(output, result);
    tree.refresh(params.root);
    const database = `the database of ${setFolder(params.set)}`;
    const failed = result.statements.find((statement) => statement.error);
    const ran = result.statements.length - (failed ? 1 : 0);
    const showOutput = (choice: string | undefined) => choice && output.show(true);
    if (failed) void window.showErrorMessage(`Migration Lens: ${failed.error} (after ${ran} statement${ran === 1 ? '' : 's'} ran on ${database}; the rest did not run).`, 'Show Output').then(showOutput);
    else void window.showInformationMessage(`Migration Lens: ran ${ran} statement${ran === 1 ? '' : 's'} on ${database}; what ${ran === 1 ? 'it' : 'they'} returned is in the output.`, 'Show Output').then(showOutput);
    return result;
  });

  register('resetDatabase', 'could not reset the database', async (argument) => {
    const params = await ownDatabase(argument, 'reset database', (folder) => `reset the database of ${folder}`);
    if (!params) return undefined;
    const plan = await run(ResetDatabaseRequest, { ...params, confirm: false }, 'reading the database');
    if (!(await kit.confirmDestructive(`Reset the database of ${setFolder(params.set)}?`, plan.message, 'Reset'))) return plan;
    const reset = await run(ResetDatabaseRequest, { ...params, confirm: true }, 'resetting the database');
    tree.refresh(params.root);
    void window.showInformationMessage(`Migration Lens: ${reset.message}`);
    return reset;
  });

  register(USE_DOCKER_COMMAND.replace('migrationLens.', ''), 'could not set the target', async (argument) => {
    const set = await chooseSet(client, argument, 'Docker database');
    return set && useDocker(set);
  });

  register(SET_URL_COMMAND.replace('migrationLens.', ''), 'could not set the target', async (argument) => {
    const set = await chooseSet(client, argument, 'database URL');
    return set && askForUrl(client, set);
  });

  register('switchTarget', 'could not switch the database', async (argument) => {
    const set = await chooseSet(client, argument, 'switch database');
    return set && switchTarget(client, set);
  });
}

/** Each statement, and what it returned as an aligned table, in the Database output. */
function writeExecuted(output: OutputChannel, result: ExecuteResult): void {
  output.appendLine(`SQL — ${result.target}`);
  for (const statement of result.statements) {
    output.appendLine(`> ${statement.text.replace(/\n/g, '\n  ')}`);
    if (statement.error) output.appendLine(`  error: ${statement.error}`);
    else if (statement.columns.length === 0) output.appendLine('  done');
    else {
      const cut = (text: string) => (text.length > COLUMN_WIDTH ? `${text.slice(0, COLUMN_WIDTH - 1)}…` : text);
      const table = [statement.columns, ...statement.rows].map((row) => row.map(cut));
      const widths = statement.columns.map((_, column) => Math.max(...table.map((row) => row[column].length)));
      const line = (row: string[]) => `  ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')}`.trimEnd();
      output.appendLine(line(table[0]));
      output.appendLine(`  ${widths.map((width) => '-'.repeat(width)).join('-+-')}`);
      for (const row of table.slice(1)) output.appendLine(line(row));
      output.appendLine(`  (${statement.rows.length} row${statement.rows.length === 1 ? '' : 's'}${statement.truncated ? ', more not shown' : ''})`);
    }
  }
  output.appendLine('');
}
