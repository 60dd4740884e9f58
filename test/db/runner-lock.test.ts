// Two runners on one database take turns, and the one that waits says who it waits for. The
// command line and the editor (the language server, over stdio) run a slow migration on the real
// PostgreSQL; a second run from the other side waits for the migration lock, names the holder
// (its application name, so "migration-lens editor (pid …)" or "migration-lens command line
// (pid …)"), then finds nothing left to do. The same on MariaDB, whose named lock tells the
// holder's connection.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { UpRequest, type RunReport } from '../../server/src/lsp/protocol.js';
import { LspTestClient } from '../protocol/lsp-client.js';
import { cli, CLI_JS, copyFixture, freshDatabase, servers, waitUntil } from './runner-support.js';

const postgresSleeping = (url: string) => async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%pg_sleep(2.5)%'");
    return rows[0].n > 0;
  } finally {
    await client.end();
  }
};

describe('the command line and the editor take turns on one PostgreSQL database, and the one waiting names the other', { skip: servers.postgres.skip, timeout: 120_000 }, () => {
  const slowSet = () => {
    const root = copyFixture('golang-migrate/postgres');
    writeFileSync(join(root, '000006_slow.up.sql'), 'CREATE TABLE slow (id int);\nSELECT pg_sleep(2.5);\n');
    writeFileSync(join(root, '000006_slow.down.sql'), 'DROP TABLE slow;\n');
    return root;
  };

  test('the editor runs; the command line waits for "migration-lens editor (pid …)"', async (t) => {
    const root = slowSet();
    const database = await freshDatabase('postgres');
    t.after(() => database.cleanup());
    const editor = await LspTestClient.start(t, root);
    const running = editor.connection.sendRequest(UpRequest, { root, target: database.url!, workDoneToken: 'up' });
    await waitUntil(postgresSleeping(database.url!));
    const waiting = await cli(root, 'up', '.', '--target', database.url!);
    assert.equal(waiting.code, 0, waiting.stderr);
    assert.match(waiting.stderr, new RegExp(`waiting for the migration lock, held by "migration-lens editor \\(pid ${editor.pid}\\)" \\(server process \\d+, connected at [0-9: -]+\\)`));
    const report = (await running) as RunReport;
    assert.equal(report.steps.length, 6, 'the editor applied every migration');
    assert.doesNotMatch(waiting.stdout, /↑/, 'nothing was left for the command line');
  });

  test('the command line runs; the editor reports it waits for "migration-lens command line (pid …)"', async (t) => {
    const root = slowSet();
    const database = await freshDatabase('postgres');
    t.after(() => database.cleanup());
    const editor = await LspTestClient.start(t, root);
    const progress = editor.progressOf('up');
    const run = spawn(process.execPath, [CLI_JS, 'up', '.', '--target', database.url!], { cwd: root, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => run.once('exit', resolve));
    await waitUntil(postgresSleeping(database.url!));
    const report = (await editor.connection.sendRequest(UpRequest, { root, target: database.url!, workDoneToken: 'up' })) as RunReport;
    assert.equal(await exited, 0);
    assert.ok(
      progress.some((message) => message.includes(`waiting for the migration lock, held by "migration-lens command line (pid ${run.pid})"`)),
      progress.join('\n'),
    );
    assert.deepEqual(report.steps, [], 'nothing was left for the editor');
  });
});

describe('two runners on one MariaDB database take turns, and the one waiting names the other\'s connection', { skip: servers.mysql.skip, timeout: 120_000 }, () => {
  test('the second command line waits for the first one\'s connection', async (t) => {
    const root = copyFixture('golang-migrate/mysql');
    writeFileSync(join(root, '000006_slow.up.sql'), 'CREATE TABLE slow (id int);\nSELECT SLEEP(2.5);\n');
    writeFileSync(join(root, '000006_slow.down.sql'), 'DROP TABLE slow;\n');
    const database = await freshDatabase('mysql');
    t.after(() => database.cleanup());
    const run = spawn(process.execPath, [CLI_JS, 'up', '.', '--target', database.url!], { cwd: root, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => run.once('exit', resolve));
    await waitUntil(async () => {
      const connection = await mysql.createConnection(database.url!);
      try {
        const [rows] = await connection.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE '%SLEEP(2.5)%' AND ID <> CONNECTION_ID()");
        return Number((rows as { n: number }[])[0].n) > 0;
      } finally {
        await connection.end();
      }
    });
    const waiting = await cli(root, 'up', '.', '--target', database.url!);
    assert.equal(await exited, 0);
    assert.equal(waiting.code, 0, waiting.stderr);
    assert.match(waiting.stderr, /waiting for the migration lock, held by connection \d+ of root@[\w.:]+ \(open for \d+ s\)/);
    assert.doesNotMatch(waiting.stdout, /↑/);
  });
});
