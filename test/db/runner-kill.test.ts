// A killed run loses nothing. The command line runs a three-statement migration and is killed
// (SIGKILL) while each statement runs, found by watching the server's own activity, for
// golang-migrate, goose and Flyway, on the real PostgreSQL and MariaDB.
// - PostgreSQL: each framework runs the file in one transaction, so none of its tables remain;
//   golang-migrate keeps the version marked dirty, as its own tool does; the next `up` (after
//   `force` for golang-migrate) completes it.
// - MariaDB commits each DDL statement as it runs, so no framework can undo a half-run file: the
//   statements before the kill stay; golang-migrate's version stays dirty and every later run is
//   refused until `force`; goose and Flyway record nothing, so the migration reads as pending, as
//   their own tools would show it. After the partial tables are dropped by hand the next run
//   completes it.
// In both, the tracking table never records a migration that did not complete, and `status` says
// what the framework's own table holds.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { cli, copyFixture, freshDatabase, killUpWhile, servers, waitUntil } from './runner-support.js';

/** What differs between the servers: how to sleep recognisably, what runs on the server, which tables exist. */
interface Server {
  name: string;
  kind: 'postgres' | 'mysql';
  sleep: (n: number) => string;
  /** Whether a statement holding `sleep(n)` runs in a session other than the asking one. */
  running: (url: string, n: number) => Promise<boolean>;
  killedTables: (url: string) => Promise<string[]>;
  /** What a kill during statement `n` leaves: nothing where the file ran in a transaction. */
  left: (n: number) => string[];
  dropTables: (url: string, tables: string[]) => Promise<void>;
  fixtures: { golang: string; goose: string; flyway: string; flywayFolder: string };
}

async function withPostgres<T>(url: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

async function withMariadb<T>(url: string, action: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection(url);
  try {
    return await action(connection);
  } finally {
    await connection.end();
  }
}

const SERVERS: Server[] = [
  {
    name: 'PostgreSQL',
    kind: 'postgres',
    sleep: (n) => `SELECT pg_sleep(1.00${n});`,
    running: (url, n) =>
      withPostgres(url, async (c) => (await c.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' AND query LIKE $1", [`%pg_sleep(1.00${n})%`])).rows[0].n > 0),
    killedTables: (url) => withPostgres(url, async (c) => (await c.query("SELECT tablename FROM pg_tables WHERE tablename LIKE 'killed\\_%' ORDER BY 1")).rows.map((row) => row.tablename as string)),
    left: () => [],
    dropTables: async () => undefined,
    fixtures: { golang: 'golang-migrate/postgres', goose: 'goose/postgres', flyway: 'flyway/store', flywayFolder: 'src/main/resources/db/migration' },
  },
  {
    name: 'MariaDB',
    kind: 'mysql',
    sleep: (n) => `SELECT SLEEP(1.00${n});`,
    running: (url, n) =>
      withMariadb(url, async (c) => {
        const [rows] = await c.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()', [`%SLEEP(1.00${n})%`]);
        return Number((rows as { n: number }[])[0].n) > 0;
      }),
    killedTables: (url) =>
      withMariadb(url, async (c) => {
        const [rows] = await c.query("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'killed\\_%' ORDER BY 1");
        return (rows as { name: string }[]).map((row) => row.name);
      }),
    left: (n) => Array.from({ length: n }, (_, i) => `killed_${i + 1}`),
    dropTables: (url, tables) => withMariadb(url, async (c) => void (await c.query(`DROP TABLE ${tables.join(', ')}`))),
    fixtures: { golang: 'golang-migrate/mysql', goose: 'goose/mysql', flyway: 'flyway/catalog', flywayFolder: 'sql' },
  },
];

const DOWN = 'DROP TABLE killed_3;\nDROP TABLE killed_2;\nDROP TABLE killed_1;\n';

function frameworks(server: Server) {
  /** Each statement waits a distinct, recognisable time, so the watcher knows which one runs. */
  const up = [1, 2, 3].map((n) => `CREATE TABLE killed_${n} (id int);\n${server.sleep(n)}`).join('\n');
  return [
    {
      name: 'golang-migrate',
      fixture: server.fixtures.golang,
      write: (root: string) => {
        writeFileSync(join(root, '000006_slow.up.sql'), `${up}\n`);
        writeFileSync(join(root, '000006_slow.down.sql'), DOWN);
      },
      afterKill: /failed +000006_slow.*dirty/,
      statusCode: 1,
    },
    {
      name: 'goose',
      fixture: server.fixtures.goose,
      write: (root: string) => writeFileSync(join(root, '00006_slow.sql'), `-- +goose Up\n${up}\n-- +goose Down\n${DOWN}`),
      afterKill: /pending +00006_slow/,
      statusCode: 0,
    },
    {
      name: 'Flyway',
      fixture: server.fixtures.flyway,
      write: (root: string) => writeFileSync(join(root, server.fixtures.flywayFolder, 'V9__slow.sql'), `${up}\n`),
      afterKill: /pending +V9__slow\.sql/,
      statusCode: 0,
    },
  ];
}


for (const server of SERVERS) {
  describe(`${server.name}: a run killed at each statement keeps only what the server committed, and status says what the framework records`, { skip: servers[server.kind].skip, timeout: 300_000 }, () => {
    for (const framework of frameworks(server)) {
      for (const killAt of [1, 2, 3]) {
        test(`${framework.name}: killed during statement ${killAt} of 3`, async () => {
          const root = copyFixture(framework.fixture);
          framework.write(root);
          const database = await freshDatabase(server.kind);
          const url = database.url!;
          try {
            await killUpWhile(root, url, () => waitUntil(() => server.running(url, killAt)));

            const left = server.left(killAt);
            assert.deepEqual(await server.killedTables(url), left, 'what the server committed before the kill, and nothing else');
            const status = await cli(root, 'status', '.', '--target', url);
            assert.equal(status.code, framework.statusCode, status.stdout + status.stderr);
            assert.match(status.stdout, framework.afterKill);

            if (framework.name === 'golang-migrate') {
              const refused = await cli(root, 'up', '.', '--target', url);
              assert.notEqual(refused.code, 0, 'a dirty version stops the next run, as golang-migrate does');
            }
            // The repair by hand: what committed is dropped, then the version recorded as before it.
            if (left.length > 0) await server.dropTables(url, left);
            if (framework.name === 'golang-migrate') {
              const forced = await cli(root, 'force', '.', '--target', url, '--to', '5', '--yes');
              assert.equal(forced.code, 0, forced.stderr);
            }
            const again = await cli(root, 'up', '.', '--target', url);
            assert.equal(again.code, 0, again.stderr);
            assert.deepEqual(await server.killedTables(url), ['killed_1', 'killed_2', 'killed_3']);
          } finally {
            await database.cleanup();
          }
        });
      }
    }
  });
}
