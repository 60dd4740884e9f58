// Completion, definitions and references where positions and history are awkward: a CRLF file
// with non-ASCII text (UTF-16 positions: an emoji counts two), a table dropped and created again
// (two objects under one name), statements still being typed, and completion of the types,
// sequences and schemas that exist at that point.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, DefinitionRequest, ReferencesRequest, type CompletionItem, type Location } from 'vscode-languageserver-protocol';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { LspTestClient } from './lsp-client.js';

const BASE = [
  '-- Données de base 🐘: clés étrangères',
  'CREATE SCHEMA billing;',
  "CREATE TYPE mood AS ENUM ('ok', 'sad');",
  'CREATE SEQUENCE invoice_numbers;',
  'CREATE TABLE billing.invoices (id bigint PRIMARY KEY, humeur mood NOT NULL);',
  "CREATE TABLE tags (id bigint PRIMARY KEY, label text); INSERT INTO tags (label) VALUES ('🐘🐘');",
  '',
].join('\r\n');
const RECREATE = ['DROP TABLE tags;', 'CREATE TABLE tags (id bigint PRIMARY KEY, name text);', "INSERT INTO tags (name) VALUES ('🐘'); UPDATE tags SET name = 'x';", ''].join('\n');

const FILES = {
  'db/migrations/000001_base.up.sql': BASE,
  'db/migrations/000002_recreate.up.sql': RECREATE,
};

async function start(t: Parameters<typeof LspTestClient.start>[0]) {
  const folder = tempWorkspace(t, FILES);
  const uri = (name: string) => pathToFileURL(`${folder}/db/migrations/${name}`).href;
  const client = await LspTestClient.start(t, folder, { dialect: 'postgres' });
  for (const [name, text] of [['000001_base.up.sql', BASE], ['000002_recreate.up.sql', RECREATE]]) {
    await client.open(uri(name), text);
    await client.waitForDiagnostics(uri(name), () => true);
  }
  return { client, connection: client.connection, uri };
}

const where = (location: Location) => `${location.uri.slice(location.uri.lastIndexOf('/') + 1)}:${location.range.start.line}:${location.range.start.character}`;

test('after an emoji on a CRLF line, positions are UTF-16: definition and references land on the name', async (t) => {
  const { connection, uri } = await start(t);
  // `tags` of the UPDATE on line 2 of 000002, after '🐘' (two UTF-16 units): character 46, one more than its code points.
  const update = RECREATE.split('\n')[2];
  const character = update.indexOf('UPDATE tags') + 'UPDATE '.length;
  assert.equal(character, [...update].indexOf('U', 30) + 'UPDATE '.length + 1);
  const definition = (await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri('000002_recreate.up.sql') }, position: { line: 2, character: character + 1 } })) as Location;
  // The table created again in 000002, not the one 000001 made and 000002 dropped.
  assert.equal(where(definition), '000002_recreate.up.sql:1:13');
  // The first tags: its CREATE and INSERT in 000001 (after an emoji string on a CRLF line), and the DROP in 000002.
  const base = BASE.split('\r\n')[5];
  const references = (await connection.sendRequest(ReferencesRequest.type, {
    textDocument: { uri: uri('000001_base.up.sql') },
    position: { line: 5, character: base.indexOf('tags') + 1 },
    context: { includeDeclaration: true },
  })) as Location[];
  assert.deepEqual(references.map(where), ['000001_base.up.sql:5:13', `000001_base.up.sql:5:${base.indexOf('INTO tags') + 5}`, '000002_recreate.up.sql:0:11']);
});

test('completion while typing: the columns of the table as it is now, types with the history\'s enums, sequences, schemas', async (t) => {
  const { client, connection, uri } = await start(t);
  const file = uri('000003_next.up.sql');
  const lines = ['CREATE INDEX ON tags (', 'ALTER TABLE tags ADD COLUMN feeling ', 'DROP SEQUENCE ', 'SELECT * FROM ', 'CREATE TABLE notes (id bigint, body ', 'ALTER TABLE tags ADD CONSTRAINT ', 'SELECT id,  FROM tags WHERE id > 0'];
  // Each line a statement being typed, the cursor before its `;`.
  await client.open(file, lines.join(';\n'));
  await client.waitForDiagnostics(file, () => true);
  const labels = async (line: number, character = lines[line].length) =>
    ((await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: file }, position: { line, character } })) as CompletionItem[]).map(
      (item) => `${item.label}${item.detail ? ` (${item.detail})` : ''}`,
    );
  // The tags 000002 made (id, name), not the dropped one's label; nothing after the `(` yet.
  assert.deepEqual(await labels(0), ['id (bigint NOT NULL · tags)', 'name (text · tags)']);
  const types = await labels(1);
  assert.equal(types[0], 'mood (enum type · created in 000001 base)');
  assert.ok(types.includes('jsonb (type)') && types.includes('timestamptz (type)'), types.join(', '));
  assert.deepEqual(await labels(2), ['invoice_numbers (sequence · created in 000001 base)']);
  assert.deepEqual(await labels(3), ['billing (schema · created in 000001 base)', 'billing.invoices (table · created in 000001 base)', 'tags (table · created in 000002 recreate)']);
  assert.equal((await labels(4))[0], 'mood (enum type · created in 000001 base)');
  // A constraint's name is not a column: no types there.
  assert.deepEqual(await labels(5), []);
  // In a SELECT's list, the columns of the table its FROM names after the cursor.
  assert.deepEqual(await labels(6, 'SELECT id, '.length), ['id (bigint NOT NULL · tags)', 'name (text · tags)']);
});
