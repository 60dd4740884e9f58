// A killed run loses nothing. The command line runs a three-statement migration on the real
// PostgreSQL and is killed (SIGKILL) while each statement runs, found by watching the server's own
// activity, for golang-migrate, goose and Flyway. Each framework runs the file in one
// transaction there, so afterwards none of its tables exist, the tracking table records nothing
// that did not complete (golang-migrate keeps the version marked dirty, as it does itself), and
// `status` says exactly that. The next `up` (after `force` for golang-migrate) completes it.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { cli, copyFixture, freshDatabase, killUpWhile, servers } from './runner-support.js';

/** Each statement waits a distinct, recognisable time, so the watcher knows which one runs. */
const statements = (prefix: string) => [1, 2, 3].map((n) => `CREATE TABLE ${prefix}_${n} (id int);\nSELECT pg_sleep(1.00${n});`).join('\n');

const FRAMEWORKS = [
  {
    name: 'golang-migrate',
    fixture: 'golang-migrate/postgres',
    write: (root: string) => {
      writeFileSync(join(root, '000006_slow.up.sql'), `${statements('killed')}\n`);
      writeFileSync(join(root, '000006_slow.down.sql'), 'DROP TABLE killed_3;\nDROP TABLE killed_2;\nDROP TABLE killed_1;\n');
    },
    afterKill: /failed\b.*000006_slow.*dirty|000006_slow.*dirty/,
    statusCode: 1,
  },
  {
    name: 'goose',
    fixture: 'goose/postgres',
    write: (root: string) => writeFileSync(join(root, '00006_slow.sql'), `-- +goose Up\n${statements('killed')}\n-- +goose Down\nDROP TABLE killed_3;\nDROP TABLE killed_2;\nDROP TABLE killed_1;\n`),
    afterKill: /pending +00006_slow/,
    statusCode: 0,
  },
  {
    name: 'Flyway',
    fixture: 'flyway/store',
    write: (root: string) => writeFileSync(join(root, 'src/main/resources/db/migration/V9__slow.sql'), `${statements('killed')}\n`),
    afterKill: /pending +V9__slow\.sql/,
    statusCode: 0,
  },
];

/** Waits until the server runs the `n`th statement's pg_sleep of a session other than ours. */
async function waitForStatement(url: string, n: number): Promise<void> {
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  try {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { rows } = await watcher.query("SELECT count(*)::int AS running FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' AND query LIKE $1", [`%pg_sleep(1.00${n})%`]);
      if (rows[0].running > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`statement ${n} never ran`);
  } finally {
    await watcher.end();
  }
}

async function tablesLike(url: string, pattern: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT tablename FROM pg_tables WHERE tablename LIKE $1 ORDER BY 1', [pattern]);
    return rows.map((row) => row.tablename as string);
  } finally {
    await client.end();
  }
}

describe('a run killed at each statement leaves the database before the migration, and says so', { skip: servers.postgres.skip, timeout: 300_000 }, () => {
  for (const framework of FRAMEWORKS) {
    for (const killAt of [1, 2, 3]) {
      test(`${framework.name}: killed during statement ${killAt} of 3`, async () => {
        const root = copyFixture(framework.fixture);
        framework.write(root);
        const database = await freshDatabase('postgres');
        const url = database.url!;
        try {
          await killUpWhile(root, url, () => waitForStatement(url, killAt));

          assert.deepEqual(await tablesLike(url, 'killed_%'), [], 'the transaction left no table');
          const status = await cli(root, 'status', '.', '--target', url);
          assert.equal(status.code, framework.statusCode, status.stdout + status.stderr);
          assert.match(status.stdout, framework.afterKill);

          if (framework.name === 'golang-migrate') {
            const refused = await cli(root, 'up', '.', '--target', url);
            assert.notEqual(refused.code, 0, 'a dirty version stops the next run, as golang-migrate does');
            const forced = await cli(root, 'force', '.', '--target', url, '--to', '5', '--yes');
            assert.equal(forced.code, 0, forced.stderr);
          }
          const again = await cli(root, 'up', '.', '--target', url);
          assert.equal(again.code, 0, again.stderr);
          assert.deepEqual(await tablesLike(url, 'killed_%'), ['killed_1', 'killed_2', 'killed_3']);
        } finally {
          await database.cleanup();
        }
      });
    }
  }
});
