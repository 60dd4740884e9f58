// Go to definition, find references, the outline and folding of the built server over stdio,
// answered from the replayed history: an object followed across files, renames and down parts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  InlayHintRequest,
  ReferencesRequest,
  SelectionRangeRequest,
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
  type CodeLens,
  type CompletionItem,
  type DocumentSymbol,
  type InlayHint,
  type FoldingRange,
  type Location,
  type SelectionRange,
  type SemanticTokens,
  type SymbolInformation,
} from 'vscode-languageserver-protocol';
import { StatusRequest, UpRequest } from '../../server/src/lsp/protocol.js';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { LspTestClient } from './lsp-client.js';

const FILES = {
  'db/migrations/000001_users.up.sql': 'CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL\n);\n',
  'db/migrations/000001_users.down.sql': 'DROP TABLE users;\n',
  'db/migrations/000002_orders.up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\nCREATE INDEX orders_user ON orders (user_id);\n',
  'db/migrations/000002_orders.down.sql': 'DROP TABLE orders;\n',
  'db/migrations/000003_rename.up.sql': 'ALTER TABLE users RENAME TO customers;\nUPDATE customers SET email = lower(email);\n',
  'db/migrations/000003_rename.down.sql': 'ALTER TABLE customers RENAME TO users;\n',
};

async function start(t: Parameters<typeof LspTestClient.start>[0], settings: Record<string, unknown> = {}) {
  const folder = tempWorkspace(t, FILES);
  const root = `${folder}/db/migrations`;
  const uri = (name: string) => pathToFileURL(`${folder}/db/migrations/${name}`).href;
  const client = await LspTestClient.start(t, folder, { dialect: 'postgres', ...settings });
  const opened = uri('000003_rename.up.sql');
  await client.open(opened, FILES['db/migrations/000003_rename.up.sql']);
  await client.waitForDiagnostics(opened, () => true);
  return { client, connection: client.connection, uri, root, storageDir: `${folder}/.storage` };
}

const where = (location: Location) => `${location.uri.slice(location.uri.lastIndexOf('/') + 1)}:${location.range.start.line}:${location.range.start.character}`;

test('go to definition jumps from a renamed table to the CREATE TABLE that made it, in another file', async (t) => {
  const { connection, uri } = await start(t);
  // `customers` in the UPDATE of 000003: the table created as `users` in 000001.
  const definition = (await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri('000003_rename.up.sql') }, position: { line: 1, character: 9 } })) as Location;
  assert.equal(where(definition), '000001_users.up.sql:0:13');
});

test('find references follows one table through files, its rename and the down parts, and keeps other tables apart', async (t) => {
  const { connection, uri } = await start(t);
  const references = (await connection.sendRequest(ReferencesRequest.type, {
    textDocument: { uri: uri('000003_rename.up.sql') },
    position: { line: 1, character: 9 },
    context: { includeDeclaration: true },
  })) as Location[];
  assert.deepEqual(references.map(where).sort(), [
    '000001_users.down.sql:0:11',
    '000001_users.up.sql:0:13',
    '000002_orders.up.sql:0:70',
    '000003_rename.down.sql:0:12',
    '000003_rename.down.sql:0:32',
    '000003_rename.up.sql:0:12',
    '000003_rename.up.sql:0:28',
    '000003_rename.up.sql:1:7',
  ]);
});

test('the outline names each statement by what it does, under its part; statements over several lines fold', async (t) => {
  const { client, connection, uri } = await start(t);
  const file = uri('000001_users.up.sql');
  await client.open(file, FILES['db/migrations/000001_users.up.sql']);
  await client.open(uri('000002_orders.up.sql'), FILES['db/migrations/000002_orders.up.sql']);
  const symbols = (await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: file } })) as DocumentSymbol[];
  assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name)]), [['up · 000001 users', ['CREATE TABLE users']]]);
  const orders = (await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri('000002_orders.up.sql') } })) as DocumentSymbol[];
  assert.deepEqual(orders[0].children?.map((child) => child.name), ['CREATE TABLE orders', 'CREATE INDEX orders']);
  const folds = (await connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: file } })) as FoldingRange[];
  assert.deepEqual(folds.map((fold) => [fold.startLine, fold.endLine]), [[0, 3]]);
});

test('completion offers what exists at this point of the history: tables, then the columns of the table in context', async (t) => {
  const { client, connection, uri } = await start(t);
  const file = uri('000002_orders.up.sql');
  const text = `${FILES['db/migrations/000002_orders.up.sql']}ALTER TABLE users ALTER COLUMN \nCREATE INDEX x ON `;
  await client.open(file, text);
  await client.waitForDiagnostics(file, () => true);
  const labels = async (line: number, character: number) =>
    ((await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: file }, position: { line, character } })) as CompletionItem[]).map((item) => `${item.label}${item.detail ? ` (${item.detail})` : ''}`);
  // Migration 2 sees users and its own orders; customers is a later migration's name.
  assert.deepEqual(await labels(3, 18), ['orders (table · created in 000002 orders)', 'users (table · created in 000001 users)']);
  assert.deepEqual(await labels(2, 31), ['id (bigint NOT NULL · users)', 'email (text NOT NULL · users)']);
  assert.deepEqual((await labels(2, 18)).slice(0, 3), ['ADD COLUMN', 'ALTER COLUMN', 'DROP COLUMN']);
});

