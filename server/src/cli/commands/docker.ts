// `migration-lens docker start|stop|reset|status <dir>`: the container that `--target docker`
// uses for the migrations under <dir>, run by hand — started before a session of work, stopped
// after, reset when its data is of no more use.

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { containerUrl, DockerContainer, DockerError, ENGINES, type StartedContainer } from '../../db/docker/index.js';
import { STATE_FILE } from '../../db/docker/state.js';
import { WORKSPACE_STATE_FOLDER } from '../../db/targets/pglite.js';
import { DIALECTS, normalizePath } from '../../engine/index.js';
import { isOneOf } from '../arguments.js';
import { loadMigrationSet } from '../database-command.js';
import { EXIT_OK, EXIT_USAGE, type CliIO } from '../io.js';

export const usage = `Usage: migration-lens docker start|stop|reset|status <dir> [options]

Manages the database container that \`--target docker\` uses for the migrations under <dir>, run
from this folder: published on 127.0.0.1 only, its password kept in ${WORKSPACE_STATE_FOLDER}/${STATE_FILE}.
  start             create, start or reuse the container and wait until it accepts connections
  stop              stop it, keeping its data
  reset             remove it with its data and start a fresh one (new port and password); needs --yes
  status            say whether it exists and runs, and where
  --image           postgres, mysql or mariadb (default: the dialect of the migrations)
  --version         image tag (postgres ${ENGINES.postgres.defaultVersion}, mysql ${ENGINES.mysql.defaultVersion}, mariadb ${ENGINES.mariadb.defaultVersion} by default)
  --yes             confirm that reset deletes the container's data
Exit code: 0 done, 2 bad usage or a Docker problem (not installed, daemon not answering, …).
`;

const ACTIONS = ['start', 'stop', 'reset', 'status'] as const;
type Action = (typeof ACTIONS)[number];

export async function run(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(usage);
    return EXIT_OK;
  }
  const fail = (message: string) => {
    io.stderr(`migration-lens docker: ${message}\n`);
    return EXIT_USAGE;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { image: { type: 'string' }, version: { type: 'string' }, yes: { type: 'boolean' } } });
  } catch (error) {
    return fail(`${(error as Error).message}; run \`migration-lens docker --help\` for the options`);
  }
  const [action, folder, ...extra] = parsed.positionals;
  if (action === undefined || !isOneOf(action, ACTIONS)) return fail(`pass one of ${ACTIONS.join(', ')} and a migration folder, e.g. \`migration-lens docker start db/migrations\``);
  if (folder === undefined || extra.length > 0) return fail(`pass exactly one migration folder, e.g. \`migration-lens docker ${action} db/migrations\``);
  const { image, version, yes } = parsed.values;
  if (image !== undefined && !isOneOf(image, DIALECTS)) return fail(`unknown image "${image}"; use ${DIALECTS.join(', ')}`);

  const loaded = await loadMigrationSet(folder, io);
  if (typeof loaded === 'string') return fail(loaded);
  const engine = image ?? loaded.set.dialect;
  // The workspace and state folder `--target docker` uses (db/targets/resolve.ts), so both mean the same container.
  const workspace = normalizePath(io.cwd);
  const container = new DockerContainer({
    workspace,
    engine,
    version,
    stateDir: join(workspace, WORKSPACE_STATE_FOLDER),
    versionHint: '--version',
    onProgress: (message) => io.stderr(`${message}…\n`),
  });
  if (action === 'reset' && !yes) {
    return fail(`reset removes container ${container.name} and all its data, then starts a new one on a new port with a new password; run again with --yes to go ahead`);
  }
  try {
    io.stdout(await perform(action, container, folder));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof DockerError) return fail(error.message);
    throw error;
  }
}

/** Does `action` and says what came of it, without the password (it stays in the state file). */
async function perform(action: Action, container: DockerContainer, folder: string): Promise<string> {
  switch (action) {
    case 'start':
    case 'reset':
      return describeStarted(action === 'reset' ? await container.reset() : await container.start(), container);
    case 'stop':
      return (await container.stop())
        ? `Stopped container ${container.name}; its data is kept, \`migration-lens docker start ${folder}\` starts it again.\n`
        : `Container ${container.name} is not running.\n`;
    case 'status': {
      const { dockerState, image, state } = await container.status();
      if (dockerState === undefined) return `Container ${container.name} (${container.image}) does not exist; \`migration-lens docker start ${folder}\` creates it.\n`;
      const where = state ? `, ${containerUrl(state.engine, state.port)}` : '';
      return `Container ${container.name} (${image}): ${dockerState}${where}\n`;
    }
  }
}

function describeStarted({ action, target }: StartedContainer, container: DockerContainer): string {
  return `Container ${container.name} (${container.image}) ${action}: ${target.url} (password in ${WORKSPACE_STATE_FOLDER}/${STATE_FILE})\n`;
}
