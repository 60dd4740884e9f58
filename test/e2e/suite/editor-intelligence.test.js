const assert = require('assert');
const vscode = require('vscode');
const fixture = require('../fixture.js');
const { workspaceUri, waitFor } = require('./helpers.js');

// What the replayed history gives the editor, asked through VS Code's own command for each
// provider, as the editor asks when the user types or clicks.
suite('editor intelligence', () => {
  const path = 'db/migrations/000004_index_orders_by_customer.up.sql';

  test('completion in a later migration offers the column an earlier migration added, and definition goes to it', async () => {
    await waitFor('the server to analyse the workspace', () => vscode.languages.getDiagnostics(workspaceUri(fixture.broken.path)).length > 0);
    const document = await vscode.workspace.openTextDocument(workspaceUri(path));
    const editor = await vscode.window.showTextDocument(document);
    const typed = 'CREATE INDEX orders_status_idx ON orders (';
    const end = document.positionAt(document.getText().length);
    await editor.edit((edit) => edit.insert(end, `\n${typed}`));
    const cursor = document.positionAt(document.getText().length);
    try {
      // `status` comes from 000003 (ALTER TABLE orders ADD COLUMN status order_status …), with its type.
      const status = await waitFor('status among the completions', async () => {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, cursor, '(');
        return list.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'status');
      });
      assert.match(String(status.detail), /order_status NOT NULL · orders/);

      // `orders` in the file's own CREATE INDEX: the table 000002 created.
      const orders = document.positionAt(document.getText().indexOf('ON orders') + 'ON '.length + 1);
      const [definition] = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', document.uri, orders);
      const target = definition.targetUri || definition.uri;
      assert.ok(target.path.endsWith('000002_create_orders.up.sql'), `definition went to ${target.path}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
