// Workspace trust: in a folder the user has not trusted (VS Code's Restricted Mode) the server
// analyses the files and nothing else: no migration runs, no container starts, no database is
// opened, since the folder's settings choose which. The client says so in its initialization
// options and tells the server when the user grants trust; a client that says nothing (another
// editor, the tests) is trusted, as the CLI is.

import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { RESTRICTED_MODE_MESSAGE, WorkspaceTrustedNotification } from './protocol.js';

let trusted = true;

/** Reads `initializationOptions.workspaceTrusted`; absent, the workspace is trusted. */
export function readWorkspaceTrust(initializationOptions: unknown): void {
  const said = (initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted;
  trusted = said !== false;
}

export function registerWorkspaceTrust(connection: Connection): void {
  connection.onNotification(WorkspaceTrustedNotification, () => {
    trusted = true;
  });
}

/** Refuses the request in an untrusted workspace, saying why and what to do. */
export function requireTrustedWorkspace(): void {
  if (!trusted) throw new ResponseError(LSPErrorCodes.RequestFailed, `Nothing was done: ${RESTRICTED_MODE_MESSAGE}`);
}
