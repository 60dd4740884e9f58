// A run interrupted from outside: the PostgreSQL server ends the runner's session in the middle
// of a migration (what a restart, a failover or an administrator does to it). The run ends with an
// error that names the migration, the statement and the lost connection, the transaction leaves
// nothing, and `status` reads the state the framework keeps (golang-migrate's dirty mark, which it
// set before it began). Killed runs are in runner-kill.test.ts.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { cli, copyFixture, freshDatabase, servers } from './runner-support.js';

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
