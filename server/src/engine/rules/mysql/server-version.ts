// MySQL and MariaDB number their releases on separate lines since they split, so a feature's first
// release is given per server, and the set's own server version decides: mysqlVersion or
// mariadbVersion, else the release the project's compose file pins. As with pgVersion, an unknown
// version is a current release: a version gate only ever reports for a server the project says
// is older.

import type { Dialect } from '../../model/source.js';
import type { RuleSettings } from '../rule.js';

/** The first release of each server with a feature; a server left out never has it. */
export interface FirstReleases {
  mysql?: string;
  mariadb?: string;
}

export interface TooOld {
  /** "MySQL 5.7" as configured. */
  configured: string;
  /** "MySQL 8.0.13": the first release that has the feature. */
  needed: string;
  /** What said so: "mysqlVersion", or "the image mysql:5.7 in docker-compose.yml". */
  source: string;
}

const SERVER = { mysql: { name: 'MySQL', setting: 'mysqlVersion' }, mariadb: { name: 'MariaDB', setting: 'mariadbVersion' } } as const;

/** The setting that names a MySQL-family set's server version. */
export const versionSetting = (dialect: 'mysql' | 'mariadb'): 'mysqlVersion' | 'mariadbVersion' => SERVER[dialect].setting;

/** The set's server version, configured or detected; undefined when unknown (a current release) or for PostgreSQL. */
export const knownServerVersion = (settings: RuleSettings, dialect: Dialect): string | undefined => (dialect === 'postgres' ? undefined : settings[versionSetting(dialect)]);

/** "MySQL 8.0.13": the set's server's first release with a feature. */
export const firstRelease = (dialect: 'mysql' | 'mariadb', releases: FirstReleases): string => `${SERVER[dialect].name} ${releases[dialect]}`;

/** Why the set's configured server lacks the feature; undefined when it has it or no version is configured. */
export function serverTooOld(settings: RuleSettings, dialect: Dialect, releases: FirstReleases): TooOld | undefined {
  if (dialect === 'postgres') return undefined;
  const configured = knownServerVersion(settings, dialect);
  const first = releases[dialect];
  if (configured === undefined || first === undefined || compareVersions(configured, first) >= 0) return undefined;
  return { configured: `${SERVER[dialect].name} ${configured}`, needed: firstRelease(dialect, releases), source: settings.serverVersionSource ?? versionSetting(dialect) };
}

/** True unless a version is configured for the set's server and it is older than `release`. */
export function serverHas(settings: RuleSettings, dialect: Dialect, releases: FirstReleases): boolean {
  return serverTooOld(settings, dialect, releases) === undefined;
}

/** Dotted versions compared number by number; a missing part is 0 ("8.0" < "8.0.13"). */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
