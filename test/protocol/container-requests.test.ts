// The requests behind the Migrations container over stdio against the built server: each
// migration's files and findings with no database, a new migration's files named as the set's
// framework names them (nothing created), the tracking table's history newest first with the
// durations Flyway and Prisma record (on each set's own embedded PGlite database), and a
// workspace the user has not trusted, where only the analysis answers.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, type TestContext } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc/node';
import { HistoryRequest, NewMigrationRequest, SetMigrationsRequest, StatusRequest, UpRequest, WorkspaceTrustedNotification } from '../../server/src/lsp/protocol.js';
import { LspTestClient } from './lsp-client.js';

const FILES: Record<string, string> = {
  'flyway/V1__create_users.sql': 'CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);\n',
  'flyway/V2__create_orders.sql': 'CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id));\n',
  'flyway/V3__drop_total.sql': 'ALTER TABLE orders DROP COLUMN total;\n',
  'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
  'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE accounts (id integer PRIMARY KEY);\n',
  'prisma/migrations/20240102000000_add_name/migration.sql': 'ALTER TABLE accounts ADD COLUMN name text;\n',
};

function workspace(t: TestContext): { folder: string; storageDir: string; root: (set: string) => string } {
  const folder = mkdtempSync(join(tmpdir(), 'ml-container-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return { folder, storageDir: join(folder, '.storage'), root: (set) => join(folder, set).replace(/\\/g, '/') };
}

const uri = (path: string) => pathToFileURL(path).href;

test('each migration with its files and findings, from the analysis alone', async (t) => {
  const { folder, root } = workspace(t);
  const client = await LspTestClient.start(t, folder);
  const { migrations } = await client.connection.sendRequest(SetMigrationsRequest, { root: root('flyway') });
  assert.deepEqual(
    migrations.map((m) => [m.id, m.version, m.name, m.errors, m.uri]),
    [
      ['V1__create_users.sql', '1', 'create_users', 0, uri(`${root('flyway')}/V1__create_users.sql`)],
      ['V2__create_orders.sql', '2', 'create_orders', 0, uri(`${root('flyway')}/V2__create_orders.sql`)],
      ['V3__drop_total.sql', '3', 'drop_total', 1, uri(`${root('flyway')}/V3__drop_total.sql`)],
    ],
  );
  // The same count the editor's Problems panel shows for the file.
  const published = await client.waitForDiagnostics(uri(`${root('flyway')}/V3__drop_total.sql`), (found) => found.length > 0);
  assert.equal(published.filter((d) => d.severity === 1).length, migrations[2].errors);
});

test('a new migration is named as the set\'s framework names them; nothing is created', async (t) => {
  const { folder, root } = workspace(t);
  const client = await LspTestClient.start(t, folder);
  const flyway = await client.connection.sendRequest(NewMigrationRequest, { root: root('flyway'), description: 'Add users.name' });
  assert.equal(flyway.version, '4');
  assert.deepEqual(flyway.files, [{ uri: uri(`${root('flyway')}/V4__add_users_name.sql`), text: '' }]);
  assert.deepEqual(flyway.cursor, { uri: flyway.files[0].uri, position: { line: 0, character: 0 } });
  assert.equal(existsSync(join(folder, 'flyway/V4__add_users_name.sql')), false);

  const prisma = await client.connection.sendRequest(NewMigrationRequest, { root: root('prisma/migrations'), description: 'add email' });
  assert.match(prisma.files[0].uri, /\/prisma\/migrations\/\d{14}_add_email\/migration\.sql$/);
  assert.ok(prisma.version > '20240102000000');

  await assert.rejects(client.connection.sendRequest(NewMigrationRequest, { root: root('flyway'), description: ' -- ' }), (error: ResponseError<unknown>) => {
    assert.match(error.message, /has no letters or digits to name a migration file with/);
    return true;
  });
});

test('the history is the tracking table\'s, newest first, with the durations Flyway and Prisma record', async (t) => {
  const { folder, root, storageDir } = workspace(t);
  const client = await LspTestClient.start(t, folder);
  const flyway = { root: root('flyway'), target: 'embedded', storageDir };
  const prisma = { root: root('prisma/migrations'), target: 'embedded', storageDir };

  const before = await client.connection.sendRequest(HistoryRequest, flyway);
  assert.deepEqual([before.table, before.entries], ['flyway_schema_history', []]);
  assert.equal(existsSync(storageDir), false, 'reading the history created the embedded database');

  const ran = await client.connection.sendRequest(UpRequest, { ...flyway, count: 2 });
  assert.deepEqual(ran.steps.map((s) => s.id), ['V1__create_users.sql', 'V2__create_orders.sql']);
  await client.connection.sendRequest(UpRequest, prisma);

  const history = await client.connection.sendRequest(HistoryRequest, flyway);
  assert.deepEqual(history.entries.map((e) => [e.version, e.name, e.state]), [['2', 'create_orders', 'applied'], ['1', 'create_users', 'applied']]);
  for (const entry of history.entries) {
    assert.equal(typeof entry.durationMs, 'number', `${entry.name} has no duration`);
    assert.ok(entry.appliedAt && !Number.isNaN(Date.parse(entry.appliedAt)), `${entry.name} has no time: ${entry.appliedAt}`);
  }
  assert.equal(history.entries[0].uri, uri(`${root('flyway')}/V2__create_orders.sql`));

  const prismaHistory = await client.connection.sendRequest(HistoryRequest, prisma);
  assert.equal(prismaHistory.table, '_prisma_migrations');
  assert.deepEqual(prismaHistory.entries.map((e) => e.name), ['add_name', 'init']);
  assert.ok(prismaHistory.entries.every((e) => typeof e.durationMs === 'number' && e.durationMs >= 0));
  assert.match(prismaHistory.target, /prisma_migrations/, 'each set has its own database');
});

test('an untrusted workspace is analysed, but nothing opens a database until the user trusts it', async (t) => {
  const { folder, root, storageDir } = workspace(t);
  const client = await LspTestClient.start(t, folder, undefined, undefined, undefined, { workspaceTrusted: false });
  const { sets } = await client.listSets();
  assert.equal(sets.length, 2, 'the analysis runs');
  assert.equal((await client.connection.sendRequest(SetMigrationsRequest, { root: root('flyway') })).migrations.length, 3);
  const target = { root: root('flyway'), target: 'embedded', storageDir };
  const refused = [StatusRequest.method, UpRequest.method, HistoryRequest.method];
  for (const method of refused) {
    await assert.rejects(client.connection.sendRequest(method, target), (error: ResponseError<unknown>) => {
      assert.match(error.message, /^Nothing was done: this workspace is not trusted \(Restricted Mode\)/);
      return true;
    });
  }
  assert.equal(existsSync(storageDir), false);
  await client.connection.sendNotification(WorkspaceTrustedNotification);
  const status = await client.connection.sendRequest(StatusRequest, target);
  assert.deepEqual(status.migrations.map((m) => m.state), ['pending', 'pending', 'pending']);
});
