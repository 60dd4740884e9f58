// Editing one migration re-diagnoses the later migrations that depend on it: the server
// publishes for them too, though the editor never opened them.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { pathToFileURL } from 'node:url';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { LspTestClient } from './lsp-client.js';

const CREATE_WANTED = 'CREATE TABLE wanted_movies (id BIGSERIAL PRIMARY KEY, title TEXT NOT NULL);\n';

test('editing 002 publishes the dependency finding for 005, which is not open, and clears it again', async (t) => {
  const folder = tempWorkspace(t, {
    'migrations/001_movies.up.sql': 'CREATE TABLE movies (id BIGSERIAL PRIMARY KEY);\n',
    'migrations/001_movies.down.sql': 'DROP TABLE movies;\n',
    'migrations/002_wanted_movies.up.sql': CREATE_WANTED,
    'migrations/002_wanted_movies.down.sql': 'DROP TABLE wanted_movies;\n',
    'migrations/003_movies_year.up.sql': 'ALTER TABLE movies ADD COLUMN year INT;\n',
    'migrations/003_movies_year.down.sql': 'ALTER TABLE movies DROP COLUMN year;\n',
    'migrations/004_movies_rating.up.sql': 'ALTER TABLE movies ADD COLUMN rating INT;\n',
    'migrations/004_movies_rating.down.sql': 'ALTER TABLE movies DROP COLUMN rating;\n',
    'migrations/005_wanted_priority.up.sql': 'ALTER TABLE wanted_movies ADD COLUMN priority INT;\n',
    'migrations/005_wanted_priority.down.sql': 'ALTER TABLE wanted_movies DROP COLUMN priority;\n',
  });
  const edited = pathToFileURL(`${folder}/migrations/002_wanted_movies.up.sql`).href;
  const editedDown = pathToFileURL(`${folder}/migrations/002_wanted_movies.down.sql`).href;
  const dependent = pathToFileURL(`${folder}/migrations/005_wanted_priority.up.sql`).href;
  const client = await LspTestClient.start(t, folder);
  await client.listSets();
  const dependencyCodes = () => (client.diagnostics.get(dependent) ?? []).filter((d) => d.code === 'missing-table-reference');
  assert.deepEqual(dependencyCodes(), [], '005 is fine while 002 creates the table');

  // The creation goes, and with it the down's DROP (else that DROP would be the table's first use,
  // which reads as a history that starts on an existing database).
  await client.open(edited, CREATE_WANTED);
  await client.open(editedDown, 'DROP TABLE wanted_movies;\n');
  await client.change(editedDown, 2, '-- nothing to undo\n');
  await client.change(edited, 2, '-- wanted_movies moved to a later migration\n');
  const missing = await client.waitForDiagnostics(dependent, (diagnostics) => diagnostics.some((d) => d.code === 'missing-table-reference'));
  const finding = missing.find((d) => d.code === 'missing-table-reference')!;
  assert.match(finding.message, /wanted_movies/);
  assert.equal(finding.range.start.line, 0);

  await client.change(edited, 3, CREATE_WANTED);
  await client.waitForDiagnostics(dependent, (diagnostics) => !diagnostics.some((d) => d.code === 'missing-table-reference'));
});

test('a migration deleted on disk while its editor tab stays open is gone from its set until it is saved again', async (t) => {
  const folder = tempWorkspace(t, {
    'db/migrations/001_a.up.sql': 'CREATE TABLE a (id int);\n',
    'db/migrations/001_a.down.sql': 'DROP TABLE a;\n',
    'db/migrations/002_b.up.sql': 'INSERT INTO missing_table VALUES (1);\n',
    'db/migrations/002_b.down.sql': 'SELECT 1;\n',
  });
  const file = `${folder}/db/migrations/002_b.up.sql`;
  const uri = pathToFileURL(file).href;
  const downUri = pathToFileURL(`${folder}/db/migrations/002_b.down.sql`).href;
  const client = await LspTestClient.start(t, folder);
  await client.open(uri, 'INSERT INTO missing_table VALUES (1);\n');
  assert.equal((await client.listSets()).sets[0].migrations, 2);
  assert.ok(client.diagnostics.get(uri)?.some((d) => d.code === 'missing-table-reference'));

  rmSync(file);
  rmSync(`${folder}/db/migrations/002_b.down.sql`);
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Deleted }, { uri: downUri, type: FileChangeType.Deleted }] });
  assert.equal((await client.listSets()).sets[0].migrations, 1, 'the open tab of a deleted file is not a migration');
  assert.deepEqual(client.diagnostics.get(uri) ?? [], [], 'and its findings are cleared');

  // Saving the tab writes the file again.
  writeFileSync(file, 'INSERT INTO missing_table VALUES (1);\n');
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Created }] });
  assert.equal((await client.listSets()).sets[0].migrations, 2);
});
