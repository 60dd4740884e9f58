// Activation: one output channel, the language client, its status item and the commands.
// The client stays thin: it never reads SQL itself; everything it shows comes from the server.

import { commands, window, type ExtensionContext } from 'vscode';
import { LSPErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { checkWorkspace } from './check-workspace.js';
import { registerDatabaseCommands } from './database/commands.js';
import { createLanguageClient } from './language-client.js';
import { SHOW_RULE_DOCS_COMMAND } from '../../server/src/lsp/protocol.js';
import { createSchemaView } from './schema-view.js';
import { showRuleDocs } from './show-rule-docs.js';
import { createServerStatusItem } from './status-bar.js';

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

  // The server's RequestFailed answers say what happened and what to do: shown as they are.
  const guardDatabaseCommand = <A extends unknown[]>(what: string, command: (...args: A) => Promise<unknown>) =>
    (...args: A) =>
      command(...args).catch((error: unknown) => {
        if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestFailed) {
          output.warn(`${what}: ${error.message}`);
          void window.showErrorMessage(`Migration Lens ${what}: ${error.message}`);
        } else reportFailure(what)(error);
        return undefined;
      });
  const databaseOutput = window.createOutputChannel('Migration Lens: Database');
  registerDatabaseCommands(context, languageClient, databaseOutput, guardDatabaseCommand);
  createSchemaView(context, languageClient);

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
    commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (rule: string | undefined) =>
      showRuleDocs(languageClient, rule).catch(reportFailure('could not show the rule documentation')),
    ),
  );

  await languageClient.start().catch(reportFailure('could not start the language server'));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
