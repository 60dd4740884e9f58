// "Migration Lens: Open Project Settings (.migration-lens.json)": opens the workspace's project
// settings, or creates them with an empty `rules` object, and puts the cursor there with the
// completion list open — every rule id with its summary, from the JSON schema the extension
// contributes (schemas/migration-lens.schema.json).

import { commands, Position, Range, Uri, window, workspace } from 'vscode';

const FILE = '.migration-lens.json';
const SKELETON = '{\n  "rules": {\n    \n  }\n}\n';
/** Inside `rules`, on its empty line. */
const CURSOR = new Position(2, 4);

export async function openProjectSettings(): Promise<Uri | undefined> {
  const folder = (window.activeTextEditor && workspace.getWorkspaceFolder(window.activeTextEditor.document.uri)) ?? workspace.workspaceFolders?.[0];
  if (!folder) {
    void window.showInformationMessage(`Migration Lens: open a folder first; ${FILE} goes at its root.`);
    return undefined;
  }
  const uri = Uri.joinPath(folder.uri, FILE);
  const created = !(await workspace.fs.stat(uri).then(() => true, () => false));
  if (created) await workspace.fs.writeFile(uri, new TextEncoder().encode(SKELETON));
  const editor = await window.showTextDocument(uri, { preview: false, selection: created ? new Range(CURSOR, CURSOR) : undefined });
  if (created) await commands.executeCommand('editor.action.triggerSuggest');
  return editor.document.uri;
}
