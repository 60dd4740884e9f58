// The project settings shape (DESIGN.md "Project settings") and its validation. The same
// validation serves `.migration-lens.json` and the editor's `migrationLens.*` settings, so a
// mistake reads the same wherever it was made.

import { FRAMEWORKS, type Framework } from '../model/migration-set.js';
import { DIALECTS, type Dialect } from '../model/source.js';
import { relativeTo, resolvePath } from './paths.js';

export type RuleLevel = 'error' | 'warning' | 'info' | 'off';
export const RULE_LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'off'];

/** Forces the framework and/or dialect of the set rooted at `path`. */
export interface SetOverride {
  /** Absolute folder path, forward slashes. */
  path: string;
  framework?: Framework;
  dialect?: Dialect;
}

export interface ProjectConfig {
  /** Folder that relative paths and `exclude` globs are resolved against: the config file's folder. */
  root?: string;
  /** The `.migration-lens.json` these settings came from, for messages. */
  source?: string;
  /** PostgreSQL server version ("15", "16.2") for behaviour that depends on it. */
  pgVersion?: string;
  /** MySQL server version ("8.0", "5.7.44") of the `mysql` sets, for rules whose verdict depends on it. */
  mysqlVersion?: string;
  /** MariaDB server version ("10.6", "11.4.2") of the `mariadb` sets, likewise. */
  mariadbVersion?: string;
  /** Loose .sql files with no framework run inside a transaction (squawk's flag). */
  assumeInTransaction: boolean;
  /** Severity per rule id; rules not named keep their default. */
  rules: Record<string, RuleLevel>;
  /** Globs relative to `root` of files and folders that are not checked. */
  exclude: string[];
  /** Absolute path of a pre-existing schema that seeds the replay. */
  baseline?: string;
  /**
   * The history starts on a database that already had tables: objects its first migrations use
   * and no migration creates are taken to exist (see partial-migration-history).
   */
  assumeExistingSchema?: boolean;
  sets: SetOverride[];
}

/** The settings a source states explicitly; absent keys leave the layer below in place. */
export type ConfigValues = Partial<Omit<ProjectConfig, 'root' | 'source'>>;

export interface ConfigProblem {
  /** The config file, or a label such as "VS Code settings (migrationLens.*)". */
  file: string;
  /** Dotted key path, e.g. "rules.ban-drop-column" or "sets[0].framework". */
  key?: string;
  /** What is wrong and how to fix it. */
  message: string;
}

export interface ConfigOrigin {
  /** File path or label, used in messages. */
  label: string;
  /** Folder relative paths are resolved against. */
  baseDir: string;
  /** Rule ids that exist; when given, unknown ids in `rules` are reported. */
  knownRuleIds?: readonly string[];
}

export function defaultProjectConfig(root?: string): ProjectConfig {
  return { root, assumeInTransaction: false, rules: {}, exclude: [], sets: [] };
}

// The keys and patterns below are the whole shape of the file: validateConfig checks them and
// json-schema.ts describes them to the editor, so the two cannot disagree.
export const TOP_LEVEL_KEYS = ['pgVersion', 'mysqlVersion', 'mariadbVersion', 'assumeInTransaction', 'rules', 'exclude', 'baseline', 'assumeExistingSchema', 'sets'] as const;
export const SET_KEYS = ['path', 'framework', 'dialect'] as const;
/** A PostgreSQL major version, with a minor one or not: "15", "16.2". */
export const PG_VERSION_PATTERN = /^\d{1,2}(\.\d+)?$/;
/** "8.0", "10.11", "5.7.44": a major and minor release, with a patch level or not. */
export const MYSQL_VERSION_PATTERN = /^\d{1,2}\.\d{1,2}(\.\d{1,3})?$/;
/** A path or glob: anything but blanks. */
export const NOT_BLANK_PATTERN = /\S/;

/**
 * Keeps the valid parts of `raw` and describes every invalid one; never throws, so one typo does
 * not switch off the whole file.
 */
