// Runs the `docker` client with an argument array (never through a shell, so workspace paths and
// passwords cannot be interpreted) and turns the two failures every command shares — no client
// installed, no daemon answering — into errors that say what to do.

import { spawn } from 'node:child_process';

/** A Docker problem the user can fix; the message says how. */
export class DockerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DockerError';
  }
}

export interface DockerOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface DockerCliOptions {
  /** Defaults to `docker` looked up on PATH. */
  executable?: string;
  /** Environment of the client (tests put a fake `docker` first on PATH). */
  env?: NodeJS.ProcessEnv;
}

const NOT_INSTALLED =
  'Docker is not installed or `docker` is not on PATH: install Docker Desktop or Docker Engine (https://docs.docker.com/get-docker/), or use the embedded target (--target embedded) or a server URL instead.';

const DAEMON_DOWN = /Cannot connect to the Docker daemon|error during connect|Is the docker daemon running|docker daemon is not running/i;

export class DockerCli {
  private readonly executable: string;
  private readonly env: NodeJS.ProcessEnv | undefined;

  constructor(options: DockerCliOptions = {}) {
    this.executable = options.executable ?? 'docker';
    this.env = options.env;
  }

  /** Runs `docker …args`; resolves with the exit code, rejects only for the shared failures. */
  run(args: readonly string[]): Promise<DockerOutput> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.executable, args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'ENOENT' ? new DockerError(NOT_INSTALLED) : new DockerError(`could not run docker: ${error.message}`));
      });
      child.once('close', (code) => {
        if (code !== 0 && DAEMON_DOWN.test(stderr)) {
          reject(new DockerError(`The Docker daemon is not answering (${lastLine(stderr)}): start Docker Desktop, or the service (\`sudo systemctl start docker\`), then try again.`));
          return;
        }
        resolve({ stdout, stderr, exitCode: code ?? 1 });
      });
    });
  }

  /** Like run(), but a non-zero exit is an error naming the command and Docker's own words. */
  async check(args: readonly string[], whatFor: string): Promise<string> {
    const output = await this.run(args);
    if (output.exitCode !== 0) throw new DockerError(`${whatFor} failed: ${lastLine(output.stderr) || `docker ${args[0]} exited with ${output.exitCode}`}`);
    return output.stdout;
  }
}

/** The last non-empty line, without its full stop: Docker puts the reason there, after progress output. */
export function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  return (lines[lines.length - 1] ?? '').replace(/\.$/, '');
}
