// migrationLens/history: what the set's tracking table records, newest first, with when each
// migration ran and for how long where the framework keeps that (db/runner migrationHistory).
// Reading it never creates the embedded database: before the first run there is no history.

import type { Connection } from 'vscode-languageserver/node';
import { migrationHistory } from '../db/runner/index.js';
import { TRACKING } from '../db/tracking/index.js';
import type { FileHost } from '../engine/index.js';
import { HistoryRequest, type HistoryResult } from './protocol.js';
import { targetSessions } from './target-session.js';
import { pathToUri } from './uri.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

export function registerHistoryRequest(connection: Connection, analysis: WorkspaceAnalysis, host: FileHost): void {
  const withTarget = targetSessions(connection, analysis, host);
  connection.onRequest(HistoryRequest, (params) =>
    withTarget(
      params,
      'Migration history',
      async ({ connection: database, set, runner }): Promise<HistoryResult> => {
        const { table, entries } = await migrationHistory(database, set, runner);
        return {
          target: database.description,
          table,
          entries: entries.map(({ migration, ...entry }) => ({ ...entry, uri: migration?.up ? pathToUri(migration.up.file) : undefined })),
        };
      },
      (set, description) => ({ target: description, table: TRACKING[set.framework].table, entries: [] }),
    ),
  );
}
