// Pre-flight before migrations run on a server (not the embedded database, which nobody else
// uses): the URL, the server's dialect and version, and locks held on the tables to be changed.

import type { Statement } from '../../engine/model/changes.js';
import type { MigrationSet } from '../../engine/model/migration-set.js';
import type { DatabaseConnection } from '../connection.js';
import { checkLocks } from './locks.js';
import type { PreflightProblem } from './problem.js';
import { checkServer, type ServerCheckOptions } from './server.js';
import { tablesTouchedBy } from './touched-tables.js';

export { checkDatabaseUrl } from './url.js';
export { tablesTouchedBy } from './touched-tables.js';
export type { BlockingSession, PreflightCheck, PreflightProblem } from './problem.js';

export interface PreflightInput extends ServerCheckOptions {
  set: Pick<MigrationSet, 'root' | 'dialect' | 'dialectReason'>;
  /**
   * Statements of the migrations about to run, in order. A function when finding them reads the
   * server (its tracking table): it is called only once the server is known to speak the set's dialect.
   */
  pendingStatements: readonly Statement[] | (() => Promise<readonly Statement[]>);
}

/** Every problem found; the run should stop when one of them is an error. */
export async function runPreflight(connection: DatabaseConnection, input: PreflightInput): Promise<PreflightProblem[]> {
  const serverProblems = await checkServer(connection, input.set, input);
  // Lock queries are written for the server's dialect; on the wrong server they mean nothing.
  if (serverProblems.some((problem) => problem.check === 'dialect')) return serverProblems;
  const pending = typeof input.pendingStatements === 'function' ? await input.pendingStatements() : input.pendingStatements;
  return [...serverProblems, ...(await checkLocks(connection, tablesTouchedBy(pending)))];
}
