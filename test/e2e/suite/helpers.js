// Shared by the extension-host suites: where the fixture files are, how to wait for the
// language server, and how to read a diagnostic's rule id.
const assert = require('assert');
const vscode = require('vscode');

/** URI of a file in the opened fixture workspace (the runner opens a per-run copy). */
function workspaceUri(relativePath) {
  const folder = (vscode.workspace.workspaceFolders || [])[0];
  assert.ok(folder, 'no workspace folder is open: the runner must open the fixture workspace');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** Polls until `probe` returns a truthy value; the server answers asynchronously. */
async function waitFor(description, probe, timeoutMs = 45000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Diagnostic codes are a string or `{ value, target }` when the rule links to its docs. */
function ruleOf(diagnostic) {
  const code = diagnostic.code;
  return code !== null && typeof code === 'object' ? String(code.value) : String(code);
}

module.exports = { workspaceUri, waitFor, ruleOf };
