const assert = require('assert');
const vscode = require('vscode');
const fixture = require('../fixture.js');
const { waitFor } = require('./helpers.js');

suite('activation', () => {
  test('the extension activates by itself in a workspace with migrations', async () => {
    const extension = vscode.extensions.getExtension(fixture.extensionId);
    assert.ok(extension, `${fixture.extensionId} is not loaded`);
    // No activate() call: the manifest's activation events must do it.
    await waitFor(`${fixture.extensionId} to activate`, () => extension.isActive);
  });

  test('every command in contributes.commands is registered', async () => {
    assert.ok(fixture.commandIds.length > 0, 'package.json contributes no commands');
    const registered = await waitFor('the extension commands', async () => {
      const all = new Set(await vscode.commands.getCommands(true));
      return fixture.commandIds.every((id) => all.has(id)) && all;
    });
    assert.deepStrictEqual(fixture.commandIds.filter((id) => !registered.has(id)), []);
  });
});
