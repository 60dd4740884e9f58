// The runner requests over stdio against the built server (dist/server.js): `status` and `up`
// on an embedded PGlite target in a temp workspace, with window/workDoneProgress notifications,
// a cancelled run that leaves a correct record, and a target error as a RequestFailed message.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, type TestContext } from 'node:test';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ExitNotification, InitializedNotification, InitializeRequest, ShutdownRequest, WorkDoneProgress, WorkDoneProgressCreateRequest } from 'vscode-languageserver-protocol';
import { DescribeTargetRequest, StatusRequest, UpRequest } from '../../server/src/lsp/protocol.js';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/node-flags.js';

const serverJs = join(resolve(import.meta.dirname, '../..'), 'dist/server.js');

const MIGRATIONS: Record<string, string> = {
  '001_create_users.up.sql': 'CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);\n',
  '001_create_users.down.sql': 'DROP TABLE users;\n',
  '002_add_name.up.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
  '002_add_name.down.sql': 'ALTER TABLE users DROP COLUMN name;\n',
  '003_create_orders.up.sql': 'CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id));\n',
  '003_create_orders.down.sql': 'DROP TABLE orders;\n',
};

async function startServer(t: TestContext): Promise<{ connection: MessageConnection; workspace: string; root: string; storageDir: string; progress: unknown[] }> {
  if (!existsSync(serverJs)) throw new Error(`${serverJs} is missing: run \`npm run build\` first (npm test does).`);
  const workspace = mkdtempSync(join(tmpdir(), 'ml-runner-lsp-'));
  const root = join(workspace, 'db', 'postgres');
  mkdirSync(root, { recursive: true });
  for (const [name, text] of Object.entries(MIGRATIONS)) writeFileSync(join(root, name), text);
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const progress: unknown[] = [];
  connection.onProgress(WorkDoneProgress.type, 'up-1', (value) => progress.push(value));
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  connection.listen();
  t.after(async () => {
    await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    connection.dispose();
    if (child.exitCode === null) child.kill();
    rmSync(workspace, { recursive: true, force: true });
  });
  const uri = pathToFileURL(workspace).href;
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'workspace' }], capabilities: { window: { workDoneProgress: true } } });
  await connection.sendNotification(InitializedNotification.type, {});
  return { connection, workspace, root: root.replace(/\\/g, '/'), storageDir: join(workspace, 'storage'), progress };
}

test('status and up on an embedded target, with progress', async (t) => {
  const { connection, root, storageDir, progress } = await startServer(t);
  const target = { root, target: 'embedded', storageDir };

  const before = await connection.sendRequest(StatusRequest, target);
  assert.equal(before.table, 'schema_migrations');
  assert.deepEqual(before.migrations.map((m) => [m.version, m.state]), [['001', 'pending'], ['002', 'pending'], ['003', 'pending']]);
  assert.equal(before.migrations[0].uri, pathToFileURL(`${root}/001_create_users.up.sql`).href);
  assert.equal(existsSync(storageDir), false, 'reading the state created the embedded database');
  assert.match(before.target, /created by the first run/);

  const started = performance.now();
  const run = await connection.sendRequest(UpRequest, { ...target, count: 2, workDoneToken: 'up-1' });
  console.log(`  up of 2 migrations over the protocol in ${(performance.now() - started).toFixed(0)} ms`);
  assert.deepEqual(run.steps.map((s) => [s.id, s.direction]), [['001_create_users', 'up'], ['002_add_name', 'up']]);
  assert.equal(run.failure, undefined);
  assert.equal(run.cancelled, false);
  assert.deepEqual(run.preflight, [], 'no pre-flight on the embedded database');

  const kinds = progress.map((value) => (value as { kind: string }).kind);
  assert.equal(kinds[0], 'begin');
  assert.equal(kinds[kinds.length - 1], 'end');
  const messages = progress.map((value) => (value as { message?: string }).message).filter(Boolean);
  assert.ok(messages.includes('applying 001_create_users') && messages.includes('applying 002_add_name'), messages.join(' | '));

  const after = await connection.sendRequest(StatusRequest, target);
  assert.deepEqual(after.migrations.map((m) => m.state), ['applied', 'applied', 'pending']);
});

