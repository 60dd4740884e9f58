// The language client: starts dist/server.js over IPC and tells it about SQL documents, the
// `migrationLens` settings and the files that change how migrations are discovered.

import { workspace, type ExtensionContext, type OutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/node-flags.js';
import { SHOW_RULE_DOCS_COMMAND } from '../../server/src/lsp/protocol.js';

/** Files whose creation, change or deletion can change a finding without an open editor. */
const WATCHED_FILES = ['**/*.sql', '**/migration_lock.toml', '**/.migration-lens.json', '**/*.conf'];

export function createLanguageClient(context: ExtensionContext, outputChannel: OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const watchers = WATCHED_FILES.map((pattern) => workspace.createFileSystemWatcher(pattern));
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'file', pattern: '**/*.sql' },
    ],
    synchronize: { configurationSection: 'migrationLens', fileEvents: watchers },
    outputChannel,
    // In Restricted Mode the server analyses and opens no database (server/src/lsp/trust.ts).
    initializationOptions: { workspaceTrusted: workspace.isTrusted },
    // Hovers link to a rule's documentation through this command, and only this one.
    markdown: { isTrusted: { enabledCommands: [SHOW_RULE_DOCS_COMMAND] } },
  };
  // The id makes the client read `migrationLens.trace.server` for protocol tracing.
  return new LanguageClient('migrationLens', 'Migration Lens', serverOptions, clientOptions);
}
