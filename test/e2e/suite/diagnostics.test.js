const assert = require('assert');
const vscode = require('vscode');
const fixture = require('../fixture.js');
const { workspaceUri, waitFor, ruleOf } = require('./helpers.js');

const ours = (diagnostic) => diagnostic.source === fixture.diagnosticSource;

suite('diagnostics', () => {
  const { broken } = fixture;
  let document;
  let diagnostics;

  suiteSetup(async () => {
    document = await vscode.workspace.openTextDocument(workspaceUri(broken.path));
    await vscode.window.showTextDocument(document);
    diagnostics = await waitFor(`diagnostics on ${broken.path}`, () => {
      const found = vscode.languages.getDiagnostics(document.uri).filter(ours);
      return found.length > 0 && found;
    });
  });

  test('the broken migration gets exactly one error, with its rule id and source', () => {
    assert.deepStrictEqual(
      diagnostics.map((d) => ({ rule: ruleOf(d), severity: d.severity, source: d.source })),
      [{ rule: broken.rule, severity: vscode.DiagnosticSeverity.Error, source: fixture.diagnosticSource }],
    );
    assert.match(diagnostics[0].message, new RegExp(broken.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  test('the range covers the bad token and stays inside the broken statement', () => {
    const text = document.getText();
    const statementStart = text.indexOf(broken.statement);
    const previousEnd = text.indexOf(broken.previousStatement) + broken.previousStatement.length;
    assert.ok(statementStart > previousEnd, 'fixture text changed: update test/e2e/fixture.js');
    const badToken = document.positionAt(text.indexOf(` ${broken.badToken} `, statementStart) + 1);
    const { range } = diagnostics[0];
    const where = `range ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
    assert.ok(range.contains(badToken), `${where} does not contain "${broken.badToken}" at ${badToken.line}:${badToken.character}`);
    assert.ok(document.offsetAt(range.start) >= previousEnd, `${where} reaches into the previous statement`);
    assert.ok(document.offsetAt(range.end) <= statementStart + broken.statement.length, `${where} runs past the statement`);
  });

  test('healthy migrations get no errors', () => {
    // The server publishes every migration file, opened or not, in the same pass as the broken one.
    const errors = fixture.healthy.flatMap((path) => vscode.languages.getDiagnostics(workspaceUri(path))
      .filter((d) => ours(d) && d.severity === vscode.DiagnosticSeverity.Error)
      .map((d) => `${path}: ${d.message}`));
    assert.deepStrictEqual(errors, []);
  });
});
