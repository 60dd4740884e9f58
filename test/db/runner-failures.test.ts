// A migration failing half-way leaves its framework's failed state, and the message points at
// the failing line and names the statements that took effect; one rolled back entirely leaves the
// state as it was before (not dirty, not failed). An applied migration edited afterwards is
// detected where the framework stores a checksum.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DatabaseConnection } from '../../server/src/db/connection.js';
import { forceVersion, migrateUp, migrationStatus, RunRefused } from '../../server/src/db/runner/index.js';
import { copyFixture, diskOptions, freshDatabase, servers, setFrom, type TargetKind } from './runner-support.js';

/** Statement 2 fails on line 3 of its file, at `missing_column` (column 8). */
const BROKEN = 'CREATE TABLE broken_first (id int);\n\nSELECT missing_column FROM broken_first;\n';

interface Case {
  framework: string;
  fixture: string;
  kind: TargetKind;
  /** Adds the broken migration; returns its file and the file line of the failing statement's first line. */
  addBroken(root: string): { file: string; line: number };
  /** What the framework's table must say afterwards. */
  expectRecord(connection: DatabaseConnection): Promise<void>;
  /** Whether the first statement's table is gone again (rolled back). */
  rolledBack: boolean;
  /** The framework keeps a failed state that blocks the next run (goose: nothing is left, it is pending again). */
  keepsFailedState: boolean;
}

const cases: Case[] = [
  {
    framework: 'golang-migrate',
    fixture: 'golang-migrate/postgres',
    kind: 'postgres',
    addBroken(root) {
      writeFileSync(join(root, '000006_broken.down.sql'), 'DROP TABLE broken_first;\n');
      return { file: write(join(root, '000006_broken.up.sql'), BROKEN), line: 3 };
    },
    async expectRecord(connection) {
      // golang-migrate itself would leave 6 dirty; nothing of 6 remains, so the version is 5 again, clean.
      assert.deepEqual(await connection.query('SELECT version::text AS version, dirty FROM schema_migrations'), [{ version: '5', dirty: false }]);
    },
    rolledBack: true,
    keepsFailedState: false,
  },
  {
    framework: 'golang-migrate',
    fixture: 'golang-migrate/mysql',
    kind: 'mysql',
    addBroken(root) {
      writeFileSync(join(root, '000006_broken.down.sql'), 'DROP TABLE broken_first;\n');
      return { file: write(join(root, '000006_broken.up.sql'), BROKEN), line: 3 };
    },
    async expectRecord(connection) {
      const rows = await connection.query<{ version: unknown; dirty: unknown }>('SELECT version, dirty FROM schema_migrations');
      assert.deepEqual(rows.map((r) => [String(r.version), Number(r.dirty)]), [['6', 1]], 'the first statement took effect: 6 stays dirty');
    },
    rolledBack: false,
    keepsFailedState: true,
  },
  {
    framework: 'goose',
    fixture: 'goose/postgres',
    kind: 'pglite',
    addBroken(root) {
      return { file: write(join(root, '00006_broken.sql'), `-- +goose Up\n${BROKEN}-- +goose Down\nDROP TABLE broken_first;\n`), line: 4 };
    },
    async expectRecord(connection) {
      assert.deepEqual(await connection.query(`SELECT 1 FROM goose_db_version WHERE version_id = 6`), [], 'goose leaves no record');
    },
    rolledBack: true,
    keepsFailedState: false,
  },
  {
    framework: 'prisma',
    fixture: 'prisma/web/prisma/migrations',
    kind: 'postgres',
    addBroken(root) {
      mkdirSync(join(root, '20240401000000_broken'));
      return { file: write(join(root, '20240401000000_broken/migration.sql'), BROKEN), line: 3 };
    },
    async expectRecord(connection) {
      const rows = await connection.query<{ finished_at: unknown; rolled_back_at: unknown; logs: string }>(
        `SELECT finished_at, rolled_back_at, logs FROM _prisma_migrations WHERE migration_name = '20240401000000_broken'`,
      );
      assert.equal(rows.length, 1);
      assert.equal(rows[0].finished_at, null);
      assert.notEqual(rows[0].rolled_back_at, null, 'recorded as `prisma migrate resolve --rolled-back` would');
      assert.match(rows[0].logs, /missing_column/);
    },
    rolledBack: true,
    keepsFailedState: false,
  },
  {
    framework: 'flyway',
    fixture: 'flyway/catalog/sql',
    kind: 'mysql',
    addBroken(root) {
      return { file: write(join(root, 'V9__broken.sql'), BROKEN), line: 3 };
    },
    async expectRecord(connection) {
      const rows = await connection.query<{ success: unknown }>(`SELECT success FROM flyway_schema_history WHERE version = '9'`);
      assert.deepEqual(rows.map((r) => Number(r.success)), [0], 'MySQL cannot roll back the DDL: a success=false row says so');
    },
    rolledBack: false,
    keepsFailedState: true,
  },
];

