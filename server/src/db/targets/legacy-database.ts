// Earlier versions kept one embedded database for every PostgreSQL set of a workspace
// (`<state folder>/db`), so one set's runs showed up in another's history. Each set now has its
// own (set-database.ts). What the shared one recorded is not lost: the first set whose history
// it holds — its framework's tracking table there names only that set's migrations — takes it
// over, the folder moving to that set's place with everything in it. A set whose history it does
// not hold starts with an empty database of its own; the shared one stays where it is, untouched,
// for a set that matches.

import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MigrationSet } from '../../engine/model/migration-set.js';
import type { DatabaseConnection } from '../connection.js';
import { TRACKING } from '../tracking/index.js';
import { connectHeld, holdDataDir } from './pglite.js';
import { SHARED_EMBEDDED_FOLDER } from './set-database.js';

/** The shared database of earlier versions in `stateDir`, when there is one. */
function sharedEmbeddedDatabase(stateDir: string): string | undefined {
  const shared = join(stateDir, SHARED_EMBEDDED_FOLDER);
  return existsSync(shared) ? shared : undefined;
}

/**
 * Moves the shared database to `dataDir`, the set's own place, when the set has none yet and the
 * shared one holds its history; true when it did.
 */
export async function adoptSharedEmbeddedDatabase(stateDir: string, dataDir: string, set: MigrationSet): Promise<boolean> {
  const shared = sharedEmbeddedDatabase(stateDir);
  if (!shared || existsSync(dataDir)) return false;
  const release = await holdDataDir(shared);
  try {
    // Another set (or process) may have taken it while this one waited.
    if (!existsSync(shared) || existsSync(dataDir)) return false;
    const connection = await connectHeld(shared, () => undefined);
    let holdsHistory: boolean;
    try {
      holdsHistory = await holdsHistoryOf(connection, set);
    } finally {
      await connection.close();
    }
    if (holdsHistory) {
      mkdirSync(dirname(dataDir), { recursive: true });
      renameSync(shared, dataDir);
    }
    return holdsHistory;
  } finally {
    release();
  }
}

/** The set's tracking table there has records, and every one is a migration of this set. */
export async function holdsHistoryOf(connection: DatabaseConnection, set: MigrationSet): Promise<boolean> {
  const tracking = TRACKING[set.framework];
  const keys = new Set(set.migrations.map((migration) => tracking.key(migration)));
  const records = await tracking.read(connection, set);
  return records.length > 0 && records.every((record) => keys.has(record.key));
}
