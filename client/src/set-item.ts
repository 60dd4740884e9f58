// How a migration set reads in quick picks, views and messages, the same everywhere.

import { Uri, window, workspace } from 'vscode';
import type { MigrationSetSummary } from '../../server/src/lsp/protocol.js';

/** The set's folder relative to the workspace: `db/migrations`. */
export const setFolder = (set: MigrationSetSummary): string => workspace.asRelativePath(Uri.parse(set.rootUri));

export function setItemText(set: MigrationSetSummary): { label: string; description: string } {
  return {
    label: `$(database) ${setFolder(set)}`,
    description: `${set.framework} · ${set.dialect} · ${set.migrations} migration${set.migrations === 1 ? '' : 's'}`,
  };
}

/** The set whose folder holds `path` (the deepest, for nested sets). */
export function setHolding(sets: readonly MigrationSetSummary[], path: string): MigrationSetSummary | undefined {
  const file = path.replace(/\\/g, '/');
  return sets.filter((set) => file === set.root || file.startsWith(`${set.root}/`)).sort((a, b) => b.root.length - a.root.length)[0];
}

/** The set holding the active editor's file, with that file's URI. */
export function setOfActiveEditor(sets: readonly MigrationSetSummary[]): { set: MigrationSetSummary; uri: Uri } | undefined {
  const uri = window.activeTextEditor?.document.uri;
  const set = uri?.scheme === 'file' ? setHolding(sets, uri.fsPath) : undefined;
  return set && uri && { set, uri };
}
