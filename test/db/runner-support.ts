// Shared by the runner tests: fixture sets, a fresh database per test on each target, and the
// runner options reading the disk.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { main } from '../../server/src/cli/main.js';
import { openTarget, type DatabaseConnection } from '../../server/src/db/connection.js';
import type { RunnerOptions } from '../../server/src/db/runner/index.js';
import { discoverSets } from '../../server/src/engine/discover/index.js';
import type { MigrationSet } from '../../server/src/engine/model/migration-set.js';
import { createNodeFileHost } from '../../server/src/node-file-host.js';
import { testServerUrl } from '../support/databases/environment.js';

/** The built command line, for runs in a process of their own (to be killed, or to hold a lock). */
export const CLI_JS = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');

export const frameworksRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/frameworks').replace(/\\/g, '/');

/** Every realistic fixture set (not the edge cases), by framework and dialect. */
export function fixtureSets(): MigrationSet[] {
  return discoverSets([frameworksRoot], createNodeFileHost()).filter((set) => !set.root.includes('/edge/') && !set.standalone);
}

export function setFrom(root: string): MigrationSet {
  const [set] = discoverSets([root], createNodeFileHost());
  if (!set) throw new Error(`no migration set in ${root}`);
  return set;
}

export const diskOptions = (extra: Partial<RunnerOptions> = {}): RunnerOptions => ({
  readFile: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  ...extra,
});

export type TargetKind = 'pglite' | 'postgres' | 'mysql';

export const servers = { postgres: testServerUrl('postgres'), mysql: testServerUrl('mysql') };

let counter = 0;

/** A connection to an empty database of its own on `kind`; `cleanup` drops it. */
export async function freshDatabase(kind: TargetKind): Promise<{ url?: string; open(): Promise<DatabaseConnection>; cleanup(): Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'ml-runner-'));
    return { open: () => openTarget({ kind: 'embedded', dataDir: join(dir, 'db') }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `ml_runner_${process.pid}_${counter++}`;
  const base = new URL(servers[kind].url!);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const admin = async (sql: string) => {
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: base.toString() });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    } else {
      const connection = await mysql.createConnection(base.toString());
      try {
        await connection.query(sql);
      } finally {
        await connection.end();
      }
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return {
    url: url.toString(),
    open: () => openTarget({ kind: 'url', url: url.toString() }),
    cleanup: () => admin(kind === 'postgres' ? `DROP DATABASE ${name} WITH (FORCE)` : `DROP DATABASE ${name}`),
  };
}

/** A copy of a fixture folder in a temporary directory, to add or edit migrations in. */
export function copyFixture(relativeRoot: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ml-fixture-'));
  cpSync(join(frameworksRoot, relativeRoot), dir, { recursive: true });
  return dir.replace(/\\/g, '/');
}

/** The command line run in this process, in `cwd`, with what it printed. */
export async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

/**
 * Applies the set in `root` up to version 5 on `url`, then runs `up` in a child process and kills
 * it (SIGKILL) once `running` sees the statement to kill it at on the server.
 */
export async function killUpWhile(root: string, url: string, running: () => Promise<void>): Promise<void> {
  const first = await cli(root, 'up', '.', '--target', url, '--count', '5');
  if (first.code !== 0) throw new Error(first.stderr);
  const run = spawn(process.execPath, [CLI_JS, 'up', '.', '--target', url], { cwd: root, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => run.once('exit', (code) => resolve(code)));
  await running();
  run.kill('SIGKILL');
  await exited;
}

/** Polls `happened` until it holds (the statement to act at runs on the server), for up to 30 s. */
export async function waitUntil(happened: () => Promise<boolean>, what = 'the awaited statement'): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await happened())) {
    if (Date.now() > deadline) throw new Error(`${what} never ran`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
