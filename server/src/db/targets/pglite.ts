// Embedded PostgreSQL: PGlite in this process, persisted in a folder, nothing to install.
// PGlite's files must never be opened by two instances at once (the second corrupts the first),
// so a lock file beside the data folder names the process that has it open.

import { PGlite } from '@electric-sql/pglite';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConnectionError, type DatabaseConnection, type Row } from '../connection.js';
import { postgresError, reasonOf } from './postgres.js';

/** Workspace state folder of the CLI; discovery skips it and git ignores it. */
export const WORKSPACE_STATE_FOLDER = '.migration-lens';

/**
 * `<workspace>/.migration-lens/db`, creating `.migration-lens/` with a `.gitignore` of `*` the
 * first time, so the database files never end up in a commit.
 */
export function workspaceDataDir(workspaceRoot: string): string {
  const state = join(workspaceRoot, WORKSPACE_STATE_FOLDER);
  mkdirSync(state, { recursive: true });
  try {
    writeFileSync(join(state, '.gitignore'), '*\n', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return join(state, 'db');
}

export async function openEmbeddedPglite(dataDir: string): Promise<DatabaseConnection> {
  mkdirSync(dirname(dataDir), { recursive: true });
  const endTurn = await takeTurn(dataDir);
  let releaseLock: () => void;
  let db: PGlite;
  try {
    releaseLock = lockDataDir(dataDir);
  } catch (error) {
    endTurn();
    throw error;
  }
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    releaseLock();
    endTurn();
    throw new ConnectionError(`cannot open the embedded database in ${dataDir}: ${reasonOf(error)}; delete that folder to start from an empty database`);
  }
  const run = async <T extends Row>(sql: string, params?: unknown[]): Promise<T[]> => {
    try {
      return (await db.query<T>(sql, params)).rows;
    } catch (error) {
      throw postgresError(error);
    }
  };
  const execute = async (sql: string): Promise<void> => {
    try {
      // exec() uses the simple query protocol, as a framework's CLI would send a migration.
      await db.exec(sql);
    } catch (error) {
      throw postgresError(error);
    }
  };
  return {
    dialect: 'postgres',
    description: `embedded PostgreSQL (${dataDir})`,
    query: run,
    execute,
    begin: () => execute('BEGIN'),
    commit: () => execute('COMMIT'),
    rollback: () => execute('ROLLBACK'),
    serverVersion: async () => String((await run<{ server_version: string }>('SHOW server_version'))[0].server_version),
    close: async () => {
      try {
        await db.close();
      } finally {
        releaseLock();
        endTurn();
      }
    },
  };
}

/** Per data folder, the end of the last turn taken in this process. */
const turns = new Map<string, Promise<void>>();

/**
 * Waits until this process's earlier users of `dataDir` have closed it: the language server's
 * requests (a run, the Migrations view reading the state) take turns instead of failing.
 */
async function takeTurn(dataDir: string): Promise<() => void> {
  const previous = turns.get(dataDir) ?? Promise.resolve();
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const turn = previous.then(() => ended);
  turns.set(dataDir, turn);
  await previous;
  return () => {
    end();
    if (turns.get(dataDir) === turn) turns.delete(dataDir);
  };
}

/** Takes `<dataDir>.lock` for this process, or says which live process holds it. */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lockFile, 'utf8').trim());
    if (isAlive(holder)) {
      throw new ConnectionError(
        `the embedded database in ${dataDir} is in use by process ${holder}${holder === process.pid ? ' (this one)' : ''}; wait for it to finish, or use another --target`,
      );
    }
    // Left behind by a process that died: take it over.
    rmSync(lockFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
