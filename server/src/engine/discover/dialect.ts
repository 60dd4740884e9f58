// A set's dialect, from the most explicit signal to the weakest; the reason names the one used.
// Order: option or set override → folder names on the path → Prisma provider → database URLs in
// project files → SQL content → PostgreSQL by default. The same signals can name an engine that
// is not checked (CockroachDB, SQLite, ClickHouse …): such a set is reported once and never
// linted as PostgreSQL or MySQL.

import { basename, dirname, joinPath, type FileHost } from '../host.js';
import type { DetectedServerVersion } from '../model/migration-set.js';
import type { Dialect } from '../model/source.js';
import type { SetOverride } from '../config/index.js';
import { LOCK_FILE } from './frameworks/index.js';
import { wholeFileScans } from './sql-scan.js';
import { TextMemo } from './text-memo.js';

export interface DialectChoice {
  dialect: Dialect;
  reason: string;
  /** MySQL or MariaDB: the release the project develops against, when its compose file names one. */
  serverVersion?: DetectedServerVersion;
  /** The engine the signal named when it is none that is checked ("CockroachDB"); `dialect` then means nothing. */
  unsupported?: string;
}

/** A dialect that is checked, or the name of an engine that is not. */
type Engine = Dialect | { unsupported: string };

const choiceOf = (engine: Engine, reason: string): DialectChoice =>
  typeof engine === 'string' ? { dialect: engine, reason } : { dialect: 'postgres', reason, unsupported: engine.unsupported };

/** Engines whose migrations sit beside PostgreSQL and MySQL ones, by the names folders, URL schemes and drivers use. */
const UNSUPPORTED_ENGINES: Record<string, string> = {
  cockroach: 'CockroachDB', cockroachdb: 'CockroachDB', crdb: 'CockroachDB',
  sqlite: 'SQLite', sqlite3: 'SQLite', turso: 'SQLite', libsql: 'SQLite',
  clickhouse: 'ClickHouse',
  mssql: 'SQL Server', sqlserver: 'SQL Server',
  oracle: 'Oracle', snowflake: 'Snowflake', bigquery: 'BigQuery', duckdb: 'DuckDB', spanner: 'Spanner', redshift: 'Redshift', vertica: 'Vertica',
};

const unsupportedNamed = (name: string): Engine | undefined => {
  const engine = UNSUPPORTED_ENGINES[name.toLowerCase()];
  return engine === undefined ? undefined : { unsupported: engine };
};

export interface DialectInput {
  root: string;
  /** The migration files, for content signals. */
  files: string[];
  host: FileHost;
  read(path: string): string;
  forced?: Dialect;
  override?: { entry: SetOverride; index: number; source?: string };
}

const FOLDER_DIALECTS: Record<string, Dialect> = { postgres: 'postgres', postgresql: 'postgres', pg: 'postgres', mysql: 'mysql', mariadb: 'mariadb' };

export function detectDialect(input: DialectInput): DialectChoice {
  // The compose files are read once, and only for a MySQL-family set: what was read is what the answer depends on.
  let image: DatabaseImage | undefined | null = null;
  const composeImage = () => (image === null ? (image = databaseImage(input)) : image);
  const explicit = fromOptions(input) ?? fromFolderNames(input.root);
  const project = () => {
    const choice = detectFromProject(input);
    // MySQL URLs, drivers and syntax say "the MySQL family": a MariaDB image or MariaDB-only
    // syntax says which member.
    return choice.dialect === 'mysql' && !choice.unsupported ? (asMariadb(input, choice, composeImage()) ?? choice) : choice;
  };
  const choice = explicit ?? project();
  const serverVersion = choice.dialect === 'postgres' || choice.unsupported ? undefined : imageVersion(composeImage(), choice.dialect);
  return serverVersion ? { ...choice, serverVersion } : choice;
}

function detectFromProject(input: DialectInput): DialectChoice {
  return (
    fromPrismaProvider(input) ??
    fromProjectFiles(input) ??
    fromContent(input) ?? { dialect: 'postgres', reason: 'no dialect signal found; PostgreSQL is the default' }
  );
}

/** Compose files, where a project names the database image it develops against. */
const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];

/**
 * MariaDB, when the project shows it runs MariaDB rather than MySQL: a `mariadb` image in its
 * compose file (searched like the framework's files, up to the project root), or MariaDB-only
 * syntax in its migrations.
 */
