// Each set's own database over the protocol, against the built server and embedded PGlite: what
// the Migrations view shows before anything connects, the question before running migrations
// with errors, one story when a run fails (rolled back, or not, with the ways out), a console on
// the set's database and its reset.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc/node';
import {
  ExecuteRequest,
  ResetDatabaseRequest,
  SetDatabasesRequest,
  StatusRequest,
  UpRequest,
  type FailedStateData,
} from '../../server/src/lsp/protocol.js';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { LspTestClient } from './lsp-client.js';

const FILES: Record<string, string> = {
  // a: its fourth migration references a table no migration creates (in the first three it would read as a partial history).
  'a/migrations/000001_create_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n',
  'a/migrations/000001_create_users.down.sql': 'DROP TABLE users;\n',
  'a/migrations/000002_add_name.up.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
  'a/migrations/000002_add_name.down.sql': 'ALTER TABLE users DROP COLUMN name;\n',
  'a/migrations/000003_add_status.up.sql': "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'new';\n",
  'a/migrations/000003_add_status.down.sql': 'ALTER TABLE users DROP COLUMN status;\n',
  'a/migrations/000004_create_invoices.up.sql': 'CREATE TABLE invoices (id bigint PRIMARY KEY, shipment_id bigint REFERENCES shipments (id));\n',
  'a/migrations/000004_create_invoices.down.sql': 'DROP TABLE invoices;\n',
  // b: the same versions, another service.
  'b/migrations/000001_create_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
  'b/migrations/000001_create_users.down.sql': 'DROP TABLE users;\n',
  // c: goose without a transaction, so its second statement's failure leaves the first behind.
  'c/migrations/00001_create_notes.sql': '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE notes (id bigint PRIMARY KEY);\nINSERT INTO notes VALUES (1);\nSELECT missing_column FROM notes;\n-- +goose Down\nDROP TABLE notes;\n',
  'mysql/migrations/000001_create_items.up.sql': 'CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n',
  'mysql/migrations/000001_create_items.down.sql': 'DROP TABLE items;\n',
};

async function start(t: Parameters<typeof LspTestClient.start>[0]) {
  const folder = tempWorkspace(t, FILES);
  const client = await LspTestClient.start(t, folder);
  const { sets } = await client.listSets();
  const root = (name: string) => sets.find((set) => set.root.endsWith(`/${name}/migrations`))!.root;
  return { client, connection: client.connection, folder, root, storageDir: join(folder, '.storage') };
}

test('each set is described with a database of its own; a MySQL set on the default target needs one chosen; a shared URL table is warned about', async (t) => {
  const { connection, root, storageDir } = await start(t);
  const embedded = await connection.sendRequest(SetDatabasesRequest, { sets: ['a', 'b', 'mysql'].map((name) => ({ root: root(name), target: 'embedded' })), storageDir });
  assert.deepEqual(embedded.sets.map((set) => [set.label, set.needsTarget ?? false, set.warning]), [
    ['embedded a_migrations', false, undefined],
    ['embedded b_migrations', false, undefined],
    ['no MySQL database yet', true, undefined],
  ]);
  assert.match(embedded.sets[0].target.description, /^the embedded PostgreSQL database a_migrations \(.*\/\.storage\/databases\/a_migrations\)$/);
  const docker = await connection.sendRequest(SetDatabasesRequest, { sets: [{ root: root('mysql'), target: 'docker' }] });
  assert.equal(docker.sets[0].label, 'docker mysql_migrations');
  const url = 'postgres://app@127.0.0.1:5432/app';
  const shared = await connection.sendRequest(SetDatabasesRequest, { sets: [{ root: root('a'), target: url }, { root: root('b'), target: url }] });
  assert.equal(shared.sets[0].warning, `a/migrations shares schema_migrations in ${url} with b/migrations: each would read the other's runs as its own. Give each set a database of its own.`);
  assert.match(shared.sets[1].warning ?? '', /^b\/migrations shares schema_migrations/);
});