test('workspace symbols find every object by name; a lens above CREATE TABLE counts the other migrations that use it', async (t) => {
  const { client, connection, uri } = await start(t);
  const symbols = (await connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'ord' })) as SymbolInformation[];
  assert.deepEqual(symbols.map((symbol) => `${symbol.name} ${where(symbol.location)}`).sort(), ['orders 000002_orders.up.sql:0:0', 'orders_user 000002_orders.up.sql:1:0']);
  const file = uri('000001_users.up.sql');
  await client.open(file, FILES['db/migrations/000001_users.up.sql']);
  const lenses = ((await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: file } })) as CodeLens[]).filter((lens) => lens.command?.command === 'migrationLens.showReferences');
  assert.deepEqual(lenses.map((lens) => [lens.range.start, lens.command?.title, lens.command?.command]), [
    [{ line: 0, character: 13 }, 'users: used by 2 other migrations', 'migrationLens.showReferences'],
  ]);
});

test('semantic tokens tell objects that exist at that point from names the history does not have', async (t) => {
  const { client, connection, uri } = await start(t);
  const file = uri('000002_orders.up.sql');
  const text = `${FILES['db/migrations/000002_orders.up.sql']}UPDATE userz SET email = NULL;\n`;
  await client.open(file, text);
  await client.waitForDiagnostics(file, (diagnostics) => diagnostics.some((d) => d.code === 'missing-table-reference'));
  const { data } = (await connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: file } })) as SemanticTokens;
  const legend = ['class', 'interface', 'property', 'type', 'function', 'variable', 'unknownObject'];
  const tokens: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const lineText = text.split('\n')[line];
    tokens.push(`${lineText.slice(character, character + data[i + 2])}:${legend[data[i + 3]]}${data[i + 4] & 1 ? '+declaration' : ''}`);
  }
  assert.deepEqual(tokens, [
    'orders:class+declaration',
    'id:property+declaration',
    'user_id:property+declaration',
    'users:class',
    'id:property',
    'orders_user:variable+declaration',
    'orders:class',
    'user_id:property',
    'userz:unknownObject',
  ]);
});

test('inlay hints, when turned on: the lock after each statement, and after a table the migration that created it', async (t) => {
  const range = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
  const off = await start(t);
  assert.deepEqual(await off.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: off.uri('000003_rename.up.sql') }, range }), []);

  const { connection, uri } = await start(t, { inlayHints: true });
  const hints = (await connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: uri('000003_rename.up.sql') }, range })) as InlayHint[];
  assert.deepEqual(hints.map((hint) => `${hint.position.line}:${hint.position.character} ${hint.label}`), [
    '0:17 ← 000001 users',
    '0:37 ACCESS EXCLUSIVE on users',
    '1:16 ← 000001 users',
    '1:41 ROW EXCLUSIVE on customers',
  ]);
});

test('expand selection grows from a name to its statement to its part', async (t) => {
  const { connection, uri } = await start(t);
  const [selection] = (await connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri: uri('000003_rename.up.sql') }, positions: [{ line: 1, character: 9 }] })) as SelectionRange[];
  const chain: string[] = [];
  for (let at: SelectionRange | undefined = selection; at; at = at.parent) chain.push(`${at.range.start.line}:${at.range.start.character}-${at.range.end.line}:${at.range.end.character}`);
  assert.deepEqual(chain, ['1:7-1:16', '1:0-1:41', '0:0-2:0']);
});

test('a lens above each migration: its state as the database last said, and Apply up to here or Roll back to here', async (t) => {
  const { client, connection, uri, root, storageDir } = await start(t);
  for (const name of ['000002_orders.up.sql', '000002_orders.down.sql']) await client.open(uri(name), FILES[`db/migrations/${name}` as keyof typeof FILES]);
  const lensesOf = async (name: string) =>
    ((await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(name) } })) as CodeLens[])
      .filter((lens) => lens.range.start.character === 0)
      .map((lens) => `${lens.command?.title} → ${lens.command?.command} ${JSON.stringify(lens.command?.arguments?.[0]).replace(root, '<root>')}`);
  // Before any read the lens offers to read, and opens no database itself.
  assert.deepEqual(await lensesOf('000003_rename.up.sql'), ['Migration state not read yet → migrationLens.readStatus {"root":"<root>"}']);
  const target = { root, target: 'embedded', storageDir };
  await connection.sendRequest(StatusRequest, target);
  const pending = await lensesOf('000002_orders.up.sql');
  assert.equal(pending[0], 'pending → migrationLens.readStatus {"root":"<root>"}');
  assert.equal(pending[1], 'Apply up to here → migrationLens.migrateUpTo {"root":"<root>","version":"000002"}');
  await connection.sendRequest(UpRequest, { ...target, to: '000002' });
  await connection.sendRequest(StatusRequest, target);
  const applied = await lensesOf('000002_orders.up.sql');
  // golang-migrate records no time of application: the state alone.
  assert.equal(applied[0], 'applied → migrationLens.readStatus {"root":"<root>"}');
  assert.equal(applied[1], 'Roll back to here → migrationLens.migrateDownTo {"root":"<root>","version":"000002"}');
  assert.match((await lensesOf('000003_rename.up.sql'))[1], /^Apply up to here/);
  // Down files carry no migration lens: the up part does.
  assert.deepEqual(await lensesOf('000002_orders.down.sql'), []);
});
