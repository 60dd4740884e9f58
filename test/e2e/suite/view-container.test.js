// The Migrations container in a real editor: its four views show, "New Migration" creates the
// fixture set's next golang-migrate pair named like the others and opens the up part at the
// cursor, and the Getting Started walkthrough opens. It runs last (the files sort by name): the
// new migration's files are deleted again, but its closed editor's document may stay open in
// the extension host for minutes, and the server reads open documents before the disk.
const assert = require('assert');
const path = require('path');
const vscode = require('vscode');
const fixture = require('../fixture.js');
const { waitFor, workspaceUri } = require('./helpers.js');

const VIEWS = ['migrationLens.migrations', 'migrationLens.history', 'migrationLens.database', 'migrationLens.schema'];

/** The fixture set's status as the server reads it (the embedded database is not created by a read). */
async function status(root) {
  const read = await vscode.commands.executeCommand('migrationLens.showStatus', { root });
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  return read;
}

suite('the Migrations container', () => {
  const root = workspaceUri('db/migrations').fsPath.replace(/\\/g, '/');

  test('its four views open in the activity bar container', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.migrationLens');
    for (const view of VIEWS) await vscode.commands.executeCommand(`${view}.focus`);
  });

  test('"New Migration" creates the next pair named like the set\'s own and opens the up part at the cursor', async () => {
    await waitFor('the fixture set', async () => (await status(root)) !== undefined);
    const created = await vscode.commands.executeCommand('migrationLens.newMigration', { root, description: 'Add invoice notes' });
    assert.ok(created, 'New Migration created nothing');
    const uris = created.uris.map((uri) => vscode.Uri.parse(uri));
    try {
      assert.deepStrictEqual(uris.map((uri) => path.posix.basename(uri.path)), ['000006_add_invoice_notes.up.sql', '000006_add_invoice_notes.down.sql']);
      for (const uri of uris) await vscode.workspace.fs.stat(uri);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document.uri.toString() === uris[0].toString(), 'the up part is not the active editor');
      assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [0, 0]);
      // The language server reads it as the set's sixth migration, pending.
      const withNew = await waitFor('the new migration in the status', async () => {
        const read = await status(root);
        return read.migrations.length === fixture.migrationCount + 1 && read;
      });
      assert.deepStrictEqual(withNew.migrations.map((m) => [m.version, m.name, m.state]).slice(-1), [['000006', 'add_invoice_notes', 'pending']]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      for (const uri of uris) await vscode.workspace.fs.delete(uri);
    }
  });

  test('"New Migration" with a description of no words creates nothing and says why', async () => {
    const before = (await vscode.workspace.fs.readDirectory(workspaceUri('db/migrations'))).length;
    assert.strictEqual(await vscode.commands.executeCommand('migrationLens.newMigration', { root, description: ' -- ' }), undefined);
    assert.strictEqual((await vscode.workspace.fs.readDirectory(workspaceUri('db/migrations'))).length, before);
  });

  test('the Getting Started walkthrough opens', async () => {
    const extension = vscode.extensions.getExtension(fixture.extensionId);
    const [walkthrough] = extension.packageJSON.contributes.walkthroughs;
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${fixture.extensionId}#${walkthrough.id}`, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
