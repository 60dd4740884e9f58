const assert = require('assert');
const vscode = require('vscode');
const fixture = require('../fixture.js');
const { workspaceUri, waitFor, ruleOf } = require('./helpers.js');

suite('quick fix', () => {
  const { quickFix } = fixture;

  test(`applying the ${quickFix.rule} fix rewrites the statement`, async () => {
    await waitFor('the server to analyse the workspace', () => vscode.languages.getDiagnostics(workspaceUri(fixture.broken.path)).length > 0);
    const document = await vscode.workspace.openTextDocument(workspaceUri(quickFix.path));
    await vscode.window.showTextDocument(document);
    await waitFor(`a ${quickFix.rule} finding on ${quickFix.path}`, () => vscode.languages.getDiagnostics(document.uri).some((d) => ruleOf(d) === quickFix.rule));

    const start = document.positionAt(document.getText().indexOf(quickFix.statement));
    const range = new vscode.Range(start, start.translate(0, quickFix.statement.length));
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, range)) || [];
    const fix = actions.find((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && quickFix.titlePattern.test(a.title));
    assert.ok(fix, `no quick fix matching ${quickFix.titlePattern} among: ${JSON.stringify(actions.map((a) => a.title))}`);

    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the workspace edit was rejected');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments || []));
    assert.ok(document.getText().includes(quickFix.fixedStatement), `after "${fix.title}" the file reads:\n${document.getText()}`);
  });
});
