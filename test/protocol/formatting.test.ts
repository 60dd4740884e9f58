// Document and range formatting over stdio against the built server: statements laid out in the
// editor's indentation, the framework's directives untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentFormattingRequest, DocumentRangeFormattingRequest, type TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { LspTestClient } from './lsp-client.js';

const TEXT = '-- +goose Up\ncreate table users (id bigint primary key, email text not null, created_at timestamptz not null default now());\nalter table users add column nickname text;\n\n-- +goose Down\ndrop table users;\n';

test('formatting lays statements out with the editor\'s indentation and leaves goose\'s directives alone; a range formats only its statements', async (t) => {
  const folder = tempWorkspace(t, { 'db/migrations/00001_users.sql': TEXT });
  const uri = pathToFileURL(`${folder}/db/migrations/00001_users.sql`).href;
  const client = await LspTestClient.start(t, folder, { dialect: 'postgres' });
  await client.open(uri, TEXT);
  await client.waitForDiagnostics(uri, () => true);
  const document = TextDocument.create(uri, 'sql', 1, TEXT);

  const whole = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })) as TextEdit[];
  assert.equal(
    TextDocument.applyEdits(document, whole),
    '-- +goose Up\ncreate table users (\n    id bigint primary key,\n    email text not null,\n    created_at timestamptz not null default now()\n);\nalter table users\nadd column nickname text;\n\n-- +goose Down\ndrop table users;\n',
  );

  const ranged = (await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
    textDocument: { uri },
    range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } },
    options: { tabSize: 2, insertSpaces: true },
  })) as TextEdit[];
  assert.deepEqual(ranged.map((edit) => [edit.range.start.line, edit.newText]), [[2, 'alter table users\nadd column nickname text']]);
});
