// "Migration Lens: New Migration": a description, the set (the caller's, the active editor's,
// the only one, else a pick), then the files the server names for it — the set's framework's own
// layout and numbering (server/src/engine/discover/new-migration.ts) — created on disk, and the up
// part opened with the cursor where its SQL goes. Nothing is overwritten.

import { Position, Range, Uri, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NewMigrationRequest } from '../../server/src/lsp/protocol.js';
import { chooseSet, type SetArgument } from './database/choose-set.js';
import { setFolder } from './set-item.js';

export const NEW_MIGRATION_COMMAND = 'migrationLens.newMigration';

/** A caller (a view row, a test) may pass the description too, and is asked nothing more than the set. */
export type NewMigrationArgument = SetArgument | { root?: string; description?: string };

export interface CreatedMigration {
  version: string;
  /** The files created, the up part's first. */
  uris: string[];
}

export async function newMigration(client: LanguageClient, argument: NewMigrationArgument): Promise<CreatedMigration | undefined> {
  const given = argument instanceof Uri ? undefined : (argument as { description?: string } | undefined)?.description;
  const description =
    given ??
    (await window.showInputBox({
      title: 'Migration Lens: New Migration',
      prompt: 'What does it do? The file is named after it, as the folder\'s framework names its migrations.',
      placeHolder: 'add orders status',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : 'Describe what the migration does, e.g. "add orders status".'),
    }));
  if (!description) return undefined;
  const set = await chooseSet(client, argument, `new migration "${description}"`, 'Migration Lens found no migration folder to add a migration to. Create the folder with its first migration, named as your framework does; Migration Lens numbers the next ones.');
  if (!set) return undefined;
  const plan = await client.sendRequest(NewMigrationRequest, { root: set.root, description });
  for (const file of plan.files) {
    const uri = Uri.parse(file.uri);
    if (await exists(uri)) throw new Error(`${workspace.asRelativePath(uri)} appeared before it could be created; nothing was overwritten`);
    await workspace.fs.writeFile(uri, new TextEncoder().encode(file.text));
  }
  const cursor = new Position(plan.cursor.position.line, plan.cursor.position.character);
  await window.showTextDocument(Uri.parse(plan.cursor.uri), { selection: new Range(cursor, cursor), preview: false });
  const names = plan.files.map((file) => workspace.asRelativePath(Uri.parse(file.uri), false).slice(setFolder(set).length + 1));
  void window.setStatusBarMessage(`Migration Lens: created ${names.join(' and ')} in ${setFolder(set)}`, 5000);
  return { version: plan.version, uris: plan.files.map((file) => file.uri) };
}

async function exists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
