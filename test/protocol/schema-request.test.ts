// migrationLens/schema over stdio against the built server: the schema after the migration of
// a file (or the last), each object's origin as an editor location, and an unsaved edit seen at once.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { SchemaRequest, type SchemaTreeItem } from '../../server/src/lsp/protocol.js';
import { LspTestClient } from './lsp-client.js';

const MIGRATIONS: Record<string, string> = {
  '001_create_users.up.sql': '-- people\nCREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);\n',
  '001_create_users.down.sql': 'DROP TABLE users;\n',
  '002_create_orders.up.sql': 'CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id));\n',
  '002_create_orders.down.sql': 'DROP TABLE orders;\n',
  '003_add_name.up.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
  '003_add_name.down.sql': 'ALTER TABLE users DROP COLUMN name;\n',
};

const names = (items: SchemaTreeItem[]) => items.map((item) => item.name);

test('the schema after a migration, with where each object was created and changed', async (t) => {
  const workspace = mkdtempSync(join(tmpdir(), 'ml-schema-lsp-'));
  t.after(() => rmSync(workspace, { recursive: true, force: true }));
  const root = join(workspace, 'db', 'migrations');
  mkdirSync(root, { recursive: true });
  for (const [name, text] of Object.entries(MIGRATIONS)) writeFileSync(join(root, name), text);
  const client = await LspTestClient.start(t, workspace);
  const uriOf = (name: string) => pathToFileURL(join(root, name)).href;

  const last = await client.connection.sendRequest(SchemaRequest, { root });
  assert.deepEqual(last.after, { version: '003', migration: 'add_name', uri: uriOf('003_add_name.up.sql'), position: 3, count: 3 });
  assert.deepEqual(names(last.items), ['orders', 'users']);
  const users = last.items[1];
  assert.equal(users.detail, '3 columns');
  assert.deepEqual(users.created, { uri: uriOf('001_create_users.up.sql'), range: { start: { line: 1, character: 0 }, end: { line: 1, character: 64 } }, version: '001', migration: 'create_users' });
  assert.deepEqual(users.events.map((event) => [event.action, event.origin.version, event.detail]), [['altered', '003', 'column `name` added']]);
  assert.deepEqual(users.children?.map((child) => `${child.kind} ${child.name}: ${child.detail}`), ['column id: integer not null', 'column email: text not null', 'column name: text', 'primary-key users_pkey: primary key (id)']);
  assert.equal(last.items[0].children?.find((child) => child.kind === 'foreign-key')?.detail, '(user_id) → users (id)');

  // The down file of 001 names the same migration: the schema after 001.
  const first = await client.connection.sendRequest(SchemaRequest, { root, uri: uriOf('001_create_users.down.sql') });
  assert.equal(first.after?.position, 1);
  assert.deepEqual(names(first.items), ['users']);

  // An unsaved edit is what the view shows.
  await client.open(uriOf('002_create_orders.up.sql'), 'CREATE TABLE purchases (id integer PRIMARY KEY);\n');
  const edited = await client.connection.sendRequest(SchemaRequest, { root, uri: uriOf('002_create_orders.up.sql') });
  assert.deepEqual(names(edited.items), ['purchases', 'users']);

  await assert.rejects(client.connection.sendRequest(SchemaRequest, { root: '/no/such/set' }), /no migration set at \/no\/such\/set/);
});
