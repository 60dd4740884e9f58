// The real Docker engine of the UI journey's Docker steps: started (or found running) the way
// `npm test` starts it for test/docker (test/support/docker/engine.ts), with the locally built
// postgres:15 image, and stopped afterwards. Without Docker on a developer machine those steps
// are pending and say why; with CI=true that is a failure, never a silent skip.
import { spawnSync } from 'node:child_process';
import { tsImport } from 'tsx/esm/api';
import { log } from './results.mjs';

/** The version the steps set (`migrationLens.docker.version`): the image built here from Debian's PostgreSQL 15. */
export const DOCKER_VERSION = '15';

/** `{ available: true, stop }` or `{ available: false, reason }`; a failure to start throws in CI. */
export async function startDocker() {
  const { startDockerEngine, MissingServerBinary } = await tsImport('../../support/databases/index.ts', import.meta.url);
  try {
    const engine = await startDockerEngine();
    log(`Docker: ${engine.url} (daemon ${(engine.timings.initMs / 1000).toFixed(1)} s, images ${(engine.timings.startMs / 1000).toFixed(1)} s)`);
    return { available: true, stop: () => engine.stop() };
  } catch (error) {
    if (process.env.CI === 'true' || !(error instanceof MissingServerBinary)) throw error;
    return { available: false, reason: error.message };
  }
}

/** Ids of the containers Migration Lens made for `workspace` (by their label). */
export function workspaceContainers(workspace) {
  const listed = spawnSync('docker', ['ps', '--all', '--quiet', '--filter', `label=dev.migration-lens.workspace=${workspace}`], { encoding: 'utf8' });
  return listed.status === 0 ? listed.stdout.split('\n').filter(Boolean) : [];
}

/** Removes them with their volumes: each run's workspace is new, so its containers are too. */
export function removeWorkspaceContainers(workspace) {
  const ids = workspaceContainers(workspace);
  if (ids.length) spawnSync('docker', ['rm', '--force', '--volumes', ...ids]);
  return ids.length;
}
