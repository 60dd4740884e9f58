// What the custom requests that act on one migration set share: finding the set by its root in
// the current analysis, with the workspace folder that names its database (embedded data,
// container, state), and window/workDoneProgress around the work. Failures the user can fix
// become RequestFailed with their message, which says what to do (a run refused because of a
// migration that failed part-way also names it, so the client can offer the ways out); anything
// else is a bug and keeps its stack.

import { LSPErrorCodes, ResponseError, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import { ConnectionError, DatabaseError } from '../db/connection.js';
import { DockerError } from '../db/docker/cli.js';
import { RunRefused } from '../db/runner/index.js';
import { TargetSpecError, type TargetWording } from '../db/targets/resolve.js';
import type { Finding } from '../engine/index.js';
import type { MigrationSet } from '../engine/model/migration-set.js';
import type { SetReplay } from '../engine/schema/replay.js';
import type { FailedStateData } from './protocol.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

export interface FoundSet {
  set: MigrationSet;
  replay: SetReplay;
  /** The workspace folder holding the set (the set's own root when it is in none). */
  workspace: string;
  /** The findings in the set's files. */
  findings: readonly Finding[];
}

/** Where the editor's user sets the container's image tag, for messages. */
export const DOCKER_VERSION_HINT = 'setting migrationLens.docker.version';

/** How the editor's user resets the container, for messages. */
export const DOCKER_RESET_HINT = '"Migration Lens: Docker Container…" → Reset';

/** How the editor's user picks another target or opts in to a remote one, for messages. */
export const EDITOR_TARGET_WORDING: TargetWording = {
  otherTarget: (dialect) => `set migrationLens.target to docker or a ${dialect}:// URL`,
  allowRemote: 'the machine setting migrationLens.allowRemoteTargets, then a confirmation on each run',
};

const USER_FIXABLE = [TargetSpecError, DockerError, ConnectionError, RunRefused, DatabaseError];

/** Analyses now (skipping the edit debounce) and finds the set whose root is `root`. */
export async function findSet(analysis: WorkspaceAnalysis, root: string): Promise<FoundSet> {
  const current = await analysis.runNow();
  const index = current.sets.findIndex((set) => set.root === root);
  if (index < 0) throw new TargetSpecError(`no migration set at ${root}; the workspace has ${current.sets.map((s) => s.root).join(', ') || 'none'}`);
  const set = current.sets[index];
  const workspace = workspaceOf(analysis, set.root);
  return { set, replay: current.replays[index], workspace, findings: current.findings.filter((finding) => finding.file.startsWith(`${set.root}/`)) };
}

/** The workspace folder holding `root` (`root` itself when it is in none): what names the set's database. */
export function workspaceOf(analysis: WorkspaceAnalysis, root: string): string {
  return analysis.folders.find((folder) => root === folder || root.startsWith(`${folder}/`)) ?? root;
}

/** Runs `body` between the begin and end of a progress report titled `title`. */
export async function withProgress<T>(connection: Connection, params: WorkDoneProgressParams, title: string, body: (workDone: WorkDoneProgressReporter) => Promise<T>): Promise<T> {
  // A no-op reporter when the client sent no workDoneToken.
  const workDone = connection.window.attachWorkDoneProgress(params.workDoneToken);
  workDone.begin(title, undefined, 'finding the migration set', true);
  try {
    return await answeringUserErrors(() => body(workDone));
  } finally {
    workDone.done();
  }
}

/** Runs `body`; a failure the user can fix becomes RequestFailed with its message. */
export async function answeringUserErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof RunRefused && error.failed) {
      throw new ResponseError<FailedStateData>(LSPErrorCodes.RequestFailed, error.message, { failedMigration: error.failed });
    }
    if (USER_FIXABLE.some((kind) => error instanceof kind)) throw new ResponseError(LSPErrorCodes.RequestFailed, (error as Error).message);
    throw error;
  }
}