export function validateConfig(raw: unknown, origin: ConfigOrigin): { values: ConfigValues; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const report = (key: string | undefined, message: string) =>
    problems.push({ file: origin.label, key, message: key ? `${origin.label}: "${key}" ${message}` : `${origin.label}: ${message}` });
  const values: ConfigValues = {};
  if (!isObject(raw)) {
    report(undefined, `must hold a JSON object such as { "pgVersion": "15" } (got ${describe(raw)}).`);
    return { values, problems };
  }

  for (const key of Object.keys(raw)) {
    if (key !== '$schema' && !(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      report(key, `is not a setting; allowed keys are ${TOP_LEVEL_KEYS.join(', ')}. Remove it or fix its spelling.`);
    }
  }

  if ('pgVersion' in raw) {
    const version = raw.pgVersion;
    const text = typeof version === 'number' ? String(version) : version;
    if (typeof text === 'string' && PG_VERSION_PATTERN.test(text)) values.pgVersion = text;
    else report('pgVersion', `must be a PostgreSQL version such as "15" or "16.2" (got ${describe(version)}).`);
  }

  for (const [key, server, example] of [['mysqlVersion', 'MySQL', '"8.0" or "5.7.44"'], ['mariadbVersion', 'MariaDB', '"10.6" or "11.4.2"']] as const) {
    if (!(key in raw)) continue;
    const version = raw[key];
    if (typeof version === 'string' && MYSQL_VERSION_PATTERN.test(version)) values[key] = version;
    else report(key, `must be a ${server} version such as ${example}, as a string (got ${describe(version)}).`);
  }

  if ('assumeInTransaction' in raw) {
    if (typeof raw.assumeInTransaction === 'boolean') values.assumeInTransaction = raw.assumeInTransaction;
    else report('assumeInTransaction', `must be true or false (got ${describe(raw.assumeInTransaction)}).`);
  }

  if ('assumeExistingSchema' in raw) {
    if (typeof raw.assumeExistingSchema === 'boolean') values.assumeExistingSchema = raw.assumeExistingSchema;
    else report('assumeExistingSchema', `must be true or false (got ${describe(raw.assumeExistingSchema)}).`);
  }

  if ('rules' in raw) {
    if (!isObject(raw.rules)) {
      report('rules', `must be an object of rule id to level, e.g. { "ban-drop-column": "off" } (got ${describe(raw.rules)}).`);
    } else {
      values.rules = {};
      for (const [id, level] of Object.entries(raw.rules)) {
        if (origin.knownRuleIds && !origin.knownRuleIds.includes(id)) {
          report(`rules.${id}`, `is not a known rule; known rules are ${origin.knownRuleIds.join(', ')}.`);
        } else if (typeof level === 'string' && (RULE_LEVELS as readonly string[]).includes(level)) {
          values.rules[id] = level as RuleLevel;
        } else {
          report(`rules.${id}`, `must be one of ${RULE_LEVELS.join(', ')} (got ${describe(level)}).`);
        }
      }
    }
  }

  if ('exclude' in raw) {
    const exclude = raw.exclude;
    if (Array.isArray(exclude) && exclude.every((glob) => typeof glob === 'string' && NOT_BLANK_PATTERN.test(glob))) values.exclude = exclude;
    else report('exclude', `must be an array of glob strings relative to ${origin.baseDir}, e.g. ["legacy/**"] (got ${describe(exclude)}).`);
  }

  if ('baseline' in raw) {
    if (typeof raw.baseline === 'string' && NOT_BLANK_PATTERN.test(raw.baseline)) {
      const baseline = inside(origin, raw.baseline, 'baseline', report);
      if (baseline) values.baseline = baseline;
    } else report('baseline', `must be the path of a schema .sql file, e.g. "db/schema.sql" (got ${describe(raw.baseline)}).`);
  }

  if ('sets' in raw) {
    if (!Array.isArray(raw.sets)) {
      report('sets', `must be an array such as [{ "path": "db/migrations", "framework": "dbmate" }] (got ${describe(raw.sets)}).`);
    } else {
      values.sets = [];
      raw.sets.forEach((entry, index) => {
        const override = validateSetOverride(entry, `sets[${index}]`, origin, report);
        if (override) values.sets?.push(override);
      });
    }
  }
  return { values, problems };
}

/**
 * `written` resolved against the settings' folder, or undefined (reported) when it leads out of
 * it: a project's settings come with its repository, and must not make the tool read elsewhere.
 */
function inside(origin: ConfigOrigin, written: string, key: string, report: (key: string, message: string) => void): string | undefined {
  const resolved = resolvePath(origin.baseDir, written);
  if (relativeTo(resolvePath(origin.baseDir, '.'), resolved) !== undefined) return resolved;
  report(key, `must stay inside ${origin.baseDir}: "${written}" leads to ${resolved}.`);
  return undefined;
}

function validateSetOverride(
  entry: unknown,
  key: string,
  origin: ConfigOrigin,
  report: (key: string, message: string) => void,
): SetOverride | undefined {
  if (!isObject(entry)) {
    report(key, `must be an object such as { "path": "db/migrations", "framework": "dbmate" } (got ${describe(entry)}).`);
    return undefined;
  }
  for (const name of Object.keys(entry)) {
    if (!(SET_KEYS as readonly string[]).includes(name)) report(`${key}.${name}`, `is not a set setting; allowed keys are ${SET_KEYS.join(', ')}.`);
  }
  if (typeof entry.path !== 'string' || !NOT_BLANK_PATTERN.test(entry.path)) {
    report(`${key}.path`, `must be the migration folder relative to ${origin.baseDir}, e.g. "db/migrations" (got ${describe(entry.path)}).`);
    return undefined;
  }
  const path = inside(origin, entry.path, `${key}.path`, report);
  if (!path) return undefined;
  const override: SetOverride = { path };
  if ('framework' in entry) {
    if ((FRAMEWORKS as readonly unknown[]).includes(entry.framework)) override.framework = entry.framework as Framework;
    else report(`${key}.framework`, `must be one of ${FRAMEWORKS.join(', ')} (got ${describe(entry.framework)}).`);
  }
  if ('dialect' in entry) {
    if ((DIALECTS as readonly unknown[]).includes(entry.dialect)) override.dialect = entry.dialect as Dialect;
    else report(`${key}.dialect`, `must be one of ${DIALECTS.join(', ')} (got ${describe(entry.dialect)}).`);
  }
  return override;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}
