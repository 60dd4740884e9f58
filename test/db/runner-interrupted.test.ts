// A run interrupted from outside loses nothing either.
// - MariaDB commits each DDL statement as it runs, so no framework can undo a half-run file: the
//   command line is killed (SIGKILL) while each of three statements runs, for golang-migrate,
//   goose and Flyway. The statements before the kill stay applied; golang-migrate's version stays
//   dirty and every later run is refused until `force`, as golang-migrate does; goose and Flyway
//   record nothing, so the migration reads as pending, as their own tools would show it. The next
//   run, after the partial tables are dropped by hand, completes it.
// - The PostgreSQL server ends the runner's session in the middle of a migration (what a restart
//   or a failover does to it): the run ends with an error that says the connection was lost,
//   the transaction leaves nothing, and `status` reads the state the framework keeps.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { cli, copyFixture, freshDatabase, killUpWhile, servers } from './runner-support.js';

/** Each statement waits a distinct, recognisable time, so the watcher knows which one runs. */
const mariadbStatements = [1, 2, 3].map((n) => `CREATE TABLE killed_${n} (id int);\nSELECT SLEEP(1.00${n});`).join('\n');
const DOWN = 'DROP TABLE killed_3;\nDROP TABLE killed_2;\nDROP TABLE killed_1;\n';

const FRAMEWORKS = [
  {
    name: 'golang-migrate',
    fixture: 'golang-migrate/mysql',
    write: (root: string) => {
      writeFileSync(join(root, '000006_slow.up.sql'), `${mariadbStatements}\n`);
      writeFileSync(join(root, '000006_slow.down.sql'), DOWN);
    },
    afterKill: /000006_slow.*dirty/,
    statusCode: 1,
  },
  {
    name: 'goose',
    fixture: 'goose/mysql',
    write: (root: string) => writeFileSync(join(root, '00006_slow.sql'), `-- +goose Up\n${mariadbStatements}\n-- +goose Down\n${DOWN}`),
    afterKill: /pending +00006_slow/,
    statusCode: 0,
  },
  {
    name: 'Flyway',
    fixture: 'flyway/catalog',
    write: (root: string) => writeFileSync(join(root, 'sql/V9__slow.sql'), `${mariadbStatements}\n`),
    afterKill: /pending +V9__slow\.sql/,
    statusCode: 0,
  },
];

async function withMariadb<T>(url: string, action: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection(url);
  try {
    return await action(connection);
  } finally {
    await connection.end();
  }
}

async function waitForSleep(url: string, n: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [rows] = await withMariadb(url, (c) => c.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()", [`%SLEEP(1.00${n})%`]));
    if (Number((rows as { n: number }[])[0].n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`statement ${n} never ran`);
}

const killedTables = async (url: string) =>
  withMariadb(url, async (c) => {
    const [rows] = await c.query("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'killed\\_%' ORDER BY 1");
    return (rows as { name: string }[]).map((row) => row.name);
  });

describe('MariaDB: a run killed at each statement keeps what committed, and status tells the framework\'s own state', { skip: servers.mysql.skip, timeout: 300_000 }, () => {
  for (const framework of FRAMEWORKS) {
    for (const killAt of [1, 2, 3]) {
      test(`${framework.name}: killed during statement ${killAt} of 3`, async () => {
        const root = copyFixture(framework.fixture);
        framework.write(root);
        const database = await freshDatabase('mysql');
        const url = database.url!;
        try {
          await killUpWhile(root, url, () => waitForSleep(url, killAt));

          const committed = Array.from({ length: killAt }, (_, i) => `killed_${i + 1}`);
          assert.deepEqual(await killedTables(url), committed, 'each CREATE before the kill committed, as MariaDB commits DDL');
          const status = await cli(root, 'status', '.', '--target', url);
          assert.equal(status.code, framework.statusCode, status.stdout + status.stderr);
          assert.match(status.stdout, framework.afterKill);

          if (framework.name === 'golang-migrate') {
            const refused = await cli(root, 'up', '.', '--target', url);
            assert.notEqual(refused.code, 0, 'a dirty version stops the next run, as golang-migrate does');
          }
          // The repair by hand: what committed is dropped, then the version recorded as before it.
          await withMariadb(url, (c) => c.query(`DROP TABLE ${committed.join(', ')}`));
          if (framework.name === 'golang-migrate') assert.equal((await cli(root, 'force', '.', '--target', url, '--to', '5', '--yes')).code, 0);
          const again = await cli(root, 'up', '.', '--target', url);
          assert.equal(again.code, 0, again.stderr);
          assert.deepEqual(await killedTables(url), ['killed_1', 'killed_2', 'killed_3']);
        } finally {
          await database.cleanup();
        }
      });
    }
  }
});

describe('PostgreSQL: the server ends the runner\'s session mid-migration', { skip: servers.postgres.skip, timeout: 120_000 }, () => {
  test('the run says the connection was lost, the transaction leaves nothing, status reads the framework\'s state', async () => {
    const root = copyFixture('golang-migrate/postgres');
    writeFileSync(join(root, '000006_slow.up.sql'), 'CREATE TABLE cut_1 (id int);\nSELECT pg_sleep(5.5);\nCREATE TABLE cut_2 (id int);\n');
    writeFileSync(join(root, '000006_slow.down.sql'), 'DROP TABLE cut_2;\nDROP TABLE cut_1;\n');
    const database = await freshDatabase('postgres');
    const url = database.url!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      assert.equal((await cli(root, 'up', '.', '--target', url, '--count', '5')).code, 0);
      const running = cli(root, 'up', '.', '--target', url);
      const deadline = Date.now() + 30_000;
      let terminated = 0;
      while (terminated === 0 && Date.now() < deadline) {
        const { rows } = await admin.query("SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE '%pg_sleep(5.5)%' AND state = 'active'");
        terminated = rows[0].n;
        if (terminated === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(terminated, 1, 'the runner\'s session was found and ended');
      const run = await running;
      assert.notEqual(run.code, 0);
      const said = run.stdout + run.stderr;
      assert.match(said, /000006_slow\.up\.sql:2:1: 000006_slow \(up\) failed: terminating connection due to administrator command — the connection to the database was lost/);
      assert.match(said, /The database rolled it back with the lost session: nothing of it remains\. Its tracking table could not be updated after that/);
      const { rows } = await admin.query("SELECT tablename FROM pg_tables WHERE tablename LIKE 'cut\\_%'");
      assert.deepEqual(rows, [], 'the transaction left no table');
      // golang-migrate marked the version dirty before it began, as its own tool does; the status says so, as the run told.
      const status = await cli(root, 'status', '.', '--target', url);
      assert.match(status.stdout, /failed +000006_slow .*version 6 is marked dirty/);
    } finally {
      await admin.end();
      await database.cleanup();
    }
  });
});