function asMariadb(input: DialectInput, mysql: DialectChoice, image: DatabaseImage | undefined): DialectChoice | undefined {
  if (image?.engine === 'mariadb') return { dialect: 'mariadb', reason: `${mysql.reason}; the image ${image.image} in ${image.file} is MariaDB` };
  if (image) return undefined;
  const { files, read } = input;
  for (const file of files) {
    const [signal] = signalsOf.get(read(file)).mariadb;
    if (signal) return { dialect: 'mariadb', reason: `${mysql.reason}; MariaDB-only syntax (${signal}) in ${basename(file)}` };
  }
  return undefined;
}

interface DatabaseImage {
  engine: 'mysql' | 'mariadb';
  /** As written: `docker.io/library/mysql:8.0.36-debian`. */
  image: string;
  tag: string;
  file: string;
}

/** The nearest compose file's MySQL or MariaDB image, searched like the framework's files, up to the project root. */
function databaseImage({ root, host }: DialectInput): DatabaseImage | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    for (const name of COMPOSE_FILES) {
      const file = joinPath(dir, name);
      for (const match of (host.readFile(file) ?? '').matchAll(/^\s*image\s*:\s*["']?([^\s"'#]+)/gm)) {
        const image = /(?:^|\/)(mysql|mariadb)(?::([^@\s]+))?(?:@|$)/i.exec(match[1]);
        if (image) return { engine: image[1].toLowerCase() as 'mysql' | 'mariadb', image: match[1], tag: image[2] ?? '', file };
      }
    }
    if (isProjectRoot(dir, host) || dirname(dir) === dir) return undefined;
  }
}

/** `mariadb:10.11`, `mysql:8.0.36-debian`: the release a compose file's image of the set's engine pins. */
function imageVersion(image: DatabaseImage | undefined, dialect: 'mysql' | 'mariadb'): DetectedServerVersion | undefined {
  const version = image?.engine === dialect ? /^(\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)(?:$|[-_])/.exec(image.tag)?.[1] : undefined;
  return version && image ? { version, source: `the image ${image.image} in ${basename(image.file)}` } : undefined;
}

function fromOptions({ forced, override }: DialectInput): DialectChoice | undefined {
  if (forced) return { dialect: forced, reason: `set explicitly (dialect option: ${forced})` };
  if (override?.entry.dialect) {
    return { dialect: override.entry.dialect, reason: `set in ${override.source ?? 'the project settings'} (sets[${override.index}].dialect)` };
  }
  return undefined;
}

/** The nearest folder on the path named after a dialect or engine: migrations/mysql, postgres/migrations, db/sqlite. */
function fromFolderNames(root: string): DialectChoice | undefined {
  const segments = root.split('/');
  for (let i = segments.length - 1; i >= 0; i--) {
    const engine = FOLDER_DIALECTS[segments[i].toLowerCase()] ?? unsupportedNamed(segments[i]);
    if (engine) return choiceOf(engine, `folder "${segments[i]}" on the path ${segments.slice(0, i + 1).join('/')}`);
  }
  return undefined;
}

function fromPrismaProvider({ root, host }: DialectInput): DialectChoice | undefined {
  for (const file of [joinPath(root, LOCK_FILE), joinPath(dirname(root), 'schema.prisma')]) {
    const text = host.readFile(file);
    const provider = text && /^\s*provider\s*=\s*"([^"]+)"/m.exec(basename(file) === 'schema.prisma' ? datasourceBlock(text) : text)?.[1];
    const engine = provider && providerEngine(provider);
    if (engine) return choiceOf(engine, `provider = "${provider}" in ${file}`);
  }
  return undefined;
}

function datasourceBlock(schema: string): string {
  return /datasource\s+\w+\s*\{[^}]*\}/.exec(schema)?.[0] ?? '';
}

function providerEngine(provider: string): Engine | undefined {
  if (provider === 'postgresql' || provider === 'postgres') return 'postgres';
  if (provider === 'mysql') return 'mysql';
  return unsupportedNamed(provider);
}

