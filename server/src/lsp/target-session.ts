// A request that works on one set's database: the set found by its root in the current
// analysis, the chosen target resolved (db/targets/resolve.ts) and opened under a progress
// report, the work done, the connection closed. Refused in a workspace the user has not trusted
// (trust.ts): all that runs there is the analysis.

import type { Connection, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { openTarget, uncreatedEmbeddedDatabase, type DatabaseConnection, type Target } from '../db/connection.js';
import type { RunnerOptions } from '../db/runner/index.js';
import { resolveTarget, uncreatedContainer, type TargetRequest } from '../db/targets/resolve.js';
import type { FileHost, Finding } from '../engine/index.js';
import type { Migration, MigrationSet } from '../engine/model/migration-set.js';
import { parseStatements } from '../engine/parse/index.js';
import type { SetReplay } from '../engine/schema/replay.js';
import type { TargetParams } from './protocol.js';
import { DOCKER_RESET_HINT, DOCKER_VERSION_HINT, EDITOR_TARGET_WORDING, findSet, withProgress } from './set-requests.js';
import { requireTrustedWorkspace } from './trust.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

export interface RequestContext {
  set: MigrationSet;
  replay: SetReplay;
  /** The findings in the set's files. */
  findings: readonly Finding[];
  connection: DatabaseConnection;
  runner: RunnerOptions;
  targetKind: Target['kind'];
  upStatements(migration: Migration): ReturnType<typeof parseStatements>;
}

export type WithTarget = <T>(
  params: TargetParams,
  title: string,
  body: (context: RequestContext, workDone: WorkDoneProgressReporter) => Promise<T>,
  beforeDatabaseExists?: (set: MigrationSet, description: string) => T,
) => Promise<T>;

/**
 * `withTarget(params, title, body, beforeDatabaseExists?)`: opens the target for the request's
 * set, runs `body`, closes. With `beforeDatabaseExists`, an embedded database or Docker container
 * not created yet is left uncreated (≈40 MB and seconds, or a container): that answers instead.
 */
export function targetSessions(connection: Connection, analysis: WorkspaceAnalysis, host: FileHost): WithTarget {
  return (params, title, body, beforeDatabaseExists) =>
    withProgress(connection, params, title, async (workDone) => {
      requireTrustedWorkspace();
      const { set, replay, workspace, findings } = await findSet(analysis, params.root);
      const request: TargetRequest = {
        spec: params.target,
        workspace,
        set,
        stateDir: params.storageDir,
        dockerVersion: params.dockerVersion,
        dockerVersionHint: DOCKER_VERSION_HINT,
        dockerResetHint: DOCKER_RESET_HINT,
        password: params.password,
        allowRemote: params.allowRemote,
        wording: EDITOR_TARGET_WORDING,
        onProgress: (message) => workDone.report(message),
      };
      const noContainer = beforeDatabaseExists && (await uncreatedContainer(request));
      if (beforeDatabaseExists && noContainer) return beforeDatabaseExists(set, noContainer);
      const target = await resolveTarget(request);
      const uncreated = uncreatedEmbeddedDatabase(target);
      if (beforeDatabaseExists && uncreated) return beforeDatabaseExists(set, uncreated);
      workDone.report('connecting');
      const database = await openTarget(target);
      try {
        const upStatements = (migration: Migration) => {
          const text = migration.up && host.readFile(migration.up.file);
          return text === undefined || !migration.up ? [] : parseStatements(text, migration.up.range, set.dialect, { sentWhole: migration.up.sentWhole });
        };
        // Settings may hold anything: a timeout that is not a number of milliseconds keeps the default.
        const lockTimeoutMs = typeof params.lockTimeoutMs === 'number' && params.lockTimeoutMs >= 0 ? params.lockTimeoutMs : undefined;
        const runner: RunnerOptions = { readFile: (path) => host.readFile(path), lockTimeoutMs };
        return await body({ set, replay, findings, connection: database, runner, targetKind: target.kind, upStatements }, workDone);
      } finally {
        await database.close();
      }
    });
}
