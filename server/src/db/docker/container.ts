// Starts, stops and resets the workspace's database container through the `docker` client:
// published on 127.0.0.1 only, on a free port, with a generated password remembered in the state
// file, and handed out only once a real connection succeeds.

import { randomBytes } from 'node:crypto';
import { openTarget, type DockerTarget } from '../connection.js';
import { DockerCli, DockerError, lastLine } from './cli.js';
import { containerUrl, ENGINES, imageFor, type DockerEngine } from './engines.js';
import { containerLabels, containerName, LABELS } from './naming.js';
import { freeLoopbackPort } from './ports.js';
import { waitForConnections } from './readiness.js';
import { ContainerStateStore, type ContainerState } from './state.js';

export interface DockerContainerOptions {
  /** Absolute workspace folder: names the container. */
  workspace: string;
  engine: DockerEngine;
  /** Image tag; the engine's default when absent. */
  version?: string;
  /** Folder of docker.json (`<workspace>/.migration-lens` for the CLI, the extension's storage). */
  stateDir: string;
  cli?: DockerCli;
  /** Proves the server accepts connections; a real connection through openTarget by default. */
  probe?: (target: DockerTarget) => Promise<void>;
  readyTimeoutMs?: number;
  pollIntervalMs?: number;
  /** Where the user configures the version, for messages ("--docker-version"). */
  versionHint?: string;
  /** How the user resets the container where they are, for messages; the command line's by default. */
  resetHint?: string;
  onProgress?: (message: string) => void;
  /** Checked while waiting for connections: true stops the wait and leaves the container running. */
  isCancelled?: () => boolean;
}

export interface StartedContainer {
  target: DockerTarget;
  state: ContainerState;
  /** What start() had to do. */
  action: 'created' | 'started' | 'reused';
  readyAfterMs: number;
  /** The caller stopped the wait: the container runs but was not seen accepting connections. */
  cancelled: boolean;
}

/** What Docker and the state file say of the workspace's container, for a status report. */
export interface ContainerStatus {
  /** Docker's state ("running", "exited", …); undefined when there is no such container. */
  dockerState?: string;
  /** The image the existing container runs. */
  image?: string;
  /** Port and password it was created with, when remembered. */
  state?: ContainerState;
}

interface Inspected {
  status: string;
  image: string;
  ownedByUs: boolean;
}

/** Tries with a new port when another process took ours between choosing and binding it. */
const PORT_ATTEMPTS = 3;
const PORT_TAKEN = /port is already allocated|address already in use|ports are not available/i;
const LOG_LINES = 20;

export class DockerContainer {
  readonly name: string;
  /** The image asked for, or once start() found the container, the one it runs. */
  image: string;
  private readonly cli: DockerCli;
  private readonly store: ContainerStateStore;

  constructor(private readonly options: DockerContainerOptions) {
    this.name = containerName(options.workspace, options.engine);
    this.image = imageFor(options.engine, options.version);
    this.cli = options.cli ?? new DockerCli();
    this.store = new ContainerStateStore(options.stateDir);
  }

  /** Where the container's port and password are remembered. */
  get stateFile(): string {
    return this.store.path;
  }

  /**
   * Makes the container run and accept connections: reusing, restarting or creating it. An
   * existing container is never removed here, whatever it runs: it holds the user's data, and only
   * reset() (which the user confirms) throws it away.
   */
  async start(): Promise<StartedContainer> {
    const existing = await this.inspect();
    let state = this.store.read(this.options.engine);
    if (existing) this.checkUsable(existing, state);
    let action: StartedContainer['action'];
    if (!existing || !state) {
      state = await this.create();
      action = 'created';
    } else if (existing.status !== 'running') {
      await this.startStopped(state);
      action = 'started';
    } else {
      action = 'reused';
    }
    const target = this.targetFor(state);
    this.progress(`Waiting for ${this.options.engine} in container ${this.name} to accept connections`);
    const { waitedMs, cancelled } = await waitForConnections({
      probe: () => (this.options.probe ?? probeConnection)(target),
      ensureAlive: () => this.ensureAlive(),
      timeoutMs: this.options.readyTimeoutMs ?? 120_000,
      intervalMs: this.options.pollIntervalMs ?? 500,
      label: `container ${this.name}`,
      isCancelled: this.options.isCancelled,
    });
    return { target, state, action, readyAfterMs: waitedMs, cancelled };
  }

  /**
   * An existing container is used as it is, on the image it was created from unless the user
   * asked for another version; what cannot be used is explained, and left alone.
   */
  private checkUsable(existing: Inspected, state: ContainerState | undefined): void {
    const reset = this.options.resetHint ?? `\`migration-lens docker reset\``;
    if (!existing.ownedByUs) {
      throw new DockerError(`A container named ${this.name} exists but was not created by Migration Lens: remove or rename it (\`docker rm -f ${this.name}\`), then try again.`);
    }
    if (existing.image !== this.image) {
      if (this.options.version !== undefined) {
        const hint = this.options.versionHint ? ` leave out ${this.options.versionHint} (or set it to ${existing.image.split(':')[1] ?? existing.image}) to use it as it is, or` : '';
        throw new DockerError(`Container ${this.name} runs ${existing.image}, not ${this.image}; it and its data are left as they are:${hint} reset it with ${reset} to start over on ${this.image} (its data is lost).`);
      }
      // No version asked for: the one it was created with is the one to use.
      this.image = existing.image;
    }
    if (!state || state.name !== this.name) {
      throw new DockerError(
        `Container ${this.name} exists, but its password is not in ${this.store.path} (the file was removed or this is another checkout); it and its data are left as they are. ` +
          `Restore that file, or reset the container with ${reset} to start over (its data is lost).`,
      );
    }
  }

