// The database commands end to end, in-process: progress lines, JSON, exit codes, the failing
// line in the message, and no password in any output.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../server/src/cli/main.js';
import { copyFixture, freshDatabase, servers } from './runner-support.js';

async function cli(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

test('up, a failure rolled back, status and up again through the CLI on PostgreSQL', { skip: servers.postgres.skip }, async () => {
  const root = copyFixture('golang-migrate/postgres');
  const database = await freshDatabase('postgres');
  // The password travels in the URL here; it must never be printed back.
  const url = database.url!.replace('postgres@', 'postgres:hunter2@');
  try {
    const up = await cli(root, 'up', '.', '--target', url, '--count', '2');
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, /^↑ 000001_create_users {2}\d+ ms\n↑ 000002_create_accounts {2}\d+ ms\n$/);

    writeFileSync(join(root, '000006_broken.up.sql'), 'SELECT 1;\nSELECT nope FROM users;\n');
    writeFileSync(join(root, '000006_broken.down.sql'), 'SELECT 1;\n');
    const failed = await cli(root, 'up', '.', '--target', url);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^000006_broken\.up\.sql:2:8: 000006_broken \(up\) failed: column "nope" does not exist \[42703\]\n {2}It was rolled back: nothing of it remains, and it is still pending\.\n$/);

    // Rolled back, so not dirty: the status says pending, and the next run tries it again.
    const status = await cli(root, 'status', '.', '--target', url, '--format', 'json');
    assert.equal(status.code, 0, status.stderr);
    const report = JSON.parse(status.stdout);
    assert.deepEqual(report.migrations.map((m: { state: string }) => m.state), ['applied', 'applied', 'applied', 'applied', 'applied', 'pending']);
    const again = await cli(root, 'up', '.', '--target', url);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /000006_broken \(up\) failed: column "nope" does not exist/);

    const down = await cli(root, 'down', '.', '--target', url, '--to', 'none', '--format', 'json');
    assert.equal(down.code, 0, down.stderr);
    assert.equal(JSON.parse(down.stdout).steps.length, 5);

    for (const output of [up, failed, status, again, down]) assert.doesNotMatch(output.stdout + output.stderr, /hunter2/);
  } finally {
    await database.cleanup();
  }
});

test('a failure that was not rolled back names what took effect; status, the next run and force say the same', { skip: servers.mysql.skip }, async () => {
  const root = copyFixture('golang-migrate/mysql');
  const database = await freshDatabase('mysql');
  const url = database.url!;
  try {
    // MySQL commits each DDL statement: the first one stays when the second fails.
    writeFileSync(join(root, '000006_broken.up.sql'), 'CREATE TABLE broken_first (id int);\n\nSELECT nope FROM users;\n');
    writeFileSync(join(root, '000006_broken.down.sql'), 'DROP TABLE broken_first;\n');
    const failed = await cli(root, 'up', '.', '--target', url);
    assert.equal(failed.code, 1);
    const [location, outcome, force] = failed.stderr.trimEnd().split('\n');
    assert.match(location, /^000006_broken\.up\.sql:3:\d+: 000006_broken \(up\) failed: Unknown column 'nope'/);
    assert.equal(outcome, '  It was NOT rolled back: the statement before the failing one took effect (line 1: CREATE TABLE broken_first (id int)), so it is recorded as failed part-way.');
    assert.equal(force, '  Once its changes are undone: `migration-lens force . --to 000005 --yes`; once it is finished by hand: `migration-lens force . --to 000006 --yes`.');

    const status = await cli(root, 'status', '.', '--target', url);
    assert.equal(status.code, 1, 'a migration failed part-way');
    assert.match(status.stdout, /\n {2}failed {3}000006_broken {2}\(schema_migrations: version 6 is marked dirty\)\n/);

    const refused = await cli(root, 'up', '.', '--target', url);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^migration-lens up: 000006_broken failed part-way earlier \(schema_migrations: version 6 is marked dirty\): nothing ran\. What its statements before the failing one did is still in the database: .* `migration-lens force \. --to 000005 --yes`/);
    const refusedJson = await cli(root, 'up', '.', '--target', url, '--format', 'json');
    assert.equal(refusedJson.code, 1);
    assert.equal(refusedJson.stderr, '');
    assert.match(JSON.parse(refusedJson.stdout).error.message, /^000006_broken failed part-way earlier/);

    assert.equal((await cli(root, 'force', '.', '--target', url, '--to', '5')).code, 2, 'force needs --yes');
    const undo = await database.open();
    await undo.execute('DROP TABLE broken_first').finally(() => undo.close());
    const forced = await cli(root, 'force', '.', '--target', url, '--to', '000005', '--yes');
    assert.equal(forced.code, 0, forced.stderr);
    const after = await cli(root, 'status', '.', '--target', url, '--format', 'json');
    assert.equal(JSON.parse(after.stdout).migrations.at(-1).state, 'pending');
  } finally {
    await database.cleanup();
  }
});

test('trace through the CLI marks locks on relations the migration creates as blocking nobody', { skip: servers.postgres.skip }, async () => {
  const root = copyFixture('golang-migrate/postgres');
  const database = await freshDatabase('postgres');
  try {
    assert.equal((await cli(root, 'up', '.', '--target', database.url!, '--count', '2')).code, 0);
    const traced = await cli(root, 'trace', '.', '--target', database.url!);
    assert.equal(traced.code, 0, traced.stderr);
    const [heading, createTable] = traced.stdout.split('\n');
    assert.match(heading, /^000003_create_orders on .* \(rolled back\):$/);
    // The new table's lock blocks nobody; the foreign key's lock on the existing `accounts` does.
    assert.match(createTable, /000003_create_orders\.up\.sql:1:1 {2}locks .*orders AccessExclusiveLock \(new, blocks nobody\)/);
    assert.match(createTable, /accounts ShareRowExclusiveLock(?! \(new)/);
  } finally {
    await database.cleanup();
  }
});

test('a remote host needs --allow-remote, and the message does not show the password', async () => {
  const root = copyFixture('golang-migrate/postgres');
  const result = await cli(root, 'status', '.', '--target', 'postgres://app:s3cret@db.example.com/prod');
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--allow-remote/);
  assert.doesNotMatch(result.stderr, /s3cret/);
});

test('status on the embedded target before the first run shows every migration pending and creates no database', async () => {
  const root = copyFixture('golang-migrate/postgres');
  const status = await cli(root, 'status', '.', '--format', 'json');
  assert.equal(status.code, 0, status.stderr);
  const report = JSON.parse(status.stdout);
  assert.match(report.target, /^embedded PostgreSQL \(.*\.migration-lens\/databases\/[a-z0-9_]+, created by the first run\)$/);
  assert.ok(report.migrations.length > 0 && report.migrations.every((m: { state: string }) => m.state === 'pending'));
  assert.equal(existsSync(join(root, '.migration-lens')), false, 'reading the state created something in the workspace');
});
