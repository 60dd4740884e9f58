// The requests about each set's own database that run nothing: what it is (for the Migrations
// view, before anything connects), with a warning where two sets would share one tracking table,
// and a reset of the embedded or Docker database of one set, only when confirmed.

import type { Connection } from 'vscode-languageserver/node';
import { describeSetTarget } from '../db/targets/describe-set.js';
import { resetSetDatabase } from '../db/targets/reset-database.js';
import { sharedHistoryWarnings } from '../db/targets/shared-history.js';
import { DOCKER_RESET_HINT, DOCKER_VERSION_HINT, findSet, withProgress, workspaceOf } from './set-requests.js';
import { ResetDatabaseRequest, SetDatabasesRequest, type SetDatabase } from './protocol.js';
import { requireTrustedWorkspace } from './trust.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

export function registerSetDatabaseRequests(connection: Connection, analysis: WorkspaceAnalysis): void {
  connection.onRequest(SetDatabasesRequest, async ({ sets: asked, storageDir }) => {
    const { sets } = await analysis.runNow();
    const chosen = asked.flatMap(({ root, target }) => {
      const set = sets.find((candidate) => candidate.root === root);
      return set ? [{ set, spec: target }] : [];
    });
    const label = (root: string) => root.slice(workspaceOf(analysis, root).length + 1) || root;
    const warnings = sharedHistoryWarnings(chosen, label);
    return {
      sets: chosen.map(({ set, spec }): SetDatabase => {
        const described = describeSetTarget(spec, set, workspaceOf(analysis, set.root), storageDir);
        return { root: set.root, ...described, needsTarget: described.needsTarget || undefined, warning: warnings.get(set.root) };
      }),
    };
  });

  connection.onRequest(ResetDatabaseRequest, (params) =>
    withProgress(connection, params, 'Resetting the database', async () => {
      requireTrustedWorkspace();
      const { set, workspace } = await findSet(analysis, params.root);
      return resetSetDatabase({ spec: params.target, workspace, set, stateDir: params.storageDir, dockerVersion: params.dockerVersion, dockerVersionHint: DOCKER_VERSION_HINT, dockerResetHint: DOCKER_RESET_HINT }, params.confirm);
    }),
  );
}
