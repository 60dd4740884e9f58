// MySQL and MariaDB number their releases on separate lines since they split, so a feature's first
// release is given per server, and the set's own server version (mysqlVersion or mariadbVersion)
// decides. As with pgVersion, an unconfigured version is a current release: a version gate only
// ever reports for a server the user said is older.

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
  /** The setting that said so: "mysqlVersion". */
  setting: 'mysqlVersion' | 'mariadbVersion';
}

const SERVER = { mysql: { name: 'MySQL', setting: 'mysqlVersion' }, mariadb: { name: 'MariaDB', setting: 'mariadbVersion' } } as const;

/** Why the set's configured server lacks the feature; undefined when it has it or no version is configured. */
export function serverTooOld(settings: RuleSettings, dialect: Dialect, releases: FirstReleases): TooOld | undefined {
  if (dialect === 'postgres') return undefined;
  const { name, setting } = SERVER[dialect];
  const configured = settings[setting];
  const first = releases[dialect];
  if (configured === undefined || first === undefined || compareVersions(configured, first) >= 0) return undefined;
  return { configured: `${name} ${configured}`, needed: `${name} ${first}`, setting };
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
