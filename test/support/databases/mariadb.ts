import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql, { type Connection } from 'mysql2/promise';
import { findExecutable } from './binaries.js';
import { logTail, runCommand } from './commands.js';
import { freeLoopbackPort } from './ports.js';
import { MissingServerBinary, once, testDatabaseName, type TestServer } from './server.js';

const installCommand = 'apt-get install -y mariadb-server';

/**
 * Starts a real MariaDB server from the installed binaries in a fresh temporary data directory,
 * listening on 127.0.0.1 only, with a password-less `root` account.
 */
export async function startMariaDb(): Promise<TestServer> {
  // Debian puts mariadbd in /usr/sbin, which is not on a normal user's PATH.
  const installDb = findExecutable('mariadb-install-db', ['/usr/bin']);
  if (!installDb) throw new MissingServerBinary('MariaDB', 'mariadb-install-db', installCommand);
  const mariadbd = findExecutable('mariadbd', ['/usr/sbin']);
  if (!mariadbd) throw new MissingServerBinary('MariaDB', 'mariadbd', installCommand);

  const workDir = mkdtempSync(join(tmpdir(), 'migration-lens-mariadb-'));
  const dataDir = join(workDir, 'data');
  const logFile = join(workDir, 'server.log');
  // mariadbd refuses to run as root unless told so; as another user --user is not allowed.
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];

  const initStart = performance.now();
  try {
    // --no-defaults first: the machine's /etc/mysql config (sockets in /run, logs) must not leak in.
    await runCommand(installDb, [
      '--no-defaults',
      ...asRoot,
      `--datadir=${dataDir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--skip-name-resolve',
    ]);
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  const initMs = performance.now() - initStart;

  const tmpDir = join(workDir, 'tmp');
  mkdirSync(tmpDir);
  const port = await freeLoopbackPort();
  const startStart = performance.now();
  // Detached: a Ctrl-C in the terminal reaches the runner, which stops the server itself.
  const server = spawn(
    mariadbd,
    [
      '--no-defaults',
      ...asRoot,
      `--datadir=${dataDir}`,
      `--socket=${join(workDir, 'mariadbd.sock')}`,
      `--pid-file=${join(workDir, 'mariadbd.pid')}`,
      // Its own folder for temporary tables: nothing shared with another server on the machine.
      `--tmpdir=${tmpDir}`,
      `--log-error=${logFile}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-networking=0',
      '--skip-name-resolve',
      // Debian's packaged server defaults to utf8mb4; tests should see what users run.
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_general_ci',
      // Durability off: the data directory is deleted after the run, and flushing costs time.
      '--innodb-flush-log-at-trx-commit=0',
      '--innodb-doublewrite=0',
    ],
    { detached: true, stdio: 'ignore' },
  );
  // A failed spawn shows as a server that is not running, which connectWhenReady reports.
  server.once('error', () => {});
  // SIGKILL: nothing in the data directory is worth a clean InnoDB shutdown.
  const stop = once(async () => {
    if (isRunning(server)) {
      const gone = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await gone;
    }
    rmSync(workDir, { recursive: true, force: true });
  });

  try {
    const connection = await connectWhenReady(port, server, logFile);
    try {
      await connection.query(`CREATE DATABASE ${testDatabaseName}`);
    } finally {
      await connection.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const startMs = performance.now() - startStart;
  return { url: `mysql://root@127.0.0.1:${port}/${testDatabaseName}`, timings: { initMs, startMs }, stop };
}

/** Polls until the server accepts a TCP connection; fails at once if it dies instead. */
async function connectWhenReady(port: number, server: ChildProcess, logFile: string): Promise<Connection> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
    } catch (error) {
      if (!isRunning(server)) {
        throw new Error(`mariadbd stopped during startup (${server.signalCode ?? `exit ${server.exitCode}`}):\n${logTail(logFile)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`mariadbd did not accept connections within 30 s (${(error as Error).message}):\n${logTail(logFile)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** False also when the program could not be spawned at all (no pid). */
function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}
