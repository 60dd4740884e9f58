// migrationLens/docker: the Docker target's container run by hand from the editor — the same
// container, actions and messages as `migration-lens docker` (db/docker/actions.ts), with
// progress notifications, and a cancellation that stops the wait for connections.

import type { Connection } from 'vscode-languageserver/node';
import { performContainerAction, resetNeedsConfirmation } from '../db/docker/index.js';
import { workspaceContainer } from '../db/targets/resolve.js';
import { DockerRequest, type DockerResult } from './protocol.js';
import { DOCKER_RESET_HINT, DOCKER_VERSION_HINT, findSet, withProgress } from './set-requests.js';
import { requireTrustedWorkspace } from './trust.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

export function registerDockerRequests(connection: Connection, analysis: WorkspaceAnalysis): void {
  connection.onRequest(DockerRequest, (params, token) =>
    withProgress(connection, params, `Docker container: ${params.action}`, async (workDone): Promise<DockerResult> => {
      requireTrustedWorkspace();
      const { set, workspace } = await findSet(analysis, params.root);
      const container = workspaceContainer({
        workspace,
        engine: set.dialect,
        stateDir: params.storageDir,
        dockerVersion: params.dockerVersion,
        dockerVersionHint: DOCKER_VERSION_HINT,
        dockerResetHint: DOCKER_RESET_HINT,
        onProgress: (message) => workDone.report(message),
        isCancelled: () => token.isCancellationRequested,
      });
      if (params.action === 'reset' && !params.confirm) {
        return { action: 'reset', container: container.name, image: container.image, done: 'none', cancelled: false, message: resetNeedsConfirmation(container, 'confirm the reset') };
      }
      return performContainerAction(container, params.action, { start: 'the `start` action', stateFile: container.stateFile });
    }),
  );
}
