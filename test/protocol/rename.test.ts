// Rename over stdio against the built server: an object the newest migration creates is renamed in
// every statement that names it (its down part included), and nothing else; history a database
// may already have applied, taken names and mentions the replay cannot follow are refused with why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PrepareRenameRequest, RenameRequest, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { LspTestClient } from './lsp-client.js';

const ORDERS_UP = [
  'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), total numeric);',
  'CREATE INDEX orders_user ON orders (user_id);',
  'ALTER TABLE users ADD COLUMN nickname text;',
  'UPDATE users SET nickname = email WHERE nickname IS NULL;',
  '',
].join('\n');
const ORDERS_DOWN = 'ALTER TABLE users DROP COLUMN nickname;\nDROP TABLE orders;\n';

const FILES = {
  'db/migrations/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n',
  'db/migrations/000001_users.down.sql': 'DROP TABLE users;\n',
  'db/migrations/000002_orders.up.sql': ORDERS_UP,
  'db/migrations/000002_orders.down.sql': ORDERS_DOWN,
};

async function start(t: Parameters<typeof LspTestClient.start>[0], files: Record<string, string> = FILES) {
  const folder = tempWorkspace(t, files);
  const uri = (name: string) => pathToFileURL(`${folder}/db/migrations/${name}`).href;
  const client = await LspTestClient.start(t, folder, { dialect: 'postgres' });
  const up = uri('000002_orders.up.sql');
  await client.open(up, files['db/migrations/000002_orders.up.sql']);
  await client.waitForDiagnostics(up, () => true);
  const position = (line: number, character: number) => ({ textDocument: { uri: up }, position: { line, character } });
  return { connection: client.connection, uri, position, files };
}

/** Each file's text after the edits, by file name. */
function applied(edit: WorkspaceEdit, files: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const name = uri.slice(uri.lastIndexOf('/') + 1);
    const document = TextDocument.create(uri, 'sql', 1, files[`db/migrations/${name}`]);
    result[name] = TextDocument.applyEdits(document, edits as TextEdit[]);
  }
  return result;
}

test('a table the newest migration creates is renamed in its up and down parts, and nowhere else', async (t) => {
  const { connection, position, files } = await start(t);
  const prepared = (await connection.sendRequest(PrepareRenameRequest.type, position(1, 28))) as { range: Range; placeholder: string };
  assert.deepEqual(prepared, { range: { start: { line: 1, character: 28 }, end: { line: 1, character: 34 } }, placeholder: 'orders' });
  const edit = (await connection.sendRequest(RenameRequest.type, { ...position(1, 28), newName: 'purchases' })) as WorkspaceEdit;
  assert.deepEqual(applied(edit, files), {
    '000002_orders.up.sql': ORDERS_UP.replace('TABLE orders', 'TABLE purchases').replace('ON orders', 'ON purchases'),
    '000002_orders.down.sql': ORDERS_DOWN.replace('TABLE orders', 'TABLE purchases'),
  });
});

test('a column the newest migration adds to an older table is renamed where it is set, read and dropped; a name needing quotes is quoted', async (t) => {
  const { connection, position, files } = await start(t);
  const edit = (await connection.sendRequest(RenameRequest.type, { ...position(2, 32), newName: 'Display Name' })) as WorkspaceEdit;
  assert.deepEqual(applied(edit, files), {
    '000002_orders.up.sql': ORDERS_UP.replaceAll('nickname', '"Display Name"'),
    '000002_orders.down.sql': ORDERS_DOWN.replace('nickname', '"Display Name"'),
  });
});

test('an object an earlier migration created is not renamed: a database may have applied it', async (t) => {
  const { connection, position } = await start(t);
  await assert.rejects(connection.sendRequest(PrepareRenameRequest.type, position(2, 13)), /`users` was created by 000001_users, which a database may already have applied.*ALTER … RENAME/);
  await assert.rejects(connection.sendRequest(RenameRequest.type, { ...position(2, 13), newName: 'customers' }), /000001_users/);
});

test('a name already taken at that point is refused, and so is one longer than PostgreSQL keeps', async (t) => {
  const { connection, position } = await start(t);
  await assert.rejects(connection.sendRequest(RenameRequest.type, { ...position(0, 15), newName: 'users' }), /A table named `users` already exists/);
  await assert.rejects(connection.sendRequest(RenameRequest.type, { ...position(0, 15), newName: 'o'.repeat(64) }), /longer than the 63 characters PostgreSQL keeps/);
});

test('a mention the replay cannot follow (a function body) stops the rename, naming its line', async (t) => {
  const files = {
    ...FILES,
    'db/migrations/000002_orders.up.sql': `${ORDERS_UP}CREATE FUNCTION order_count() RETURNS bigint AS $$ SELECT count(*) FROM orders $$ LANGUAGE sql;\n`,
  };
  const { connection, position } = await start(t, files);
  await assert.rejects(connection.sendRequest(PrepareRenameRequest.type, position(0, 15)), /`orders` is also named where Migration Lens cannot tell .* \(line 5 of 000002_orders\.up\.sql\)/);
  // The function itself has no such mention: it renames.
  const edit = (await connection.sendRequest(RenameRequest.type, { ...position(4, 18), newName: 'count_orders' })) as WorkspaceEdit;
  assert.equal(Object.keys(edit.changes ?? {}).length, 1);
});
