// The Migrations container in the activity bar: the Migrations view (each set's migrations with
// their states and findings), History (what each set's tracking table records), Database (each
// set's database, its container, drift) and Schema (the replayed schema), the Explorer's
// decorations of migration files, and the commands that belong to the views rather than to a run.

import { commands, Uri, window, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DockerRequest } from '../../server/src/lsp/protocol.js';
import type { Command } from './database/commands.js';
import { createDatabaseView, type DatabaseTree } from './database/database-view.js';
import { registerMigrationDecorations } from './database/file-decorations.js';
import { createHistoryView, READ_HISTORY_COMMAND } from './database/history-view.js';
import type { MigrationRow } from './database/migration-rows.js';
import { createMigrationsView, type MigrationsTree } from './database/migrations-tree.js';
import { ReadPermissions } from './database/read-gate.js';
import { containerSettings } from './database/target.js';
import { newMigration, NEW_MIGRATION_COMMAND, type NewMigrationArgument } from './new-migration.js';
import { openProjectSettings } from './project-settings.js';
import { createSchemaView } from './schema-view.js';
import { onTrustGranted } from './trust.js';

export const SHOW_SCHEMA_AT_COMMAND = 'migrationLens.showSchemaAt';

export interface ContainerViews {
  migrations: MigrationsTree;
  database: DatabaseTree;
}

/**
 * `guard(what, command)` reports a failed command (a database command's guard also checks the
 * workspace is trusted); `analysisGuard` does the first only, for commands that touch no database.
 */
export function createContainer(
  context: ExtensionContext,
  client: LanguageClient,
  guards: { database: (what: string, command: Command) => Command; analysis: (what: string, command: Command) => Command },
): ContainerViews {
  const permissions = new ReadPermissions(
    async (root) => (await client.sendRequest(DockerRequest, { root, action: 'status', ...containerSettings(context, { rootUri: Uri.file(root).toString() }) })).dockerState,
  );
  const migrations = createMigrationsView(context, client, permissions);
  const history = createHistoryView(context, client, migrations, permissions);
  const database = createDatabaseView(context, client, migrations);
  const schema = createSchemaView(context, client);
  context.subscriptions.push(
    registerMigrationDecorations(migrations),
    // Trust can be granted while the views are open: they read then what they could not (History and Database follow Migrations).
    onTrustGranted(client, () => migrations.refresh()),
    commands.registerCommand(READ_HISTORY_COMMAND, guards.database('could not read the history', (argument) => history.read((argument as { root: string }).root))),
    commands.registerCommand(NEW_MIGRATION_COMMAND, guards.analysis('could not create the migration', async (argument) => {
      const created = await newMigration(client, argument as NewMigrationArgument);
      if (created) migrations.refresh();
      return created;
    })),
    commands.registerCommand(SHOW_SCHEMA_AT_COMMAND, guards.analysis('could not show the schema', async (argument) => {
      const row = argument as MigrationRow | undefined;
      const uri = row?.status?.uri ?? row?.analysed?.uri;
      if (!row || !uri) {
        void window.showInformationMessage('Migration Lens: pick a migration with a file in the Migrations view to see the schema after it.');
        return undefined;
      }
      await schema.showAfter(row.root, uri);
      return uri;
    })),
    commands.registerCommand('migrationLens.openProjectSettings', guards.analysis('could not open the project settings', () => openProjectSettings())),
  );
  return { migrations, database };
}
