// Flyway: `flyway_schema_history` gets one row per run of a script, ranked by installed_rank:
// versioned (type SQL, version "1.1"), repeatable (version NULL, re-run when its checksum
// changes), baseline (SQL_BASELINE, run only on an empty database), undo (UNDO_SQL, the version
// no longer counts as applied). Checksum: Flyway's CRC32
// over lines. A failure that was rolled back leaves no row; one that could not be (MySQL DDL,
// executeInTransaction=false) leaves a success=false row until `repair`
// (DbMigrate.java). Tables as createMetaDataTable.sql for PostgreSQL and MySQL.

import type { Migration } from '../../engine/model/migration-set.js';
import type { DatabaseConnection } from '../connection.js';
import { flywayChecksum } from './checksums.js';
import { migrationLensLock } from './locks.js';
import { query, tableExists, timestampText, truthy } from './sql.js';
import type { Step, TrackedRecord, Tracking } from './types.js';

const TABLE = 'flyway_schema_history';

const CREATE_POSTGRES = [
  `CREATE TABLE ${TABLE} (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
  )`,
  `ALTER TABLE ${TABLE} ADD CONSTRAINT "${TABLE}_pk" PRIMARY KEY ("installed_rank")`,
  `CREATE INDEX "${TABLE}_s_idx" ON ${TABLE} ("success")`,
];

const CREATE_MYSQL = [
  `CREATE TABLE \`${TABLE}\` (
    \`installed_rank\` INT NOT NULL,
    \`version\` VARCHAR(50),
    \`description\` VARCHAR(200) NOT NULL,
    \`type\` VARCHAR(20) NOT NULL,
    \`script\` VARCHAR(1000) NOT NULL,
    \`checksum\` INT,
    \`installed_by\` VARCHAR(100) NOT NULL,
    \`installed_on\` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    \`execution_time\` INT NOT NULL,
    \`success\` BOOL NOT NULL,
    CONSTRAINT \`${TABLE}_pk\` PRIMARY KEY (\`installed_rank\`)
  ) ENGINE=InnoDB`,
  `CREATE INDEX \`${TABLE}_s_idx\` ON \`${TABLE}\` (\`success\`)`,
];

/** Flyway compares versions numerically part by part, so 1.1 = 1.01 = 1.1.0. */
function versionKey(version: string): string {
  const parts = version.split(/[._]/).map((part) => BigInt(part).toString());
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  return parts.join('.');
}

/** Flyway's description: the file name's, underscores as spaces. */
const description = (migration: Migration) => migration.name.replace(/_/g, ' ');

/** A baseline and a versioned migration may share a version: they are different rows. */
const key = (migration: Migration) =>
  migration.kind === 'repeatable' ? `R:${description(migration)}` : migration.kind === 'baseline' ? `B:${versionKey(migration.version)}` : versionKey(migration.version);

const ROW_TYPE: Record<Migration['kind'], string> = { versioned: 'SQL', repeatable: 'SQL', baseline: 'SQL_BASELINE' };

const basename = (file: string) => file.slice(file.lastIndexOf('/') + 1);

interface HistoryRow {
  version: string | null;
  description: string;
  type: string;
  checksum: unknown;
  installed_on: unknown;
  execution_time: unknown;
  success: unknown;
}

async function insertRow(connection: DatabaseConnection, step: Step, success: boolean, durationMs: number): Promise<void> {
  const part = step.direction === 'up' ? step.migration.up! : step.migration.down!;
  const installedBy =
    connection.dialect === 'postgres' ? 'current_user' : `SUBSTRING_INDEX(USER(), '@', 1)`;
  await query(
    connection,
    `INSERT INTO ${TABLE} (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
     SELECT COALESCE(MAX(installed_rank), 0) + 1, $1, $2, $3, $4, $5, ${installedBy}, $6, $7 FROM ${TABLE}`,
    [
      step.migration.kind === 'repeatable' ? null : step.migration.version.replace(/_/g, '.'),
      description(step.migration),
      step.direction === 'up' ? ROW_TYPE[step.migration.kind] : 'UNDO_SQL',
      basename(part.file),
      flywayChecksum(step.fileText),
      Math.round(durationMs),
      success,
    ],
  );
}

export const flywayTracking: Tracking = {
  table: TABLE,
  key,
  checksum: (_migration, fileText) => String(flywayChecksum(fileText)),
  checksumMatches: (stored, _migration, fileText) => stored === String(flywayChecksum(fileText)),
  transactionScope: 'migration',
  lockKey: (connection) => migrationLensLock(connection, TABLE),
  async ensureTable(connection) {
    if (await tableExists(connection, TABLE)) return;
    for (const statement of connection.dialect === 'postgres' ? CREATE_POSTGRES : CREATE_MYSQL) await connection.query(statement);
  },
  async read(connection) {
    if (!(await tableExists(connection, TABLE))) return [];
    const rows = await query<HistoryRow & Record<string, unknown>>(
      connection,
      `SELECT version, description, type, checksum, installed_on, execution_time, success FROM ${TABLE} WHERE type IN ('SQL', 'SQL_BASELINE', 'UNDO_SQL') ORDER BY installed_rank`,
    );
    const latest = new Map<string, TrackedRecord | undefined>();
    for (const row of rows) {
      const rowKey = row.version === null ? `R:${row.description}` : row.type === 'SQL_BASELINE' ? `B:${versionKey(row.version)}` : versionKey(row.version);
      const durationMs = row.execution_time === null ? undefined : Number(row.execution_time);
      if (!truthy(row.success)) latest.set(rowKey, { key: rowKey, state: 'failed', durationMs, detail: `its ${row.type} row says success = false` });
      else if (row.type === 'UNDO_SQL') latest.delete(rowKey);
      else latest.set(rowKey, { key: rowKey, state: 'applied', checksum: row.checksum === null ? undefined : String(row.checksum), appliedAt: timestampText(row.installed_on), durationMs });
    }
    return [...latest.values()].filter((record): record is TrackedRecord => record !== undefined);
  },
  started: async () => undefined,
  finished: (connection, step, durationMs) => insertRow(connection, step, true, durationMs),
  async failed(connection, step, _message, changesRemain, durationMs) {
    if (changesRemain) await insertRow(connection, step, false, durationMs);
  },
  async force(connection, set, target, fileText) {
    // `flyway repair`: failed rows go; then the versions after the target stop counting.
    await connection.query(`DELETE FROM ${TABLE} WHERE NOT success`);
    const records = new Set((await flywayTracking.read(connection, set)).map((r) => r.key));
    const targetIndex = target ? set.migrations.indexOf(target) : -1;
    for (const migration of set.migrations.slice(targetIndex + 1)) {
      if (migration.kind === 'versioned' && records.has(key(migration))) {
        await query(connection, `DELETE FROM ${TABLE} WHERE version = $1`, [migration.version.replace(/_/g, '.')]);
      }
    }
    if (target?.up && !records.has(key(target))) {
      const step: Step = { set, migration: target, direction: 'up', fileText: fileText(target), previous: undefined, inTransaction: false };
      await insertRow(connection, step, true, 0);
    }
  },
};
