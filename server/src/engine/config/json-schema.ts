// The JSON schema of `.migration-lens.json`, built from the loader's own keys, patterns and value
// lists (settings.ts), so the editor completes and checks the file exactly as validateConfig
// reads it. scripts/config-schema.mjs writes it to schemas/; a test keeps the file current and
// checks that the schema and the loader accept and refuse the same files.

import { FRAMEWORKS } from '../model/migration-set.js';
import { DIALECTS } from '../model/source.js';
import { MYSQL_VERSION_PATTERN, NOT_BLANK_PATTERN, PG_VERSION_PATTERN, RULE_LEVELS, SET_KEYS, TOP_LEVEL_KEYS } from './settings.js';

/** What the schema says of each rule: its id, when it applies and what it reports. */
export interface SchemaRule {
  id: string;
  defaultLevel: string;
  summary: string;
}

type JsonSchema = Record<string, unknown>;

const FRAMEWORK_DESCRIPTIONS: Record<(typeof FRAMEWORKS)[number], string> = {
  'golang-migrate': '`{version}_{title}.up.sql` and `.down.sql` files',
  goose: '`-- +goose Up` / `-- +goose Down` sections',
  dbmate: '`-- migrate:up` / `-- migrate:down` sections',
  'sql-migrate': '`-- +migrate Up` / `-- +migrate Down` sections',
  flyway: '`V<version>__<description>.sql`, `U…` undo and `R__…` repeatable files',
  prisma: '`<timestamp>_<name>/migration.sql` folders beside `migration_lock.toml`',
  'node-pg-migrate': '`-- Up Migration` / `-- Down Migration` sections',
  plain: 'numbered `.sql` files run in number order, no framework',
};

export function projectConfigJsonSchema(rules: readonly SchemaRule[]): JsonSchema {
  const notBlank = NOT_BLANK_PATTERN.source;
  const properties: Record<(typeof TOP_LEVEL_KEYS)[number], JsonSchema> = {
    pgVersion: {
      markdownDescription: 'Version of the PostgreSQL server the migrations run on, such as `"15"` or `"16.2"`; rules whose advice depends on it follow it. Absent: the newest version.',
      anyOf: [
        { type: 'string', pattern: PG_VERSION_PATTERN.source, patternErrorMessage: 'A PostgreSQL version such as "15" or "16.2".' },
        { type: 'number', minimum: 0, exclusiveMaximum: 100 },
      ],
    },
    mysqlVersion: {
      type: 'string',
      pattern: MYSQL_VERSION_PATTERN.source,
      patternErrorMessage: 'A MySQL version such as "8.0" or "5.7.44".',
      markdownDescription: 'Version of the MySQL server the `mysql` migration folders run on, such as `"8.0"` or `"5.7.44"`: syntax newer than it is reported (`mysql-feature-needs-newer-server`), and rules whose verdict depends on it follow it. Absent: a current release.',
    },
    mariadbVersion: {
      type: 'string',
      pattern: MYSQL_VERSION_PATTERN.source,
      patternErrorMessage: 'A MariaDB version such as "10.6" or "11.4.2".',
      markdownDescription: 'Version of the MariaDB server the `mariadb` migration folders run on, such as `"10.6"` or `"11.4.2"`: syntax newer than it is reported (`mysql-feature-needs-newer-server`), and rules whose verdict depends on it follow it (`offset` is reserved from 10.6). Absent: a current release.',
    },
    assumeInTransaction: {
      type: 'boolean',
      default: false,
      markdownDescription: 'Plain `.sql` files with no framework run inside a transaction (your runner wraps each file), as squawk\'s `--assume-in-transaction`.',
    },
    assumeExistingSchema: {
      type: 'boolean',
      default: false,
      markdownDescription:
        'The history starts on a database that already had tables: objects the first migrations use and no migration creates are taken to exist. ' +
        'Without it they are errors, unless the first migration creates no table and only changes existing ones. A `baseline` schema dump checks them instead.',
    },
    rules: {
      type: 'object',
      markdownDescription: 'Level per rule id: `error`, `warning`, `info` or `off`. Rules not named keep their default.',
      properties: Object.fromEntries(
        rules.map((rule) => [rule.id, { enum: [...RULE_LEVELS], markdownDescription: `${rule.summary}\n\nDefault: ${rule.defaultLevel}.` }]),
      ),
      additionalProperties: false,
    },
    exclude: {
      type: 'array',
      markdownDescription: 'Glob patterns, relative to this file\'s folder, of files and folders not checked, e.g. `["legacy/**"]`.',
      items: { type: 'string', pattern: notBlank },
    },
    baseline: {
      type: 'string',
      pattern: notBlank,
      markdownDescription: 'A schema dump (`.sql`), relative to this file\'s folder, of the database the first migration ran on: it seeds the replay, so references to its tables are checked.',
    },
    sets: {
      type: 'array',
      markdownDescription: 'Migration folders whose framework or dialect is not the one detected.',
      items: setSchema(notBlank),
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Migration Lens project settings (.migration-lens.json)',
    type: 'object',
    properties: { $schema: { type: 'string' }, ...properties },
    additionalProperties: false,
  };
}

function setSchema(notBlank: string): JsonSchema {
  const properties: Record<(typeof SET_KEYS)[number], JsonSchema> = {
    path: { type: 'string', pattern: notBlank, markdownDescription: 'The migration folder, relative to this file\'s folder, e.g. `"db/migrations"`.' },
    framework: {
      enum: [...FRAMEWORKS],
      markdownEnumDescriptions: FRAMEWORKS.map((framework) => FRAMEWORK_DESCRIPTIONS[framework]),
      markdownDescription: 'The framework that runs the folder\'s migrations.',
    },
    dialect: { enum: [...DIALECTS], markdownDescription: 'The SQL dialect of the folder\'s migrations.' },
  };
  return { type: 'object', properties, required: ['path'], additionalProperties: false };
}
