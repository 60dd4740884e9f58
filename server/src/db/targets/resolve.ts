// The one place that turns what the user chose — `embedded`, `docker` or a URL — into a Target:
// the CLI's `--target` and the editor's requests both come through here. A URL is checked
// before anything connects with it; `docker` starts (or reuses) the workspace's container.
// `embedded` and `docker` give each set a database of its own (set-database.ts).

import type { MigrationSet } from '../../engine/model/migration-set.js';
import type { Dialect } from '../../engine/model/source.js';
import type { DockerTarget, EmbeddedTarget, Target } from '../connection.js';
import { DockerContainer } from '../docker/container.js';
import type { DockerCli } from '../docker/cli.js';
import type { DockerEngine } from '../docker/engines.js';
import { stateFolder } from '../state-folder.js';
import { containerSetDatabase } from './container-database.js';
import { describeTarget } from './describe.js';
import { adoptSharedEmbeddedDatabase } from './legacy-database.js';
import { embeddedDataDir, setDatabaseName } from './set-database.js';
import { COMMAND_LINE_REMOTE_OPT_IN } from './url.js';

/** The target's spelling is wrong or unusable; the message says how to write it. */
export class TargetSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetSpecError';
  }
}

export interface TargetRequest {
  /** `embedded`, `docker`, or a postgres://, mysql://, mariadb:// URL. */
  spec: string;
  /** Absolute workspace folder: where the CLI keeps its state, what names the container and the set's database. */
  workspace: string;
  /** The set the target is for: its dialect chooses the container's image, its folder names its database. */
  set: MigrationSet;
  /** Where state lives instead of `<workspace>/.migration-lens` (the extension's storage). */
  stateDir?: string;
  /** Image tag of the container (`16`, `8.0`, `11.4`). */
  dockerVersion?: string;
  /** Where the user sets dockerVersion, for messages ("--docker-version"). */
  dockerVersionHint?: string;
  /** How the user resets the container where they are, for messages; the command line's by default. */
  dockerResetHint?: string;
  /** Password for a URL that carries none (MIGRATION_LENS_DB_PASSWORD, the editor's secret). */
  password?: string;
  allowRemote?: boolean;
  /** How the user names targets and opts in to remote ones where they are; the command line's flags by default. */
  wording?: TargetWording;
  onProgress?: (message: string) => void;
  /** Tests hand in a client bound to a fake `docker`. */
  dockerCli?: DockerCli;
}

/** What names and configures the workspace's container. */
export type ContainerRequest = Pick<TargetRequest, 'workspace' | 'stateDir' | 'dockerVersion' | 'dockerVersionHint' | 'dockerResetHint' | 'onProgress' | 'dockerCli'> & {
  engine: DockerEngine;
  isCancelled?: () => boolean;
};

/** The container `docker` means for a workspace: the same one for the target, the CLI's `docker` command and the editor's. */
export function workspaceContainer(request: ContainerRequest): DockerContainer {
  return new DockerContainer({
    workspace: request.workspace,
    engine: request.engine,
    version: request.dockerVersion,
    stateDir: stateFolder(request.workspace, request.stateDir),
    versionHint: request.dockerVersionHint,
    resetHint: request.dockerResetHint,
    cli: request.dockerCli,
    onProgress: request.onProgress,
    isCancelled: request.isCancelled,
  });
}

export interface TargetWording {
  /** How to pick the docker target or a MySQL URL instead: "use --target docker or a mysql:// URL". */
  otherTarget: (dialect: Dialect) => string;
  /** How to opt in to a host that is not this machine: "--allow-remote on the command line". */
  allowRemote: string;
}

export const COMMAND_LINE_WORDING: TargetWording = {
  otherTarget: (dialect) => `use --target docker or a ${dialect}:// URL`,
  allowRemote: COMMAND_LINE_REMOTE_OPT_IN,
};

export async function resolveTarget(request: TargetRequest): Promise<Target> {
  const spec = request.spec.trim();
  const wording = request.wording ?? COMMAND_LINE_WORDING;
  const { set } = request;
  if (spec === 'embedded') {
    if (set.dialect !== 'postgres') {
      throw new TargetSpecError(`the embedded database is PostgreSQL, but these migrations are ${set.dialect}: ${wording.otherTarget(set.dialect)}`);
    }
    const target = embeddedTarget(request);
    await adoptSharedEmbeddedDatabase(target.stateDir!, target.dataDir, set);
    return target;
  }
  if (spec === 'docker') return containerSetDatabase(await containerServer(request), setDatabaseName(request.workspace, set.root), set);
  const { problem } = describeTarget(spec);
  if (problem) throw new TargetSpecError(problem);
  return { kind: 'url', url: spec, password: request.password, allowRemote: request.allowRemote, allowRemoteHint: wording.allowRemote };
}

/**
 * For `docker` when the workspace's container does not exist yet, how to name it; undefined
 * otherwise. Reading the state must not create a container (an image to pull, a server to
 * initialise): before the first run, every migration is pending.
 */
export async function uncreatedContainer(request: TargetRequest): Promise<string | undefined> {
  if (request.spec.trim() !== 'docker') return undefined;
  const container = workspaceContainer({ ...request, engine: request.set.dialect });
  return (await container.exists()) ? undefined : `the workspace's Docker container ${container.name} (created by the first run)`;
}

/** The set's own embedded database (not opened, not created). */
export function embeddedTarget({ workspace, stateDir, set }: Pick<TargetRequest, 'workspace' | 'stateDir' | 'set'>): EmbeddedTarget {
  const folder = stateFolder(workspace, stateDir);
  return { kind: 'embedded', dataDir: embeddedDataDir(folder, setDatabaseName(workspace, set.root)), stateDir: folder };
}

/** The workspace's container for the set's dialect, started: its default database, which every set's database sits beside. */
export async function containerServer(request: TargetRequest): Promise<DockerTarget> {
  return (await workspaceContainer({ ...request, engine: request.set.dialect }).start()).target;
}
