// Does the server speak the set's dialect? A MySQL tree run against PostgreSQL fails on its first
// statement; a MariaDB-only tree run against MySQL may fail half-way, after some statements have
// committed. Both are known before the first statement, from the server's own version string.

import type { MigrationSet } from '../../engine/model/migration-set.js';
import type { Dialect } from '../../engine/model/source.js';
import type { DatabaseConnection } from '../connection.js';
import type { PreflightProblem } from './problem.js';

const DIALECT_NAMES: Record<Dialect, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB' };

export interface ServerCheckOptions {
  /** The PostgreSQL major version the rules assume (`pgVersion` setting), if one is set. */
  expectedPgVersion?: string;
}

export async function checkServer(connection: DatabaseConnection, set: Pick<MigrationSet, 'root' | 'dialect' | 'dialectReason'>, options: ServerCheckOptions = {}): Promise<PreflightProblem[]> {
  const version = await connection.serverVersion();
  const server = `${DIALECT_NAMES[connection.dialect]} ${version}`;
  const problems: PreflightProblem[] = [];
  if (!compatible(set.dialect, connection.dialect)) {
    const what = set.dialect === 'mariadb' ? 'use MariaDB-only syntax' : `are written for ${DIALECT_NAMES[set.dialect]}`;
    problems.push({
      check: 'dialect',
      severity: 'error',
      message: `The migrations in ${set.root} ${what} (${set.dialectReason}), but ${connection.description} runs ${server}: point the target at a ${DIALECT_NAMES[set.dialect]} server, or correct the set's dialect in .migration-lens.json if the detection is wrong.`,
    });
  }
  const expectedMajor = options.expectedPgVersion?.split('.')[0];
  const serverMajor = /^(\d+)/.exec(version)?.[1];
  if (connection.dialect === 'postgres' && expectedMajor && serverMajor && expectedMajor !== serverMajor) {
    problems.push({
      check: 'version',
      severity: 'warning',
      message: `The checks assume PostgreSQL ${options.expectedPgVersion} (pgVersion), but ${connection.description} runs ${server}: set pgVersion to "${serverMajor}" so the advice matches the server.`,
    });
  }
  return problems;
}

/** MySQL syntax runs on MariaDB (it follows MySQL); MariaDB-only syntax does not run on MySQL. */
function compatible(setDialect: Dialect, serverDialect: Dialect): boolean {
  if (setDialect === serverDialect) return true;
  return setDialect === 'mysql' && serverDialect === 'mariadb';
}
