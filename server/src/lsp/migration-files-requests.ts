// The requests about a set's migration files that need no database: each migration with its
// files and its findings (the Migrations view shows them before, and without, any database),
// and the files of a new migration named as the set's framework names them (the client creates
// and opens them; the engine's discover/new-migration.ts knows the names).

import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { migrationName, planNewMigration } from '../engine/discover/new-migration.js';
import type { FileHost } from '../engine/index.js';
import { LineIndex } from '../engine/model/source.js';
import { NewMigrationRequest, SetMigrationsRequest, type NewMigrationResult, type SetMigrationItem, type SetMigrationsResult } from './protocol.js';
import { answeringUserErrors, findSet } from './set-requests.js';
import { pathToUri } from './uri.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

export function registerMigrationFileRequests(connection: Connection, analysis: WorkspaceAnalysis, host: FileHost): void {
  connection.onRequest(SetMigrationsRequest, (params) =>
    answeringUserErrors(async (): Promise<SetMigrationsResult> => {
      const { set, findings } = await findSet(analysis, params.root);
      return {
        root: set.root,
        migrations: set.migrations.map((migration): SetMigrationItem => {
          const files = new Set([migration.up?.file, migration.down?.file].filter((file) => file !== undefined));
          const own = findings.filter((finding) => files.has(finding.file));
          const count = (severity: string) => own.filter((finding) => finding.severity === severity).length;
          const up = migration.up?.file ?? migration.down?.file;
          const down = migration.down && migration.down.file !== up ? migration.down.file : undefined;
          return {
            id: migration.id,
            version: migration.version,
            name: migration.name,
            ...(up && { uri: pathToUri(up) }),
            ...(down && { downUri: pathToUri(down) }),
            repeatable: migration.kind === 'repeatable',
            errors: count('error'),
            warnings: count('warning'),
            infos: count('info'),
          };
        }),
      };
    }),
  );

  connection.onRequest(NewMigrationRequest, (params) =>
    answeringUserErrors(async (): Promise<NewMigrationResult> => {
      const { set } = await findSet(analysis, params.root);
      const name = migrationName(params.description);
      if (!name) throw new ResponseError(LSPErrorCodes.RequestFailed, `"${params.description}" has no letters or digits to name a migration file with: describe what it does, e.g. "add orders status".`);
      const plan = planNewMigration(set, name, new Date());
      const taken = plan.files.find((file) => host.readFile(file.path) !== undefined);
      if (taken) throw new ResponseError(LSPErrorCodes.RequestFailed, `${taken.path} already exists, and nothing was created: pick another description, or open that file.`);
      const up = plan.files.find((file) => file.path === plan.up.path)!;
      return {
        version: plan.version,
        files: plan.files.map((file) => ({ uri: pathToUri(file.path), text: file.text })),
        cursor: { uri: pathToUri(plan.up.path), position: new LineIndex(up.text).positionAt(plan.up.offset) },
      };
    }),
  );
}
