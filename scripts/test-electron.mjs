#!/usr/bin/env node
// Runs the extension-host suites of test/e2e/suite in desktop VS Code with @vscode/test-electron,
// for developers' machines and public CI (it downloads VS Code into .vscode-test/, which needs
// the internet; `npm run test:e2e` runs the same suites offline in code-server).
//
//   node scripts/test-electron.mjs [--vscode-version 1.100.3|stable|insiders|1.90.0]
//   VSCODE_EXECUTABLE=/path/to/code node scripts/test-electron.mjs   (use an installed VS Code)
//
// On a Linux machine without a display: xvfb-run -a node scripts/test-electron.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ensureBuild } from '../test/e2e/lib/build.mjs';
import { FIXTURE_WORKSPACE, REPO, SUITE_ENTRY } from '../test/e2e/lib/paths.mjs';

// The VS Code that code-server 4.100.3 is, so both harnesses test the same editor by default.
const DEFAULT_VERSION = '1.100.3';

const args = process.argv.slice(2);
const version = args.includes('--vscode-version') ? args[args.indexOf('--vscode-version') + 1] : DEFAULT_VERSION;

console.log(ensureBuild(console.log));
// A throwaway copy: the suites open and edit fixture files, and VS Code writes .vscode/ state.
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-lens-electron-'));
const workspace = path.join(runDir, 'workspace');
fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
const resultsFile = path.join(runDir, 'mocha-results.json');

let vscodeExitedCleanly = false;
try {
  await runTests({
    version,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: SUITE_ENTRY,
    extensionTestsEnv: { MIGRATION_LENS_E2E_RESULTS: resultsFile },
    // Fresh profile and no other extensions, as in the code-server run.
    launchArgs: [workspace, '--disable-extensions', '--user-data-dir', path.join(runDir, 'user-data'),
      '--extensions-dir', path.join(runDir, 'extensions')],
  });
  vscodeExitedCleanly = true;
} catch (error) {
  console.error(`VS Code extension tests failed: ${error.message}`);
}
const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : undefined;
fs.rmSync(runDir, { recursive: true, force: true });
if (!results) {
  console.log('0 passed, 1 failed (the suites never reported: VS Code did not start them or crashed)');
  process.exit(1);
}
for (const { title, reason } of results.pending) console.log(`pending: ${title} (until ${reason})`);
console.log(`${results.passed.length} passed, ${results.failed.length} failed`);
process.exit(vscodeExitedCleanly && results.failed.length === 0 ? 0 : 1);