test('a cancelled up stops between migrations and leaves a correct record', async (t) => {
  const { connection, root, storageDir } = await startServer(t);
  const target = { root, target: 'embedded', storageDir };
  const source = new CancellationTokenSource();
  const pending = connection.sendRequest(UpRequest, target, source.token);
  // The cancel reaches the server while it still opens the database, before the first migration.
  source.cancel();
  const outcome = await pending.then((report) => report, (error: Error) => error);
  if (!(outcome instanceof Error)) {
    assert.equal(outcome.cancelled, true);
    assert.ok(outcome.steps.length < 3);
  }
  const status = await connection.sendRequest(StatusRequest, target);
  const states = status.migrations.map((m) => m.state);
  const applied = states.filter((state) => state === 'applied').length;
  assert.deepEqual(states, [...Array(applied).fill('applied'), ...Array(3 - applied).fill('pending')], 'a prefix applied, the rest pending, nothing failed');
  assert.ok(applied < 3, 'the run stopped before the end');
});

test('a shell-syntax URL is refused with the message that says how to fix it', async (t) => {
  const { connection, root } = await startServer(t);
  await assert.rejects(connection.sendRequest(StatusRequest, { root, target: '${DATABASE_URL:-postgresql://app:secret@localhost:5432/app}' }), (error: Error & { code?: number }) => {
    assert.equal(error.code, -32803);
    assert.match(error.message, /^The target URL contains shell syntax \$\{DATABASE_URL:-…\}: .* write the URL itself: postgresql:\/\/app:\*\*\*@localhost:5432\/app/);
    return true;
  });
});

test('describeTarget tells the client what a target is before anything connects', async (t) => {
  const { connection } = await startServer(t);
  const describe = (target: string) => connection.sendRequest(DescribeTargetRequest, { target });
  assert.deepEqual(await describe('embedded'), { kind: 'embedded', description: 'the embedded PostgreSQL database', local: true, passwordInUrl: false });
  assert.equal((await describe('docker')).local, true);
  assert.deepEqual(await describe('postgres://app@127.0.0.1:5433/app'), { kind: 'url', description: 'postgres://app@127.0.0.1:5433/app', local: true, passwordInUrl: false });
  const remote = await describe('mysql://deploy:s3cret@db.example.com/shop');
  assert.deepEqual(remote, { kind: 'url', description: 'mysql://deploy@db.example.com/shop', local: false, passwordInUrl: true });
  const shell = await describe('${DATABASE_URL:-postgres://app:s3cret@db/app}');
  assert.match(shell.problem ?? '', /shell syntax/);
  assert.doesNotMatch(JSON.stringify(shell), /s3cret/, 'no password in what the client may show');
  assert.match((await describe('production')).problem ?? '', /^unknown target "production"; use `embedded`, `docker`, or a URL/);
});

test('a remote URL is refused in the editor\'s words unless allowed, and the lock timeout reaches the run', async (t) => {
  const { connection, root, storageDir } = await startServer(t);
  await assert.rejects(connection.sendRequest(StatusRequest, { root, target: 'postgres://app@db.example.com/app', password: 'x' }), (error: Error) => {
    assert.match(error.message, /postgres:\/\/app@db\.example\.com\/app is not on this machine; .*migrationLens\.allowRemoteTargets, then a confirmation on each run/);
    return true;
  });
  // A lock timeout of 1 ms still applies a migration that waits for no lock; an invalid one keeps the default.
  const run = await connection.sendRequest(UpRequest, { root, target: 'embedded', storageDir, count: 1, lockTimeoutMs: 1 });
  assert.deepEqual(run.steps.map((s) => s.id), ['001_create_users']);
  const next = await connection.sendRequest(UpRequest, { root, target: 'embedded', storageDir, count: 1, lockTimeoutMs: Number.NaN });
  assert.deepEqual(next.steps.map((s) => s.id), ['002_add_name']);
});

test('requests on the embedded database at the same time take turns instead of failing', async (t) => {
  const { connection, root, storageDir } = await startServer(t);
  const target = { root, target: 'embedded', storageDir };
  // A run and a status read (the Migrations view refreshing) overlap: PGlite's files allow one user at a time.
  const [run, status] = await Promise.all([connection.sendRequest(UpRequest, target), connection.sendRequest(StatusRequest, target)]);
  assert.deepEqual(run.steps.map((s) => s.id), ['001_create_users', '002_add_name', '003_create_orders']);
  const states = status.migrations.map((m) => m.state);
  assert.ok(states.every((state) => state === states[0]) && ['applied', 'pending'].includes(states[0]), `the status saw the database before or after the run, never during it: ${states.join(', ')}`);
});
