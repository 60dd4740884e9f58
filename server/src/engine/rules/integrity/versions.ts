// What the sequence rules need to know about versions: which migrations carry one, how a version
// reads (small sequential number or timestamp), and what the next free version would be.

import type { Framework, Migration, MigrationPart, MigrationSet } from '../../model/migration-set.js';

/** Versions below this are sequence numbers (001, 42); timestamps start at 8 digits (YYYYMMDD). */
export const SEQUENTIAL_LIMIT = 100_000;

export const versioned = (set: MigrationSet): Migration[] => set.migrations.filter((m) => m.kind === 'versioned');

/** The file a finding about the whole migration points at. */
export const mainPart = (migration: Migration): MigrationPart => (migration.up ?? migration.down)!;

export const fileName = (file: string): string => file.slice(file.lastIndexOf('/') + 1);

export const isDigits = (version: string): boolean => /^\d+$/.test(version);

export const isSequential = (version: string): boolean => isDigits(version) && Number(version) < SEQUENTIAL_LIMIT;

/** The version key the framework compares, so equal keys collide. */
export const versionKeyOf = (migration: Migration): string => migration.versionKey ?? migration.version;

const TIMESTAMP_FORMATS: { length: number; read(digits: string): number | undefined }[] = [
  { length: 14, read: (d) => calendar(d.slice(0, 4), d.slice(4, 6), d.slice(6, 8), d.slice(8, 10), d.slice(10, 12), d.slice(12, 14)) },
  { length: 12, read: (d) => calendar(d.slice(0, 4), d.slice(4, 6), d.slice(6, 8), d.slice(8, 10), d.slice(10, 12), '00') },
  { length: 8, read: (d) => calendar(d.slice(0, 4), d.slice(4, 6), d.slice(6, 8), '00', '00', '00') },
  // node-pg-migrate writes Unix milliseconds; some teams write Unix seconds.
  { length: 13, read: (d) => epoch(Number(d)) },
  { length: 10, read: (d) => epoch(Number(d) * 1000) },
];

/** The moment a timestamp version stands for (UTC milliseconds), or undefined when it is none. */
export function timestampOf(version: string): number | undefined {
  if (!isDigits(version)) return undefined;
  return TIMESTAMP_FORMATS.find((format) => format.length === version.length)?.read(version);
}

/** Plausible migration dates only, so that 20-digit ids or large sequence numbers are not read as dates. */
const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

function epoch(ms: number): number | undefined {
  return ms >= EARLIEST && ms < LATEST ? ms : undefined;
}

function calendar(...parts: string[]): number | undefined {
  const [year, month, day, hour, minute, second] = parts.map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  const exact = date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  return exact ? epoch(ms) : undefined;
}

export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.000Z$/, ' UTC');
}

/** How messages name each framework. */
export const FRAMEWORK_NAMES: Record<Framework, string> = {
  'golang-migrate': 'golang-migrate',
  goose: 'goose',
  dbmate: 'dbmate',
  'sql-migrate': 'sql-migrate',
  flyway: 'Flyway',
  prisma: 'Prisma Migrate',
  'node-pg-migrate': 'node-pg-migrate',
  plain: 'the migration runner',
};

/** Numeric frameworks order by number; dbmate by file name; the wording used in messages. */
export const ORDER_BASIS: Record<Framework, string> = {
  'golang-migrate': 'golang-migrate compares versions as numbers',
  goose: 'goose compares versions as numbers',
  dbmate: 'dbmate orders migrations by file name',
  'sql-migrate': 'sql-migrate orders migrations by their leading number',
  flyway: 'Flyway compares versions part by part as numbers',
  prisma: 'Prisma orders migration folders by name',
  'node-pg-migrate': 'node-pg-migrate orders migrations by file name',
  plain: 'numbered migrations run in number order',
};

/** The version after the highest one, written as wide as it (009 → 010), for suggested names. */
export function nextVersion(set: MigrationSet): string {
  const numbers = versioned(set)
    .map((m) => m.version.split(/[._]/)[0])
    .filter(isDigits);
  if (numbers.length === 0) return '1';
  const highest = numbers.reduce((a, b) => (BigInt(a) >= BigInt(b) ? a : b));
  return (BigInt(highest) + 1n).toString().padStart(highest.length, '0');
}
