// Pre-flight through the CLI against the throwaway PostgreSQL: `up` on a server refuses (exit 1,
// nothing run) while another session holds a lock on a table a pending migration alters, or when
// the migrations are for another server; warnings are printed and the run goes on.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { runCli } from '../unit/cli/helpers.js';
import { copyFixture, freshDatabase, servers } from './runner-support.js';

const skip = servers.postgres.skip;

test('a session holding a lock on a table a pending migration alters makes up refuse and names it', { skip }, async () => {
  const root = copyFixture('golang-migrate/postgres');
  const database = await freshDatabase('postgres');
  const holder = new pg.Client({ connectionString: database.url, application_name: 'nightly-report' });
  try {
    assert.equal((await runCli(['up', '.', '--target', database.url!, '--count', '3'], root)).code, 0);
    await holder.connect();
    const { rows: [{ pid }] } = await holder.query('SELECT pg_backend_pid() AS pid');
    // 000004 alters users: an open transaction that read it holds its AccessShareLock until it ends.
    await holder.query('BEGIN');
    await holder.query('SELECT count(*) FROM users');

    const refused = await runCli(['up', '.', '--target', database.url!], root);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`^migration-lens up: A session holds locks on tables the pending migrations change \\(users, orders\\) on \\S+, .*: pid ${pid} user \\S+ \\(nightly-report\\), idle in transaction, transaction since [^,]+ holding users \\(AccessShareLock\\), last query: SELECT count\\(\\*\\) FROM users\\. Let it finish, or end it, then run again\\.\\n$`));
    assert.equal(refused.stdout, '', 'nothing ran');

    await holder.query('COMMIT');
    const status = JSON.parse((await runCli(['status', '.', '--target', database.url!, '--format', 'json'], root)).stdout);
    assert.deepEqual(status.migrations.map((m: { state: string }) => m.state), ['applied', 'applied', 'applied', 'pending', 'pending']);
    const applied = await runCli(['up', '.', '--target', database.url!], root);
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(applied.stderr, '');
  } finally {
    await holder.end();
    await database.cleanup();
  }
});

test('MySQL migrations against the PostgreSQL URL are refused before any statement runs', { skip }, async () => {
  const root = copyFixture('golang-migrate/mysql');
  const database = await freshDatabase('postgres');
  const observer = new pg.Client({ connectionString: database.url });
  try {
    const refused = await runCli(['up', '.', '--target', database.url!], root);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^migration-lens up: The migrations in \S+ are written for MySQL \(.+\), but \S+ runs PostgreSQL [^:]+: point the target at a MySQL server, or correct the set's dialect in \.migration-lens\.json if the detection is wrong\.\n$/);
    await observer.connect();
    const { rows } = await observer.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    assert.deepEqual(rows, [], 'not even the tracking table was created');
  } finally {
    await observer.end();
    await database.cleanup();
  }
});

test('a warning (pgVersion differs from the server) is printed and the run goes on', { skip }, async () => {
  const root = copyFixture('golang-migrate/postgres');
  writeFileSync(join(root, '.migration-lens.json'), '{ "pgVersion": "9.6" }\n');
  const database = await freshDatabase('postgres');
  try {
    const up = await runCli(['up', '.', '--target', database.url!, '--count', '1'], root);
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stderr, /^migration-lens up: warning: The checks assume PostgreSQL 9\.6 \(pgVersion\), but \S+ runs PostgreSQL \d+[^:]*: set pgVersion to "\d+" so the advice matches the server\.\n$/);
    assert.match(up.stdout, /^↑ 000001_create_users/);
  } finally {
    await database.cleanup();
  }
});
