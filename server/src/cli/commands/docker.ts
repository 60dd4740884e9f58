// `migration-lens docker start|stop|reset|status <dir>`: the container that `--target docker`
// uses for the migrations under <dir>, run by hand — started before a session of work, stopped
// after, reset when its data is of no more use.

import { parseArgs } from 'node:util';
import { CONTAINER_ACTIONS, DockerError, ENGINES, performContainerAction, resetNeedsConfirmation } from '../../db/docker/index.js';
import { STATE_FILE } from '../../db/docker/state.js';
import { WORKSPACE_STATE_FOLDER } from '../../db/state-folder.js';
import { workspaceContainer } from '../../db/targets/resolve.js';
import { DIALECTS, normalizePath } from '../../engine/index.js';
import { isOneOf } from '../arguments.js';
import { loadMigrationSet } from '../database-command.js';
import { EXIT_OK, reportError, type CliIO } from '../io.js';

export const usage = `Usage: migration-lens docker start|stop|reset|status <dir> [options]

Manages the database container that \`--target docker\` uses for the migrations under <dir>, run
from this folder: published on 127.0.0.1 only, its password kept in ${WORKSPACE_STATE_FOLDER}/${STATE_FILE}.
  start             create, start or reuse the container and wait until it accepts connections
  stop              stop it, keeping its data
  reset             remove it with its data and start a fresh one (new port and password); needs --yes
  status            say whether it exists and runs, and where
  --docker-image    postgres, mysql or mariadb (default: the dialect of the migrations)
  --docker-version  image tag, as for up/down/status (postgres ${ENGINES.postgres.defaultVersion}, mysql ${ENGINES.mysql.defaultVersion}, mariadb ${ENGINES.mariadb.defaultVersion}
                    for a new container; an existing one keeps the version it was created with)
  --yes             confirm that reset deletes the container's data
(--image and --version are accepted for --docker-image and --docker-version.)
Exit code: 0 done, 2 bad usage or a Docker problem (not installed, daemon not answering, …).
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(usage);
    return EXIT_OK;
  }
  const fail = (message: string) => reportError(io, 'docker', message);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'docker-image': { type: 'string' }, 'docker-version': { type: 'string' }, image: { type: 'string' }, version: { type: 'string' }, yes: { type: 'boolean' } },
    });
  } catch (error) {
    return fail(`${(error as Error).message}; run \`migration-lens docker --help\` for the options`);
  }
  const [action, folder, ...extra] = parsed.positionals;
  if (action === undefined || !isOneOf(action, CONTAINER_ACTIONS)) return fail(`pass one of ${CONTAINER_ACTIONS.join(', ')} and a migration folder, e.g. \`migration-lens docker start db/migrations\``);
  if (folder === undefined || extra.length > 0) return fail(`pass exactly one migration folder, e.g. \`migration-lens docker ${action} db/migrations\``);
  const { yes } = parsed.values;
  // One vocabulary with up/down/status; the short spellings this command had first still work.
  const image = parsed.values['docker-image'] ?? parsed.values.image;
  const version = parsed.values['docker-version'] ?? parsed.values.version;
  if (image !== undefined && !isOneOf(image, DIALECTS)) return fail(`unknown image "${image}" for --docker-image; use ${DIALECTS.join(', ')}`);

  const loaded = await loadMigrationSet(folder, io);
  if (typeof loaded === 'string') return fail(loaded);
  const engine = image ?? loaded.set.dialect;
  // The workspace `--target docker` uses, so both mean the same container.
  const container = workspaceContainer({ workspace: normalizePath(io.cwd), engine, dockerVersion: version, dockerVersionHint: '--docker-version', onProgress: (message) => io.stderr(`${message}…\n`) });
  if (action === 'reset' && !yes) return fail(resetNeedsConfirmation(container, 'run again with --yes'));
  try {
    const outcome = await performContainerAction(container, action, { start: `\`migration-lens docker start ${folder}\``, stateFile: `${WORKSPACE_STATE_FOLDER}/${STATE_FILE}` });
    io.stdout(`${outcome.message}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof DockerError) return fail(error.message);
    throw error;
  }
}
