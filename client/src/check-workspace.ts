// "Migration Lens: Check Workspace Migrations": asks the server to analyse now and lists every
// migration set it found with framework, dialect, the reasons for both, and its problem count.
// Picking a set reveals its folder and opens the Problems panel.

import { commands, Uri, window, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListSetsRequest, type MigrationSetSummary } from '../../server/src/lsp/protocol.js';
import { setItemText } from './set-item.js';

interface SetItem extends QuickPickItem {
  set: MigrationSetSummary;
}

export async function checkWorkspace(client: LanguageClient): Promise<void> {
  const { sets } = await client.sendRequest(ListSetsRequest);
  if (sets.length === 0) {
    void window.showInformationMessage('Migration Lens found no SQL migration folders in this workspace.');
    return;
  }
  const items: SetItem[] = sets.map((set) => ({
    set,
    ...setItemText(set),
    detail: `${problemSummary(set)} — ${set.frameworkReason}; ${set.dialectReason}`,
  }));
  const picked = await window.showQuickPick(items, {
    title: 'Migration Lens: migration sets in this workspace',
    placeHolder: 'Pick a set to reveal its folder and the Problems panel',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  await commands.executeCommand('revealInExplorer', Uri.parse(picked.set.rootUri));
  await commands.executeCommand('workbench.actions.view.problems');
}

function problemSummary(set: MigrationSetSummary): string {
  if (set.errors === 0 && set.warnings === 0) return '$(check) no problems';
  return `$(error) ${set.errors} $(warning) ${set.warnings}`;
}
