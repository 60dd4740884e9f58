// The database commands in a real editor: "Migrate Up" runs the fixture on the set's own embedded
// PostgreSQL (PGlite in the language server, kept in the extension's workspace storage) — the
// caller having confirmed the migration with an error finding — stops at the migration that
// references a missing table, points at its statement and says it was rolled back; "Show
// Migration Status" then reads the golang-migrate history the run left: that migration pending,
// not dirty.
const assert = require('assert');
const vscode = require('vscode');
const fixture = require('../fixture.js');
const { workspaceUri } = require('./helpers.js');

suite('database commands', () => {
  const root = workspaceUri('db/migrations').fsPath.replace(/\\/g, '/');
  const versions = Array.from({ length: fixture.migrationCount }, (_, i) => String(i + 1).padStart(6, '0'));

  test('Migrate Up applies the healthy migrations and stops at the broken one, at its statement', async () => {
    // The UI layer answers the question about the error finding; here the caller has.
    const report = await vscode.commands.executeCommand('migrationLens.migrateUp', { root, runDespiteErrors: true });
    assert.ok(report, 'the command returned no report: it failed or asked something (see the extension host log)');
    assert.deepStrictEqual(report.steps.map((step) => step.version), versions.slice(0, -1));
    assert.ok(report.failure, 'the run did not fail at the broken migration');
    assert.strictEqual(report.failure.version, versions[versions.length - 1]);
    assert.match(report.failure.message, /shipments/);
    assert.strictEqual(report.failure.rolledBack, true, 'golang-migrate runs a PostgreSQL migration in one transaction');
    assert.strictEqual(report.failure.outcome, 'It was rolled back: nothing of it remains, and it is still pending.');
    assert.ok(report.failure.location, 'no location for the failing statement');
    assert.ok(report.failure.location.uri.endsWith(fixture.broken.path), report.failure.location.uri);
    const text = (await vscode.workspace.openTextDocument(workspaceUri(fixture.broken.path))).getText();
    const statementLine = text.slice(0, text.indexOf(fixture.broken.statement)).split('\n').length - 1;
    assert.strictEqual(report.failure.location.range.start.line, statementLine);
  });

  test('Show Migration Status reads the history the run left: four applied, the broken one pending (rolled back, not dirty)', async () => {
    const status = await vscode.commands.executeCommand('migrationLens.showStatus', { root });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(status, 'the command returned no status');
    assert.strictEqual(status.table, 'schema_migrations');
    assert.deepStrictEqual(
      status.migrations.map((m) => [m.version, m.state]),
      versions.map((version, i) => [version, i < versions.length - 1 ? 'applied' : 'pending']),
    );
  });
});
