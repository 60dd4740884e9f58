// How a migration set reads in a quick pick, the same in every command that lists sets.

import { Uri, workspace } from 'vscode';
import type { MigrationSetSummary } from '../../server/src/lsp/protocol.js';

export function setItemText(set: MigrationSetSummary): { label: string; description: string } {
  return {
    label: `$(database) ${workspace.asRelativePath(Uri.parse(set.rootUri))}`,
    description: `${set.framework} · ${set.dialect} · ${set.migrations} migration${set.migrations === 1 ? '' : 's'}`,
  };
}
