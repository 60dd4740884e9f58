// Activation: one output channel, the language client, its status item, the Migrations
// container (container.ts) and the commands. The client stays thin: it never reads SQL itself;
// everything it shows comes from the server.

import { commands, Position, ProgressLocation, Uri, window, type ExtensionContext } from 'vscode';
import { LSPErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { checkWorkspace } from './check-workspace.js';
import { createContainer } from './container.js';
import { registerDatabaseCommands, type Command } from './database/commands.js';
import { failedState, offerWaysOutOfRefusal } from './database/repair.js';
import { createLanguageClient } from './language-client.js';
import { ListSetsRequest, OPEN_CREATED_FILES_COMMAND, SHOW_REFERENCES_COMMAND, SHOW_RULE_DOCS_COMMAND } from '../../server/src/lsp/protocol.js';
import { registerRuleDocsProvider, showRuleDocs } from './show-rule-docs.js';
import { createServerStatusItem } from './status-bar.js';
import { allowedInThisWorkspace } from './trust.js';

const SHOW_OUTPUT = 'migrationLens.showOutput';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('Migration Lens', { log: true });
  const languageClient = createLanguageClient(context, output);
  client = languageClient;

  const reportFailure = (what: string) => (error: unknown) => {
    output.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void window.showErrorMessage(`Migration Lens: ${what}. See the output for details.`, 'Show Output').then((choice) => {
      if (choice) output.show(true);
    });
  };

  const databaseOutput = window.createOutputChannel('Migration Lens: Database');
  // The server's RequestFailed answers say what happened and what to do: shown as they are, with
  // the output a click away; a run refused over a migration that failed part-way comes with the ways out.
  const guardCommand = (what: string, command: Command): Command =>
    (argument) =>
      command(argument).catch((error: unknown) => {
        if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestFailed) {
          output.warn(`${what}: ${error.message}`);
          const failed = failedState(error);
          if (failed) void offerWaysOutOfRefusal(languageClient, databaseOutput, failed, error.message);
          else void window.showErrorMessage(`Migration Lens ${what}: ${error.message}`, 'Show Output').then((choice) => choice && output.show(true));
        } else reportFailure(what)(error);
        return undefined;
      });
  // In Restricted Mode a database command says why it does nothing (trust.ts).
  const guardDatabaseCommand = (what: string, command: Command): Command => guardCommand(what, (argument) => (allowedInThisWorkspace(what) ? command(argument) : Promise.resolve(undefined)));
  const views = createContainer(context, languageClient, { database: guardDatabaseCommand, analysis: guardCommand });
  registerDatabaseCommands(context, languageClient, databaseOutput, guardDatabaseCommand, views);

  context.subscriptions.push(
    output,
    databaseOutput,
    createServerStatusItem(languageClient, SHOW_OUTPUT),
    commands.registerCommand(SHOW_OUTPUT, () => output.show(true)),
    commands.registerCommand('migrationLens.restartServer', () =>
      languageClient.restart().catch(reportFailure('could not restart the language server')),
    ),
    commands.registerCommand('migrationLens.checkWorkspace', () =>
      checkWorkspace(languageClient).catch(reportFailure('could not check the workspace')),
    ),
    registerRuleDocsProvider(languageClient),
    commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (rule: string | undefined) =>
      showRuleDocs(languageClient, rule).catch(reportFailure('could not show the rule documentation')),
    ),
    // The lens above a CREATE TABLE lists the migrations that use the table in the references view.
    commands.registerCommand(SHOW_REFERENCES_COMMAND, (uri: string, position: { line: number; character: number }) =>
      commands.executeCommand('editor.action.findReferences', Uri.parse(uri), new Position(position.line, position.character)),
    ),
    // A quick fix that created migration files opens them once its edit is applied.
    commands.registerCommand(OPEN_CREATED_FILES_COMMAND, (...uris: string[]) =>
      Promise.all(uris.map((uri) => window.showTextDocument(Uri.parse(uri), { preview: false }))).catch(reportFailure('could not open the new files')),
    ),
  );

  await languageClient.start().catch(reportFailure('could not start the language server'));
  // The first analysis of a large workspace takes a while: the status bar says so until it is done.
  void window.withProgress({ location: ProgressLocation.Window, title: 'Migration Lens: checking migrations' }, () => languageClient.sendRequest(ListSetsRequest)).then(undefined, reportFailure('could not check the workspace'));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
