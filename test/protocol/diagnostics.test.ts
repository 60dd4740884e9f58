// Findings → LSP diagnostics and quick fixes, on the hand-made analysis the CLI format tests use
// (it has related locations and fixes, which no engine rule produces yet).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { quickFixes, toDiagnostic } from '../../server/src/lsp/diagnostics.js';
import { analysis, character, file } from '../unit/cli/sample-analysis.js';

const [finding] = analysis.findings;

test('a finding becomes a diagnostic with rule code, source, severity and related information', () => {
  const diagnostic = toDiagnostic(finding);
  assert.deepEqual(diagnostic, {
    range: finding.range,
    severity: DiagnosticSeverity.Warning,
    code: 'unknown-column',
    source: 'migration-lens',
    message: finding.message,
    relatedInformation: [
      {
        location: { uri: pathToFileURL('/work/app/db/migrations/001_init.sql').href, range: finding.related[0].location.range },
        message: '"tasks" created here',
      },
    ],
  });
  assert.equal(toDiagnostic({ ...finding, severity: 'info' }).severity, DiagnosticSeverity.Information);
  assert.equal(toDiagnostic({ ...finding, severity: 'error' }).severity, DiagnosticSeverity.Error);
});

test('fixes of findings under the cursor become quick fixes; others do not', () => {
  const cursor = { line: 0, character: character + 2 };
  const [action, ...others] = quickFixes(analysis.findings, { start: cursor, end: cursor });
  assert.deepEqual(others, []);
  assert.equal(action.title, 'Change to "project_id"');
  assert.equal(action.kind, CodeActionKind.QuickFix);
  assert.deepEqual(action.diagnostics, [toDiagnostic(finding)]);
  assert.deepEqual(action.edit?.changes?.[pathToFileURL(file).href], [{ range: finding.fixes[0].edits[0].range, newText: 'project_id' }]);

  const elsewhere = { line: 5, character: 0 };
  assert.deepEqual(quickFixes(analysis.findings, { start: elsewhere, end: elsewhere }), []);
});

test('a fix that creates files creates them, then opens them through the client command', () => {
  const created = '/work/app/db/migrations/002_next.up.sql';
  const withNewFile = { ...finding, fixes: [{ title: 'Move it to its own migration', edits: [...finding.fixes[0].edits, { file: created, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'SELECT 1;\n' }] }] };
  const cursor = { line: 0, character: character + 2 };
  const [action] = quickFixes([withNewFile], { start: cursor, end: cursor }, (path) => path !== created);
  assert.deepEqual(action.edit?.documentChanges?.[0], { kind: 'create', uri: pathToFileURL(created).href, options: { ignoreIfExists: true } });
  assert.deepEqual(action.command, { title: 'Open the new files', command: 'migrationLens.openCreatedFiles', arguments: [pathToFileURL(created).href] });
  const [plain] = quickFixes(analysis.findings, { start: cursor, end: cursor });
  assert.equal(plain.command, undefined, 'a fix that only edits opens nothing');
});
