// The built language server (dist/server.js) over stdio, as an editor other than VS Code would
// start it: diagnostics for unsaved edits, clearing when fixed, and agreement with the CLI.
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { BROKEN_MIGRATION, FIXED_MIGRATION, runCli, tempWorkspace, TYPO } from '../unit/cli/helpers.js';
import { LspTestClient } from './lsp-client.js';

test('a syntax error typed into an open document is published at the typo and cleared when fixed', async (t) => {
  // On disk the migration is fine: the error exists only in the editor's unsaved text.
  const folder = tempWorkspace(t, { 'migrations/001_create_notes.sql': FIXED_MIGRATION });
  const uri = pathToFileURL(`${folder}/migrations/001_create_notes.sql`).href;
  const client = await LspTestClient.start(t, folder);

  await client.open(uri, BROKEN_MIGRATION);
  const [diagnostic, ...others] = await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length > 0);
  assert.deepEqual(others, []);
  assert.equal(diagnostic.code, 'syntax-error');
  assert.equal(diagnostic.source, 'migration-lens');
  assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
  const { start, end } = diagnostic.range;
  assert.equal(start.line, TYPO.line);
  assert.equal(start.character, TYPO.character, 'starts at INSRT, in UTF-16 units after "café 😀"');
  assert.ok(end.line > start.line || end.character > start.character);

  await client.change(uri, 2, FIXED_MIGRATION);
  await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
});

test('the server publishes the same findings as `check --format json` for the whole workspace', async (t) => {
  const folder = tempWorkspace(t, {
    'db/migrations/001_create_notes.sql': BROKEN_MIGRATION,
    'db/migrations/002_tags.sql': 'CREATE TABLE tags (id bigint PRIMARY KEY, name text,);\nALTER TABLE notes ADD COLUMN tag_id bigint;\nDROP TABEL old_tags;\n',
    'db/migrations/003_ok.sql': 'CREATE INDEX notes_body_idx ON notes (body);\n',
    'reports/monthly.sql': 'SELECT count(*) FROM notes GROUP BY;\n',
  });
  const client = await LspTestClient.start(t, folder);
  const { sets } = await client.listSets();
  assert.ok(sets.length >= 1);
  assert.ok(sets.every((set) => set.migrations > 0 && set.root.startsWith(folder)));

  const fromServer = [...client.diagnostics].flatMap(([uri, diagnostics]) =>
    diagnostics.map((diagnostic) => ({
      file: relative(folder, fileURLToPath(uri)),
      rule: diagnostic.code,
      severity: ({ 1: 'error', 2: 'warning', 3: 'info' } as Record<number, string>)[diagnostic.severity!],
      message: diagnostic.message,
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
      endLine: diagnostic.range.end.line + 1,
      endColumn: diagnostic.range.end.character + 1,
    })),
  );
  const cli = await runCli(['check', '.', '--format', 'json'], folder);
  const fromCli = JSON.parse(cli.stdout).findings.map(
    ({ file, rule, severity, message, line, column, endLine, endColumn }: Record<string, unknown>) => ({ file, rule, severity, message, line, column, endLine, endColumn }),
  );
  const byPosition = (a: { file: string; line: number; column: number }, b: typeof a) =>
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  assert.ok(fromCli.length >= 3, cli.stdout);
  assert.deepEqual(fromServer.sort(byPosition), fromCli.sort(byPosition));
});

test('migrationLens.dialect from the editor settings forces the dialect of every set', async (t) => {
  const folder = tempWorkspace(t, { 'postgres/001_create_notes.up.sql': FIXED_MIGRATION, 'postgres/001_create_notes.down.sql': 'DROP TABLE notes;\n' });
  const client = await LspTestClient.start(t, folder, { dialect: 'mysql', pgVersion: null, rules: {}, exclude: null });
  const { sets } = await client.listSets();
  assert.deepEqual(
    sets.map((set) => [set.root, set.dialect]),
    [[`${folder}/postgres`, 'mysql']],
  );
});
