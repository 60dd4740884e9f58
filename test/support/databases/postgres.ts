import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { debianPostgresBinDirs, findExecutable } from './binaries.js';
import { logTail, runCommand } from './commands.js';
import { freeLoopbackPort } from './ports.js';
import { MissingServerBinary, once, testDatabaseName, type TestServer } from './server.js';

/**
 * Starts a real PostgreSQL server from the installed binaries in a fresh temporary data
 * directory, listening on 127.0.0.1 only, with trust authentication for user `postgres`.
 */
export async function startPostgres(): Promise<TestServer> {
  const initdb = findExecutable('initdb', debianPostgresBinDirs());
  if (!initdb) throw new MissingServerBinary('PostgreSQL', 'initdb', 'apt-get install -y postgresql');
  // pg_ctl from the same directory as initdb, so both belong to the same major version.
  const pgCtl = join(dirname(realpathSync(initdb)), 'pg_ctl');

  const workDir = mkdtempSync(join(tmpdir(), 'migration-lens-postgres-'));
  const dataDir = join(workDir, 'data');
  const logFile = join(workDir, 'server.log');
  const runAs = serverUser();
  if (runAs) chownSync(workDir, runAs.uid, runAs.gid);
  // cwd inside the work dir: the postgres user may not be allowed into the caller's directory.
  const spawnOptions = { ...runAs, cwd: workDir };
  let started = false;

  // Immediate shutdown: nothing in the data directory is worth a clean checkpoint.
  const stop = once(async () => {
    try {
      if (started) await runCommand(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-s'], spawnOptions);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  try {
    const initStart = performance.now();
    await runCommand(
      initdb,
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions'],
      spawnOptions,
    );
    const initMs = performance.now() - initStart;

    const port = await freeLoopbackPort();
    // Durability settings off: the data directory is deleted after the run, and syncing costs time.
    const serverOptions = [
      `-p ${port}`,
      `-k ${workDir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    const startStart = performance.now();
    started = true;
    await runCommand(pgCtl, ['start', '-D', dataDir, '-w', '-t', '30', '-s', '-l', logFile, '-o', serverOptions], spawnOptions).catch(
      (error: Error) => {
        throw new Error(`${error.message}\nserver log:\n${logTail(logFile)}`);
      },
    );
    await createDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`);
    const startMs = performance.now() - startStart;

    return { url: `postgres://postgres@127.0.0.1:${port}/${testDatabaseName}`, timings: { initMs, startMs }, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

async function createDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${testDatabaseName}`);
  } finally {
    await client.end();
  }
}

/** PostgreSQL refuses to run as root, so as root the server runs as the `postgres` OS user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    return { uid, gid };
  } catch {
    throw new Error(
      'PostgreSQL refuses to run as root and there is no `postgres` OS user to run it as. ' +
        'Installing the server creates one: apt-get install -y postgresql',
    );
  }
}