  /** Stops the container, keeping its data and state; false when there was none running. */
  async stop(): Promise<boolean> {
    const existing = await this.inspect();
    if (!existing || existing.status !== 'running') return false;
    await this.cli.check(['stop', this.name], `Stopping container ${this.name}`);
    return true;
  }

  /** Whether the container exists (running or not); asks Docker, changes nothing. */
  async exists(): Promise<boolean> {
    return (await this.inspect()) !== undefined;
  }

  async status(): Promise<ContainerStatus> {
    const existing = await this.inspect();
    return { dockerState: existing?.status, image: existing?.image, state: this.store.read(this.options.engine) };
  }

  /** Throws the container and its data away and starts a fresh one (new port, new password). */
  async reset(): Promise<StartedContainer> {
    if (await this.inspect()) await this.remove();
    this.store.forget(this.options.engine);
    return this.start();
  }

  private async create(): Promise<ContainerState> {
    await this.ensureImage();
    const password = randomBytes(18).toString('base64url');
    const spec = ENGINES[this.options.engine];
    for (let attempt = 1; ; attempt++) {
      const port = await freeLoopbackPort();
      this.progress(`Creating container ${this.name} from ${this.image} on 127.0.0.1:${port}`);
      const output = await this.cli.run([
        'run', '--detach',
        '--name', this.name,
        ...containerLabels(this.options.workspace, this.options.engine).flatMap((label) => ['--label', label]),
        '--publish', `127.0.0.1:${port}:${spec.containerPort}`,
        ...spec.environment(password).flatMap((variable) => ['--env', variable]),
        this.image,
      ]);
      if (output.exitCode === 0) {
        const state: ContainerState = { name: this.name, engine: this.options.engine, image: this.image, port, password, createdAt: new Date().toISOString() };
        this.store.write(state);
        return state;
      }
      // `docker run` leaves a created-but-not-started container behind when the start fails.
      await this.cli.run(['rm', '--force', this.name]);
      if (!PORT_TAKEN.test(output.stderr)) throw new DockerError(`Creating container ${this.name} from ${this.image} failed: ${lastLine(output.stderr)}`);
      if (attempt === PORT_ATTEMPTS) {
        throw new DockerError(`Port ${port} on 127.0.0.1 was taken by another program each time (${PORT_ATTEMPTS} tries): ${lastLine(output.stderr)}. Free some ports or stop other containers, then try again.`);
      }
    }
  }

  private async startStopped(state: ContainerState): Promise<void> {
    this.progress(`Starting container ${this.name}`);
    const output = await this.cli.run(['start', this.name]);
    if (output.exitCode === 0) return;
    if (PORT_TAKEN.test(output.stderr)) {
      throw new DockerError(`Port ${state.port} on 127.0.0.1, which container ${this.name} publishes, is now used by another program: stop that program, or reset the container to move it to a free port (its data is lost).`);
    }
    throw new DockerError(`Starting container ${this.name} failed: ${lastLine(output.stderr)}`);
  }

  /** Pulls the image when it is not there, with a message that names the version setting. */
  private async ensureImage(): Promise<void> {
    if ((await this.cli.run(['image', 'inspect', '--format', '{{.Id}}', this.image])).exitCode === 0) return;
    this.progress(`Pulling image ${this.image}`);
    const pull = await this.cli.run(['pull', this.image]);
    if (pull.exitCode !== 0) {
      const where = this.options.versionHint ? ` (${this.options.versionHint})` : '';
      throw new DockerError(`Could not pull image ${this.image}: ${lastLine(pull.stderr)}. Check the version${where} and your network, or pull it yourself: \`docker pull ${this.image}\`.`);
    }
  }

  private async inspect(): Promise<Inspected | undefined> {
    const format = `{{.State.Status}}|{{.Config.Image}}|{{index .Config.Labels "${LABELS.owner}"}}`;
    const output = await this.cli.run(['container', 'inspect', '--format', format, this.name]);
    if (output.exitCode !== 0) {
      if (/no such (container|object)/i.test(output.stderr)) return undefined;
      throw new DockerError(`Inspecting container ${this.name} failed: ${lastLine(output.stderr)}`);
    }
    const [status, image, owner] = output.stdout.trim().split('|');
    return { status, image, ownedByUs: owner === '1' };
  }

  /** Rejects with the container's last log lines once it has stopped. */
  private async ensureAlive(): Promise<void> {
    const inspected = await this.inspect();
    if (!inspected) throw new DockerError(`Container ${this.name} disappeared while starting (removed by someone else?): try again.`);
    if (inspected.status === 'running' || inspected.status === 'created' || inspected.status === 'restarting') return;
    const logs = await this.cli.run(['logs', '--tail', String(LOG_LINES), this.name]);
    const lines = `${logs.stdout}${logs.stderr}`.trim().split('\n').map((line) => `  ${line}`).join('\n');
    throw new DockerError(`Container ${this.name} ${inspected.status} while starting. Its last log lines:\n${lines}\nFix what they report, or reset the container to start from scratch.`);
  }

  private async remove(): Promise<void> {
    await this.cli.check(['rm', '--force', '--volumes', this.name], `Removing container ${this.name}`);
  }

  private targetFor(state: ContainerState): DockerTarget {
    return { kind: 'docker', url: containerUrl(state.engine, state.port), password: state.password, container: state.name };
  }

  private progress(message: string): void {
    this.options.onProgress?.(message);
  }
}

async function probeConnection(target: DockerTarget): Promise<void> {
  const connection = await openTarget(target);
  try {
    await connection.query('SELECT 1');
  } finally {
    await connection.close();
  }
}
