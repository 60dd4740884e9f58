// A real Docker engine for the Docker target's suites (test/docker), as the recipe in
// /work/shared/docker-local does it: a daemon that already answers is used and left alone;
// otherwise Debian's dockerd is started with its own data root, without touching the machine's
// network settings, and stopped by its PID afterwards. No image registry answers here, so the
// images the target asks for are built from Debian's own packages (PostgreSQL 15, MariaDB 10.11)
// and tagged with the official names; they are kept in the data root for the next run.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable } from '../databases/binaries.js';
import { logTail, runCommand } from '../databases/commands.js';
import { MissingServerBinary, once, type TestServer } from '../databases/server.js';

const installCommand = 'apt-get install -y docker.io mmdebstrap';

/** The stand-in images: the tag the target asks for, the Debian package it is built from. */
export const TEST_IMAGES = [
  { tag: 'postgres:15', engine: 'postgres', version: '15', folder: 'postgres', base: 'local/debian-postgres-base', packages: 'postgresql-15' },
  { tag: 'mariadb:10.11', engine: 'mariadb', version: '10.11', folder: 'mariadb', base: 'local/debian-mariadb-base', packages: 'mariadb-server' },
] as const;

/** Kept between runs, so the images are built once per machine. */
const DATA_ROOT = join(tmpdir(), 'migration-lens-dockerd');
const SOCKET = '/var/run/docker.sock';
const READY_TIMEOUT_MS = 60_000;

const answers = (): boolean => spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 20_000 }).status === 0;

/** A Docker daemon that answers, with the test images present; `url` is its socket. */
export async function startDockerEngine(): Promise<TestServer> {
  const started = performance.now();
  if (!findExecutable('docker', ['/usr/bin', '/usr/local/bin'])) throw new MissingServerBinary('Docker', 'docker', installCommand);
  // A daemon that already answers (a developer's own) is used and left running.
  const stop = answers() ? async () => undefined : await startDaemon();
  const initMs = performance.now() - started;
  const building = performance.now();
  try {
    for (const image of TEST_IMAGES) await ensureImage(image);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `unix://${SOCKET}`,
    timings: { initMs, startMs: performance.now() - building },
    stop,
  };
}

/** Starts dockerd; returns how to stop it. */
async function startDaemon(): Promise<() => Promise<void>> {
  const dockerd = findExecutable('dockerd', ['/usr/sbin', '/usr/bin']);
  if (!dockerd) throw new MissingServerBinary('Docker', 'dockerd', installCommand);
  mkdirSync(DATA_ROOT, { recursive: true });
  const runDir = mkdtempSync(join(tmpdir(), 'migration-lens-dockerd-run-'));
  const logFile = join(runDir, 'dockerd.log');
  const daemon = spawn(
    dockerd,
    [
      '--data-root', join(DATA_ROOT, 'data'),
      '--exec-root', join(runDir, 'exec'),
      '--pidfile', join(runDir, 'dockerd.pid'),
      '-H', `unix://${SOCKET}`,
      // Leave the machine's network alone: published ports still work on 127.0.0.1 through
      // Docker's userland proxy, and containers reach nothing outside the machine.
      '--iptables=false', '--ip-masq=false', '--ip-forward=false',
    ],
    { detached: true, stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')] },
  );
  let exited = false;
  daemon.once('exit', () => (exited = true));
  const stop = once(async () => {
    if (!exited) {
      const gone = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
      daemon.kill('SIGTERM');
      // dockerd stops its containers first (10 s each at most); then it is told harder.
      const timer = setTimeout(() => daemon.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(runDir, { recursive: true, force: true });
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!answers()) {
    if (exited || Date.now() > deadline) {
      const why = exited ? 'exited' : `did not answer within ${READY_TIMEOUT_MS / 1000} s`;
      const log = logTail(logFile);
      await stop();
      throw new Error(`dockerd ${why}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return stop;
}

/** Labels a built image with a hash of its Dockerfile and entrypoint: an edited recipe is built again. */
const RECIPE_LABEL = 'dev.migration-lens.test-image';

async function ensureImage(image: (typeof TEST_IMAGES)[number]): Promise<void> {
  const folder = fileURLToPath(new URL(`./images/${image.folder}/`, import.meta.url));
  const recipe = createHash('sha256');
  for (const file of readdirSync(folder).sort()) recipe.update(file).update(readFileSync(join(folder, file)));
  const hash = recipe.digest('hex').slice(0, 16);
  const built = spawnSync('docker', ['image', 'inspect', '--format', `{{ index .Config.Labels "${RECIPE_LABEL}" }}`, image.tag], { encoding: 'utf8' });
  if (built.status === 0 && built.stdout.trim() === hash) return;
  console.log(`Docker: building ${image.tag} from Debian's ${image.packages} (once per machine)…`);
  if (spawnSync('docker', ['image', 'inspect', image.base], { stdio: 'ignore' }).status !== 0) {
    const mmdebstrap = findExecutable('mmdebstrap', ['/usr/bin']);
    if (!mmdebstrap) throw new MissingServerBinary('Docker images', 'mmdebstrap', installCommand);
    const work = mkdtempSync(join(tmpdir(), 'migration-lens-image-'));
    try {
      const rootfs = join(work, 'rootfs.tar');
      await runCommand(mmdebstrap, ['--variant=minbase', `--include=${image.packages}`, '--format=tar', 'bookworm', rootfs]);
      await runCommand('docker', ['import', rootfs, image.base]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  await runCommand('docker', ['build', '--label', `${RECIPE_LABEL}=${hash}`, '--tag', image.tag, folder]);
}
