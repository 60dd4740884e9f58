// A lock trace's observations in the editor, over stdio against the built server (dist/server.js):
// after migrationLens/trace on the embedded database, the traced file's diagnostics carry what
// each statement was seen doing, its hover shows them beside the static lock, and editing a
// statement drops its observations while the other statements keep theirs. Where the trace and
// the static description disagree, the hover shows both.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol';
import { TraceRequest, UpRequest } from '../../server/src/lsp/protocol.js';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { LspTestClient } from './lsp-client.js';

const WIDEN = 'ALTER TABLE t ALTER COLUMN c TYPE bigint';
const INDEX = 'CREATE INDEX u_id ON u (id)';
// Rewrites u under ACCESS EXCLUSIVE from inside a DO block, which the static analysis cannot see into.
const CLUSTER = "DO $$ BEGIN EXECUTE 'CLUSTER u USING u_id'; END $$";
const PENDING = `${WIDEN};\n${INDEX};\n${CLUSTER};\n`;

const observed = (diagnostics: Diagnostic[], line: number) => diagnostics.filter((d) => d.source === 'migration-lens trace' && d.range.start.line === line);

test('trace observations become diagnostics and a hover section, until their statement is edited', async (t) => {
  const folder = tempWorkspace(t, {
    'db/postgres/001_create_t.up.sql': 'CREATE TABLE t (id int PRIMARY KEY, c int);\nCREATE TABLE u (id int);\n',
    'db/postgres/001_create_t.down.sql': 'DROP TABLE u;\nDROP TABLE t;\n',
    'db/postgres/002_widen_c.up.sql': PENDING,
    'db/postgres/002_widen_c.down.sql': 'ALTER TABLE u SET WITHOUT CLUSTER;\nDROP INDEX u_id;\nALTER TABLE t ALTER COLUMN c TYPE int;\n',
  });
  const uri = pathToFileURL(`${folder}/db/postgres/002_widen_c.up.sql`).href;
  const client = await LspTestClient.start(t, folder);
  const target = { root: `${folder}/db/postgres`, target: 'embedded', storageDir: join(folder, 'storage') };
  // 001 applied for real, so 002 meets a committed table, as it would in production.
  await client.connection.sendRequest(UpRequest, { ...target, count: 1 });

  const trace = await client.connection.sendRequest(TraceRequest, target);
  assert.equal(trace.migration, '002_widen_c');
  const diagnostics = await client.waitForDiagnostics(uri, (list) => observed(list, 0).length === 2);
  const [lock, rewrite] = observed(diagnostics, 0);
  assert.equal(lock.code, 'observed-lock');
  assert.equal(lock.severity, 2, 'ACCESS EXCLUSIVE is a warning');
  assert.match(lock.message, /^Trace on embedded PostgreSQL \(.*\): this statement took ACCESS EXCLUSIVE on `t`, `t_pkey`\.$/);
  assert.equal(rewrite.code, 'observed-rewrite');
  assert.equal(rewrite.severity, 2);
  assert.match(rewrite.message, /^Trace on embedded PostgreSQL \(.*\): this statement rewrote `t`, `t_pkey`: their data was copied while the lock was held\.$/);
  assert.deepEqual(rewrite.range, { start: { line: 0, character: 0 }, end: { line: 0, character: WIDEN.length } });
  const [indexLock] = observed(diagnostics, 1);
  assert.equal(indexLock.severity, 3, 'SHARE is information');
  assert.match(indexLock.message, /took SHARE on `u`\.$/);
  assert.ok(diagnostics.some((d) => d.source === 'migration-lens'), 'the static findings stay beside the observations');

  await client.open(uri, PENDING);
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 5 } });
  const value = (hover?.contents as MarkupContent).value;
  assert.match(value, /\*\*Lock:\*\* takes ACCESS EXCLUSIVE on `t`/);
  assert.match(value, /\*\*Observed\*\* \(trace on embedded PostgreSQL \(.*\), \d{4}-\d\d-\d\d \d\d:\d\d UTC\): ACCESS EXCLUSIVE on `t`, `t_pkey` \(taken by this statement\) · `t`, `t_pkey` rewritten/);
  assert.doesNotMatch(value, /Static and observed differ/, 'the static analysis predicted this lock and rewrite');
  const cluster = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 3 } });
  assert.deepEqual((cluster?.contents as MarkupContent).value.split('\n\n').slice(-3), [
    `**Observed** (trace on ${trace.target}, ${value.match(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/)![0]}): ACCESS EXCLUSIVE on \`u\` (taken by this statement) · ACCESS EXCLUSIVE on \`t\`, \`t_pkey\` (already held before it) · \`u\`, \`u_id\` rewritten`,
    '- Static and observed differ: the static analysis does not predict a rewrite, the trace saw `u`, `u_id` rewritten.',
    '- Static and observed differ: the static analysis does not predict a lock that blocks others, the trace saw ACCESS EXCLUSIVE.',
  ]);

  await client.change(uri, 2, PENDING.replace('bigint', 'numeric'));
  const edited = await client.waitForDiagnostics(uri, (list) => observed(list, 0).length === 0);
  assert.equal(observed(edited, 1).length, 1, 'the unchanged statement keeps its observation');
  const after = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 5 } });
  assert.doesNotMatch((after?.contents as MarkupContent).value, /\*\*Observed\*\*/);
});
