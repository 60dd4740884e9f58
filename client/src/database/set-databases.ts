// Every migration set with the database its settings give it, as the server describes it before
// anything connects: what the Migrations, History and Database views list.

import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListSetsRequest, SetDatabasesRequest, type MigrationSetSummary, type SetDatabase } from '../../../server/src/lsp/protocol.js';
import { targetOfSet } from './set-target.js';
import { storageFolder } from './target.js';

export async function setsWithDatabases(context: ExtensionContext, client: LanguageClient): Promise<{ set: MigrationSetSummary; database?: SetDatabase }[]> {
  const { sets } = await client.sendRequest(ListSetsRequest);
  const chosen = sets.map((set) => ({ root: set.root, target: targetOfSet(set) }));
  const { sets: databases } = await client.sendRequest(SetDatabasesRequest, { sets: chosen, storageDir: storageFolder(context) });
  return sets.map((set) => ({ set, database: databases.find((database) => database.root === set.root) }));
}