function write(file: string, text: string): string {
  writeFileSync(file, text);
  return file;
}

for (const c of cases) {
  const skip = c.kind === 'pglite' ? false : servers[c.kind].skip;
  test(`${c.framework} on ${c.kind}: a failing migration leaves the framework's failed state and points at its line`, { skip }, async () => {
    const root = copyFixture(c.fixture);
    const broken = c.addBroken(root);
    const set = setFrom(root);
    const database = await freshDatabase(c.kind);
    const connection = await database.open();
    try {
      const result = await migrateUp(connection, set, {}, diskOptions());
      assert.ok(result.failure, 'the run fails');
      assert.equal(result.failure.location?.file, broken.file);
      assert.equal(result.failure.location?.line, broken.line);
      if (c.kind !== 'mysql') assert.equal(result.failure.location?.column, 8, 'PostgreSQL position of missing_column');
      assert.equal(result.failure.rolledBack, c.rolledBack);
      assert.deepEqual(result.failure.tookEffect, c.rolledBack ? [] : [{ line: 1, text: 'CREATE TABLE broken_first (id int)' }]);
      await c.expectRecord(connection);
      const tableLeft = await connection.query(
        connection.dialect === 'postgres'
          ? `SELECT 1 FROM pg_tables WHERE tablename = 'broken_first'`
          : `SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'broken_first'`,
      );
      assert.equal(tableLeft.length, c.rolledBack ? 0 : 1);

      const status = await migrationStatus(connection, set, diskOptions());
      assert.equal(status.migrations.find((m) => m.migration?.up?.file === broken.file)?.state, c.keepsFailedState ? 'failed' : 'pending');
      if (c.keepsFailedState) await assert.rejects(migrateUp(connection, set, {}, diskOptions()), RunRefused, 'a failed state blocks the next run');

      // Fixed by hand: the broken migration never happened.
      if (!c.rolledBack) await connection.execute('DROP TABLE broken_first');
      const previous = set.migrations[set.migrations.length - 2];
      await forceVersion(connection, set, previous.version, diskOptions());
      const repaired = await migrationStatus(connection, set, diskOptions());
      assert.deepEqual(repaired.migrations.map((m) => m.state), [...set.migrations.slice(0, -1).map(() => 'applied'), 'pending']);
    } finally {
      await connection.close();
      await database.cleanup();
    }
  });
}

for (const c of [
  { framework: 'flyway', fixture: 'flyway/store/src/main/resources/db/migration', file: 'V1.1__create_accounts.sql' },
  { framework: 'prisma', fixture: 'prisma/web/prisma/migrations', file: '20240308143000_add_orders/migration.sql' },
  { framework: 'plain', fixture: 'plain/sql', file: '002_create_accounts.sql' },
]) {
  test(`${c.framework}: an applied migration edited afterwards is "changed"; line endings alone are not an edit`, { skip: servers.postgres.skip }, async () => {
    const root = copyFixture(c.fixture);
    const set = setFrom(root);
    const database = await freshDatabase('postgres');
    const connection = await database.open();
    try {
      await migrateUp(connection, set, {}, diskOptions());
      const file = join(root, c.file);
      const original = diskOptions().readFile(file)!;
      const crlf = diskOptions({ readFile: (path) => (path === file ? original.replace(/\n/g, '\r\n') : diskOptions().readFile(path)) });
      const edited = diskOptions({ readFile: (path) => (path === file ? `${original}\n-- edited\nSELECT 1;\n` : diskOptions().readFile(path)) });
      const stateOf = async (options: ReturnType<typeof diskOptions>) =>
        (await migrationStatus(connection, set, options)).migrations.find((m) => m.migration?.up?.file === file)?.state;
      assert.equal(await stateOf(diskOptions()), 'applied');
      assert.equal(await stateOf(edited), 'changed');
      if (c.framework !== 'plain') assert.equal(await stateOf(crlf), 'applied');
    } finally {
      await connection.close();
      await database.cleanup();
    }
  });
}

test('golang-migrate: status cannot tell edits, and a record without a file is "missing"', { skip: servers.postgres.skip }, async () => {
  const set = setFrom(copyFixture('golang-migrate/postgres'));
  const database = await freshDatabase('postgres');
  const connection = await database.open();
  try {
    await migrateUp(connection, set, {}, diskOptions());
    await connection.execute('UPDATE schema_migrations SET version = 99');
    const status = await migrationStatus(connection, set, diskOptions());
    assert.equal(status.detectsEdits, false);
    assert.deepEqual(status.migrations.at(-1), { key: '99', version: '99', name: '', state: 'missing', appliedAt: undefined, detail: 'recorded in schema_migrations but no file has it' });
  } finally {
    await connection.close();
    await database.cleanup();
  }
});
