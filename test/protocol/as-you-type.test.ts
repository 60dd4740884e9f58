// As you type: the edited file's own findings are published first, with the document's version,
// then the files that depend on it; a later version is never followed by an older one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { LspTestClient } from './lsp-client.js';

/** Each migration creates t<i> with a foreign key to the table before it; each down drops it. */
function history(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= count; i++) {
    const version = String(i).padStart(3, '0');
    const parent = i > 1 ? `, parent_id bigint REFERENCES t${i - 1} (id)` : '';
    files[`db/migrations/${version}_t${i}.up.sql`] = `CREATE TABLE t${i} (id bigserial PRIMARY KEY, name text NOT NULL${parent});\n`;
    files[`db/migrations/${version}_t${i}.down.sql`] = `DROP TABLE t${i};\n`;
  }
  return files;
}

test('an edit publishes the edited file first, with its version, then the migrations that depend on it', async (t) => {
  const folder = tempWorkspace(t, history(60));
  const edited = pathToFileURL(`${folder}/db/migrations/030_t30.up.sql`).href;
  const dependent = pathToFileURL(`${folder}/db/migrations/031_t31.up.sql`).href;
  const client = await LspTestClient.start(t, folder);
  await client.listSets();
  assert.deepEqual(client.diagnostics.get(dependent) ?? [], [], '031 is fine while 030 creates t30');

  await client.open(edited, 'CREATE TABLE t30 (id bigserial PRIMARY KEY, name text NOT NULL, parent_id bigint REFERENCES t29 (id));\n');
  await client.waitForDiagnostics(edited, () => true);
  const from = client.publications.length;
  // t30 becomes t30b (031's foreign key now points at nothing), a statement does not parse, and
  // one uses a table no migration creates (a finding of the history, made with the whole set).
  await client.change(edited, 2, 'CREATE TABLE t30b (id bigserial PRIMARY KEY, name text NOT NULL, parent_id bigint REFERENCES t29 (id));\nALTER TABEL t30b ADD COLUMN x int;\nINSERT INTO t99 (id) VALUES (1);\n');
  await client.waitForDiagnostics(dependent, (diagnostics) => diagnostics.some((d) => d.code === 'missing-table-reference'));
  await client.waitForDiagnostics(edited, (diagnostics) => diagnostics.some((d) => d.code === 'missing-table-reference'));

  const after = client.publications.slice(from);
  const codes = (publication: (typeof after)[number]) => publication.diagnostics.map((d) => d.code);
  assert.equal(after[0].uri, edited, `the edited file comes first, not ${after[0].uri}`);
  assert.equal(after[0].version, 2);
  assert.deepEqual(codes(after[0]), ['syntax-error'], 'first what the file says on its own');
  const whole = after.findIndex((p) => p.uri === edited && codes(p).includes('missing-table-reference'));
  assert.ok(whole > 0 && after[whole].version === 2, 'then, with the same version, what the history says');
  assert.ok(after.some((p) => p.uri === dependent), 'and the dependent file');
  const reference = client.diagnostics.get(dependent)!.find((d) => d.code === 'missing-table-reference')!;
  assert.match(reference.message, /t30/);
});

test('quick successive edits end on the last version, and no older version follows a newer one', async (t) => {
  const folder = tempWorkspace(t, history(40));
  const edited = pathToFileURL(`${folder}/db/migrations/020_t20.up.sql`).href;
  const client = await LspTestClient.start(t, folder);
  await client.listSets();
  await client.open(edited, 'CREATE TABLE t20 (id bigserial PRIMARY KEY, name text NOT NULL, parent_id bigint REFERENCES t19 (id));\n');
  const texts = ['CREAT TABLE t20 (id int);\n', 'CREATE TABLE t20 (id int PRIMARY KEY);\n', 'CREATE TABLE t20 (id int PRIMARY KEY, oops);\n', 'CREATE TABLE t20 (id bigserial PRIMARY KEY);\n'];
  for (const [i, text] of texts.entries()) await client.change(edited, i + 2, text);
  const last = texts.length + 1;
  await client.waitForDiagnostics(edited, () => client.publications.some((p) => p.uri === edited && p.version === last));
  await client.listSets();
  const versions = client.publications.filter((p) => p.uri === edited).map((p) => p.version ?? 0);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `versions published in order: ${versions.join(', ')}`);
  assert.equal(versions.at(-1), last);
  assert.ok(!client.diagnostics.get(edited)!.some((d) => d.code === 'syntax-error'), 'the last text parses');
});
