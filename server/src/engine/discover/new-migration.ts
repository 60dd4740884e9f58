// The next migration of a set, named as the set's own migrations are: a counter keeps its width
// (009 → 010, Flyway's 1.2 → 1.3), a timestamp version gets the current time in the same form
// (always after the last one), and a folder with none yet gets what the framework's own tool
// would give it. The files come from the framework's layout (frameworks/scaffold.ts).

import { dirname } from '../host.js';
import type { Migration, MigrationSet } from '../model/migration-set.js';
import { layoutOf, type MigrationSql, type ScaffoldFile, type VersionStyle } from './frameworks/index.js';
import { compareFlywayVersions } from './versions.js';

type TimeStyle = Exclude<VersionStyle, { kind: 'sequence' }>;

export interface NewMigrationPlan {
  version: string;
  /** Every file to create, the up part's first. */
  files: ScaffoldFile[];
  /** The file holding the up part, and where its SQL goes. */
  up: { path: string; offset: number };
}

/** A description as file names carry it: words joined by underscores, lower-case (`Add orders.status` → `add_orders_status`). */
export function migrationName(description: string): string | undefined {
  const name = description
    .trim()
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return name === '' ? undefined : name;
}

/** The version after `version` in the same style: zero-padded counters keep their width, dotted Flyway versions bump their last part. */
export function nextVersion(version: string, step = 1): string {
  const dotted = /^(.*?)(\d+)$/.exec(version);
  if (!dotted) return `${version}_${step}`;
  const [, head, digits] = dotted;
  return head + (BigInt(digits) + BigInt(step)).toString().padStart(digits.length, '0');
}

/** The files of a new migration `name` (already snake-case) after the set's last one, versioned for `now`. */
export function planNewMigration(set: MigrationSet, name: string, now: Date, sql: MigrationSql = { up: '', down: '' }): NewMigrationPlan {
  const last = highestVersioned(set);
  const version = last ? versionAfter(last.version, now) : firstVersion(layoutOf(set.framework).scaffold.firstVersion, now);
  return scaffoldMigration(set, version, name, sql);
}

/** The files of migration `version`_`name` in the set's folder, laid out as its framework expects. */
export function scaffoldMigration(set: MigrationSet, version: string, name: string, sql: MigrationSql): NewMigrationPlan {
  const scaffold = layoutOf(set.framework).scaffold;
  const last = set.migrations[set.migrations.length - 1];
  const lastFile = last?.up?.file ?? last?.down?.file;
  // Beside the last migration (sets may keep them in a subfolder); Prisma's are folders of the set's root.
  const folder = set.framework === 'prisma' || !lastFile ? set.root : dirname(lastFile);
  const files = scaffold.files({ folder, version, name, separator: separatorOf(set, scaffold.separator) }, sql);
  const up = files.find((file) => file.upOffset !== undefined) ?? files[0];
  return { version, files, up: { path: up.path, offset: up.upOffset ?? 0 } };
}

/**
 * The versioned (or baseline) migration with the highest version (the order a set is in may put
 * others last, as sql-migrate's does).
 */
function highestVersioned(set: MigrationSet): Migration | undefined {
  return set.migrations
    .filter((migration) => migration.kind !== 'repeatable' && /^\d+(?:[._]\d+)*$/.test(migration.version))
    .reduce<Migration | undefined>((highest, migration) => (!highest || compareFlywayVersions(migration.version, highest.version) > 0 ? migration : highest), undefined);
}

/** What separates version and name in the set's newest file: its tool's habit, or what the folder shows. */
function separatorOf(set: MigrationSet, fallback: string): string {
  const last = highestVersioned(set);
  const after = last && last.id.startsWith(last.version) ? last.id.charAt(last.version.length) : '';
  return after === '_' || after === '-' ? after : fallback;
}

/** A version after `last` in its own style: the current time for timestamps, the next number for counters. */
function versionAfter(last: string, now: Date): string {
  const style = styleOf(last);
  const candidate = style && formatVersion(style, now);
  return candidate && compareFlywayVersions(candidate, last) > 0 ? candidate : nextVersion(last);
}

function firstVersion(style: VersionStyle, now: Date): string {
  return style.kind === 'sequence' ? style.first : formatVersion(style, now);
}

/** The style of an existing version, when it is a time. */
function styleOf(version: string): TimeStyle | undefined {
  if (/^(19|20)\d{12}$/.test(version)) return { kind: 'timestamp' };
  // node-pg-migrate: milliseconds since 1970 (13 digits from late 2001 until 2286).
  if (/^1\d{12}$/.test(version)) return { kind: 'epoch-ms' };
  return undefined;
}

function formatVersion(style: TimeStyle, now: Date): string {
  if (style.kind === 'epoch-ms') return String(now.getTime());
  return now.toISOString().replace(/\.\d+Z$/, '').replace(/\D/g, '');
}