/**
 * Database URLs and driver names in the files the frameworks read: `.env` (DATABASE_URL, used by
 * dbmate and Prisma; GOOSE_DRIVER / GOOSE_DBSTRING), `flyway.conf` / `flyway.toml` (flyway.url),
 * sql-migrate's `dbconfig.yml` (dialect, datasource). Searched from the set's folder up to the
 * project root (the first folder holding .git, .migration-lens.json, package.json or go.mod).
 */
function fromProjectFiles({ root, host }: DialectInput): DialectChoice | undefined {
  // Each file is asked for by name rather than by listing the folder: what was read is then
  // exactly what the answer depends on (the command line's cache compares it).
  for (let dir = root; ; dir = dirname(dir)) {
    for (const [name, find] of PROJECT_FILES) {
      const text = host.readFile(joinPath(dir, name));
      const found = text === undefined ? undefined : find(text);
      if (found) return choiceOf(found.engine, `${found.what} in ${joinPath(dir, name)}`);
    }
    if (isProjectRoot(dir, host) || dirname(dir) === dir) return undefined;
  }
}

/** A folder holding .git (a folder, or a file in a worktree), .migration-lens.json, package.json or go.mod. */
function isProjectRoot(dir: string, host: FileHost): boolean {
  const at = (name: string) => joinPath(dir, name);
  return ['.git', '.migration-lens.json', 'package.json', 'go.mod'].some((name) => host.readFile(at(name)) !== undefined) || host.readDirectory(at('.git')) !== undefined;
}

type Finder = (text: string) => { engine: Engine; what: string } | undefined;

const urlEngine = (url: string): Engine | undefined => {
  const scheme = /(postgres(?:ql)?|mysql|mariadb|sqlite3?|libsql|clickhouse|cockroach(?:db)?|sqlserver|mssql|oracle|snowflake)(?::\/\/|:)/i.exec(url)?.[1].toLowerCase();
  if (scheme === undefined) return undefined;
  if (scheme.startsWith('postgres')) return 'postgres';
  return scheme === 'mysql' || scheme === 'mariadb' ? scheme : unsupportedNamed(scheme);
};

const keyFinder =
  (pattern: RegExp, what: string, toEngine: (value: string) => Engine | undefined): Finder =>
  (text) => {
    for (const match of text.matchAll(pattern)) {
      const engine = toEngine(match[1]);
      if (engine) return { engine, what };
    }
    return undefined;
  };

