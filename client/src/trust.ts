// Restricted Mode: in a workspace the user has not trusted, Migration Lens analyses the migrations
// (diagnostics, quick fixes, the schema, New Migration) and does nothing else — the folder's own
// settings pick the database and the container, so nothing runs a migration, starts Docker or
// opens a database. The commands that would say so; the views show a row or a welcome page that
// says so; the server refuses them too (server/src/lsp/trust.ts), and is told when trust comes.

import { commands, window, workspace, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RESTRICTED_MODE_MESSAGE, WorkspaceTrustedNotification } from '../../server/src/lsp/protocol.js';
import type { ActionRow } from './database/set-database-rows.js';

const MANAGE_TRUST = 'workbench.trust.manage';

/** Whether a database command may go on; when not, says why with a way to trust the workspace. */
export function allowedInThisWorkspace(what: string): boolean {
  if (workspace.isTrusted) return true;
  void window.showWarningMessage(`Migration Lens ${what}: ${RESTRICTED_MODE_MESSAGE}`, 'Manage Workspace Trust').then((choice) => {
    if (choice) void commands.executeCommand(MANAGE_TRUST);
  });
  return false;
}

/** A view's row in Restricted Mode, in place of what would need the database (`what`). */
export function restrictedRow(what: string): ActionRow {
  return {
    label: 'Restricted Mode: analysis only',
    icon: 'shield',
    tooltip: `Migration Lens does not read ${what} here: ${RESTRICTED_MODE_MESSAGE} Click to manage workspace trust.`,
    command: MANAGE_TRUST,
  };
}

/** Tells the server, then `refresh`es the views, when the user trusts the workspace. */
export function onTrustGranted(client: LanguageClient, refresh: () => void): Disposable {
  return workspace.onDidGrantWorkspaceTrust(async () => {
    await client.sendNotification(WorkspaceTrustedNotification);
    refresh();
  });
}
