// Which migration set a database command acts on: the one its caller names (a tree view, a
// test), else the one holding the active editor's file, else the only one, else the user picks.

import { Uri, window, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListSetsRequest, type MigrationSetSummary } from '../../../server/src/lsp/protocol.js';
import { setHolding, setItemText, setOfActiveEditor } from '../set-item.js';

/**
 * What a command may be invoked with: `{ root }` (a Migrations view row, with the migration's
 * `version` on migration rows), or the Uri of a file or folder in a set (explorer menus). A
 * caller that has already asked the user may pass `runDespiteErrors` to Migrate Up.
 */
export type SetArgument = { root?: string; version?: string; runDespiteErrors?: boolean } | Uri | undefined;

/** The migration version a command was invoked on, if any. */
export const versionOf = (argument: SetArgument): string | undefined => (argument instanceof Uri ? undefined : argument?.version);

/** Whether the caller has confirmed running migrations with error findings. */
export const runDespiteErrorsOf = (argument: SetArgument): boolean => !(argument instanceof Uri) && argument?.runDespiteErrors === true;

/** `noSets`: what to tell the user when the workspace has no migration folder. */
export async function chooseSet(client: LanguageClient, argument: SetArgument, purpose: string, noSets = 'Migration Lens found no SQL migration folders in this workspace, so there is nothing to run.'): Promise<MigrationSetSummary | undefined> {
  const { sets } = await client.sendRequest(ListSetsRequest);
  if (sets.length === 0) {
    void window.showInformationMessage(noSets);
    return undefined;
  }
  if (argument instanceof Uri) return setHolding(sets, argument.fsPath) ?? pick(sets, purpose);
  if (argument?.root) {
    const named = sets.find((set) => set.root === argument.root);
    if (!named) throw new Error(`no migration set at ${argument.root}; the workspace has ${sets.map((set) => set.root).join(', ')}`);
    return named;
  }
  const active = setOfActiveEditor(sets);
  if (active) return active.set;
  return sets.length === 1 ? sets[0] : pick(sets, purpose);
}

interface SetItem extends QuickPickItem {
  set: MigrationSetSummary;
}

async function pick(sets: readonly MigrationSetSummary[], purpose: string): Promise<MigrationSetSummary | undefined> {
  const items: SetItem[] = sets.map((set) => ({ set, ...setItemText(set) }));
  const picked = await window.showQuickPick(items, { title: `Migration Lens: ${purpose}`, placeHolder: 'Which migration folder?' });
  return picked?.set;
}