test('Migrate Up asks before a migration with errors, runs what the user confirms, and the failure is told the same everywhere', { timeout: 120_000 }, async (t) => {
  const { connection, root, storageDir } = await start(t);
  const a = { root: root('a'), target: 'embedded', storageDir };

  const asked = await connection.sendRequest(UpRequest, a);
  assert.deepEqual(asked.steps, [], 'nothing runs before the user answers');
  assert.deepEqual(asked.errorsToConfirm?.map((m) => [m.id, m.findings.map((f) => f.rule)]), [['000004_create_invoices', ['missing-table-reference']]]);
  assert.match(asked.errorsToConfirm![0].findings[0].message, /`shipments`/);

  const run = await connection.sendRequest(UpRequest, { ...a, runDespiteErrors: true });
  assert.deepEqual(run.steps.map((step) => step.id), ['000001_create_users', '000002_add_name', '000003_add_status']);
  assert.equal(run.failure?.id, '000004_create_invoices');
  assert.equal(run.failure?.rolledBack, true);
  assert.deepEqual(run.failure?.tookEffect, []);
  assert.equal(run.failure?.outcome, 'It was rolled back: nothing of it remains, and it is still pending.');

  // The view reads the same: not dirty, pending; and b, another service, has nothing of a's run.
  const status = await connection.sendRequest(StatusRequest, a);
  assert.deepEqual(status.migrations.map((m) => m.state), ['applied', 'applied', 'applied', 'pending']);
  const other = await connection.sendRequest(StatusRequest, { root: root('b'), target: 'embedded', storageDir });
  assert.deepEqual(other.migrations.map((m) => m.state), ['pending']);
  assert.equal(existsSync(join(storageDir, 'databases', 'b_migrations')), false);
});

test('a failure that was not rolled back names what took effect; the next run is refused with the migration named for the ways out', { timeout: 120_000 }, async (t) => {
  const { connection, root, storageDir } = await start(t);
  const c = { root: root('c'), target: 'embedded', storageDir };
  const run = await connection.sendRequest(UpRequest, c);
  assert.equal(run.failure?.rolledBack, false);
  assert.deepEqual(run.failure?.tookEffect, [
    { line: 3, text: 'CREATE TABLE notes (id bigint PRIMARY KEY)' },
    { line: 4, text: 'INSERT INTO notes VALUES (1)' },
  ]);
  assert.equal(run.failure?.outcome, 'It was NOT rolled back: the 2 statements before the failing one took effect (line 3: CREATE TABLE notes (id bigint PRIMARY KEY); line 4: INSERT INTO notes VALUES (1)), so it is recorded as failed part-way.');
  const status = await connection.sendRequest(StatusRequest, c);
  assert.deepEqual(status.migrations.map((m) => [m.state, m.detail]), [['failed', 'migration_lens_history: statements before the failing one took effect']]);

  const refused = await connection.sendRequest(UpRequest, c).then(
    () => assert.fail('a run over a migration that failed part-way must be refused'),
    (error: ResponseError<FailedStateData>) => error,
  );
  assert.equal(refused.code, -32803);
  assert.deepEqual(refused.data?.failedMigration, { root: root('c'), id: '00001_create_notes', version: '00001', sentence: '00001_create_notes failed part-way earlier (migration_lens_history: statements before the failing one took effect)' });
  assert.match(refused.message, /^00001_create_notes failed part-way earlier \(.*\): nothing ran\. What its statements before the failing one did is still in the database/);

  // The way out: a console on the set's database shows (and can undo) what took effect, or a reset.
  const looked = await connection.sendRequest(ExecuteRequest, { ...c, sql: 'SELECT id FROM notes;\nSELECT nope;\nSELECT 2;' });
  assert.deepEqual(looked.statements.map((s) => [s.text, s.columns, s.rows, s.error ?? '']), [
    ['SELECT id FROM notes', ['id'], [['1']], ''],
    ['SELECT nope', [], [], 'column "nope" does not exist'],
  ]);
  const atCursor = await connection.sendRequest(ExecuteRequest, { ...c, sql: 'SELECT 1 AS one;\nSELECT 2 AS two;', offset: 20 });
  assert.deepEqual(atCursor.statements.map((s) => [s.text, s.rows]), [['SELECT 2 AS two', [['2']]]]);

  const asked = await connection.sendRequest(ResetDatabaseRequest, { ...c, confirm: false });
  assert.equal(asked.reset, false);
  assert.match(asked.message, /^Resetting deletes .*c_migrations: every table and record of c_migrations is gone/);
  assert.equal(existsSync(join(storageDir, 'databases', 'c_migrations')), true, 'nothing is deleted without confirm');
  const reset = await connection.sendRequest(ResetDatabaseRequest, { ...c, confirm: true });
  assert.equal(reset.reset, true);
  assert.equal(existsSync(join(storageDir, 'databases', 'c_migrations')), false);
  assert.deepEqual((await connection.sendRequest(StatusRequest, c)).migrations.map((m) => m.state), ['pending']);
});

test('the console and the reset refuse a database given by URL: it is the user\'s own', async (t) => {
  const { connection, root } = await start(t);
  const url = { root: root('a'), target: 'postgres://app@127.0.0.1:9/app' };
  await assert.rejects(connection.sendRequest(ResetDatabaseRequest, { ...url, confirm: true }), /database given by URL; reset it with your own tools/);
});