const PROJECT_FILES: [string, Finder][] = [
  [
    '.env',
    (text) =>
      keyFinder(/^\s*(?:export\s+)?DATABASE_URL\s*=\s*(.+)$/gm, 'DATABASE_URL', urlEngine)(text) ??
      keyFinder(/^\s*(?:export\s+)?GOOSE_DRIVER\s*=\s*["']?(\w+)/gm, 'GOOSE_DRIVER', driverEngine)(text) ??
      keyFinder(/^\s*(?:export\s+)?GOOSE_DBSTRING\s*=\s*(.+)$/gm, 'GOOSE_DBSTRING', urlEngine)(text),
  ],
  ['flyway.conf', keyFinder(/^\s*flyway\.url\s*=\s*(.+)$/gm, 'flyway.url', urlEngine)],
  ['flyway.toml', keyFinder(/^\s*url\s*=\s*(.+)$/gm, 'url', urlEngine)],
  [
    'dbconfig.yml',
    (text) =>
      keyFinder(/^\s*dialect\s*:\s*["']?(\w+)/gm, 'dialect', driverEngine)(text) ??
      keyFinder(/^\s*datasource\s*:\s*(.+)$/gm, 'datasource', urlEngine)(text),
  ],
];

/** Driver names as goose and sql-migrate spell them. */
function driverEngine(driver: string): Engine | undefined {
  const name = driver.toLowerCase();
  if (name === 'postgres' || name === 'postgresql' || name === 'pgx') return 'postgres';
  if (name === 'mysql') return 'mysql';
  return unsupportedNamed(name);
}

const MYSQL_SIGNALS: [RegExp, string][] = [
  [/\bAUTO_INCREMENT\b/i, 'AUTO_INCREMENT'],
  [/\bENGINE\s*=/i, 'ENGINE='],
  [/\bUNSIGNED\b/i, 'UNSIGNED'],
];
const POSTGRES_SIGNALS: [RegExp, string][] = [
  [/\b(BIG|SMALL)?SERIAL\b/i, 'SERIAL'],
  [/\bJSONB\b/i, 'JSONB'],
  [/::/, '`::` casts'],
  [/\bGENERATED\s+(ALWAYS|BY\s+DEFAULT)\s+AS\s+IDENTITY\b/i, 'identity columns'],
];

/** Syntax only an engine that is not checked accepts: [pattern, engine, label]. */
const UNSUPPORTED_SIGNALS: [RegExp, string, string][] = [
  [/\bENGINE\s*=\s*(?:Replicated|Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing|Graphite)?MergeTree\b/i, 'ClickHouse', 'ENGINE = MergeTree'],
  [/\bAUTOINCREMENT\b/i, 'SQLite', 'AUTOINCREMENT'],
  [/\bWITHOUT\s+ROWID\b/i, 'SQLite', 'WITHOUT ROWID'],
  [/^\s*PRAGMA\s+\w/im, 'SQLite', 'PRAGMA'],
  [/\bINTERLEAVE\s+IN\s+PARENT\b/i, 'CockroachDB', 'INTERLEAVE IN PARENT'],
  [/\bUSING\s+HASH\s+WITH\s*\(?\s*BUCKET_COUNT\b/i, 'CockroachDB', 'USING HASH WITH BUCKET_COUNT'],
];

/** MariaDB's own syntax, which MySQL rejects: a MySQL-family tree using it runs on MariaDB. */
const MARIADB_SIGNALS: [RegExp, string][] = [
  [/\bCREATE\s+OR\s+REPLACE\s+TABLE\b/i, 'CREATE OR REPLACE TABLE'],
  [/\bADD\s+COLUMN\s+IF\s+NOT\s+EXISTS\b/i, 'ADD COLUMN IF NOT EXISTS'],
  [/\bDROP\s+COLUMN\s+IF\s+EXISTS\b/i, 'DROP COLUMN IF EXISTS'],
  [/\bCREATE\s+(?:OR\s+REPLACE\s+)?SEQUENCE\b/i, 'CREATE SEQUENCE'],
];

interface ContentSignals {
  mysql: string[];
  postgres: string[];
  mariadb: string[];
  /** The first signal of an engine that is not checked. */
  unsupported?: { engine: string; label: string };
}

/** The dialect signals in one file's code (outside comments and strings). */
export const signalsOf = new TextMemo((text): ContentSignals => {
  const scan = wholeFileScans.get(text);
  const found = (signals: [RegExp, string][]) => signals.filter(([pattern]) => pattern.test(scan.code)).map(([, label]) => label);
  const mysql = found(MYSQL_SIGNALS);
  const postgres = found(POSTGRES_SIGNALS);
  const mariadb = found(MARIADB_SIGNALS);
  if (scan.backtickIdentifiers > 0) mysql.push('backticks');
  if (scan.delimiterCommands > 0) mysql.push('DELIMITER');
  if (scan.dollarQuotedBodies > 0) postgres.push('$$ bodies');
  const other = UNSUPPORTED_SIGNALS.find(([pattern]) => pattern.test(scan.code));
  return { mysql, postgres, mariadb, ...(other && { unsupported: { engine: other[1], label: other[2] } }) };
});

function fromContent({ files, read }: DialectInput): DialectChoice | undefined {
  const mysql = new Map<string, string>();
  const postgres = new Map<string, string>();
  for (const file of files) {
    const signals = signalsOf.get(read(file));
    const name = basename(file);
    // A construct only another engine accepts says the set is not PostgreSQL or MySQL at all.
    if (signals.unsupported) return choiceOf({ unsupported: signals.unsupported.engine }, `${signals.unsupported.engine} syntax in the migrations: ${signals.unsupported.label} (${name})`);
    // The first file showing a signal is the one the reason names.
    for (const label of signals.mysql) if (!mysql.has(label)) mysql.set(label, name);
    for (const label of signals.postgres) if (!postgres.has(label)) postgres.set(label, name);
  }
  const describe = (signals: Map<string, string>) => [...signals].map(([label, name]) => `${label} (${name})`).join(', ');
  if (mysql.size > postgres.size) return { dialect: 'mysql', reason: `MySQL syntax in the migrations: ${describe(mysql)}` };
  if (postgres.size > mysql.size) return { dialect: 'postgres', reason: `PostgreSQL syntax in the migrations: ${describe(postgres)}` };
  return undefined;
}
