// Embedded PostgreSQL: PGlite in this process, persisted in a folder, nothing to install.
// PGlite's files must never be opened by two instances at once (the second corrupts the first),
// so a lock file beside the data folder names the process that has it open.

import { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConnectionError, type DatabaseConnection, type Row } from '../connection.js';
import { ensureStateFolder } from '../state-folder.js';
import { postgresError, reasonOf } from './postgres.js';

export interface EmbeddedOpenOptions {
  /** The state folder above the data folder: it gets its `.gitignore` when the database is created. */
  stateDir?: string;
  /** Open only a database that exists: undefined instead of creating one. */
  existingOnly?: boolean;
}

/** Opens (creating it first, unless `existingOnly`) the PGlite database in `dataDir`. */
export async function openEmbeddedPglite(dataDir: string, options: EmbeddedOpenOptions & { existingOnly: true }): Promise<DatabaseConnection | undefined>;
export async function openEmbeddedPglite(dataDir: string, options?: EmbeddedOpenOptions): Promise<DatabaseConnection>;
export async function openEmbeddedPglite(dataDir: string, options: EmbeddedOpenOptions = {}): Promise<DatabaseConnection | undefined> {
  if (options.existingOnly && !existsSync(dataDir)) return undefined;
  const release = await holdDataDir(dataDir);
  try {
    // Checked again once this process and the others have let go of it: one of them may have moved it.
    if (!existsSync(dataDir)) {
      if (options.existingOnly) {
        release();
        return undefined;
      }
      if (options.stateDir) ensureStateFolder(options.stateDir);
    }
    return await connectHeld(dataDir, release);
  } catch (error) {
    release();
    throw error;
  }
}

/** A connection to the PGlite database in `dataDir`, which the caller holds (holdDataDir); `close` calls `onClose`. */
export async function connectHeld(dataDir: string, onClose: () => void): Promise<DatabaseConnection> {
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
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
        onClose();
      }
    },
  };
}

/**
 * Waits for this process's earlier users of `dataDir` and takes its lock file for this process:
 * nothing else opens, moves or deletes the folder until the returned function is called.
 */
export async function holdDataDir(dataDir: string): Promise<() => void> {
  mkdirSync(dirname(dataDir), { recursive: true });
  const endTurn = await takeTurn(dataDir);
  try {
    const releaseLock = lockDataDir(dataDir);
    return () => {
      releaseLock();
      endTurn();
    };
  } catch (error) {
    endTurn();
    throw error;
  }
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
