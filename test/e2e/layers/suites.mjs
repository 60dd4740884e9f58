// Layer a: the mocha suites in test/e2e/suite run inside code-server's extension host, loaded
// the way @vscode/test-electron loads them. code-server's CLI rejects --extensionDevelopmentPath
// and --extensionTestsPath, so both go in the workbench URL's `payload`, as vscode-remote URIs
// whose authority is literally "remote" in code-server.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from '../lib/browser.mjs';
import { CodeServer } from '../lib/code-server.mjs';
import { FIXTURE_WORKSPACE, OUTPUT_DIR, REPO, SUITE_ENTRY } from '../lib/paths.mjs';
import { log } from '../lib/results.mjs';
import suiteEntry from '../suite/index.js';

const SUITE_TIMEOUT_MS = 300000;
const remote = (absolutePath) => `vscode-remote://remote${absolutePath}`;

export async function runSuites(results, dir, cleanups) {
  const resultsFile = path.join(dir, 'mocha-results.json');
  const hostLogFile = path.join(OUTPUT_DIR, 'suites-extension-host.log');
  const server = await CodeServer.create(dir, FIXTURE_WORKSPACE, { MIGRATION_LENS_E2E_RESULTS: resultsFile });
  cleanups.push(() => server.stop());
  await server.start();
  log(`code-server on port ${server.port} (log: ${server.logFile})`);
  const browser = await launchBrowser(path.join(dir, 'browser'));
  cleanups.push(() => browser.close());

  const page = await browser.context.newPage();
  const hostLog = [];
  let onExit;
  const exitCode = new Promise((resolve) => { onExit = resolve; });
  // The web workbench reports extension-test output and the final code through these two hooks.
  // Workbench start-up chatter comes through the same hook; mocha's output starts at the marker
  // test/e2e/suite/index.js prints.
  let echo = false;
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...(args || []));
    hostLog.push(`${type}: ${line}`);
    echo ||= line === suiteEntry.START_MARKER;
    if (echo) console.log(`    | ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => onExit(code));
  const started = Date.now();
  await page.goto(server.url([
    ['extensionDevelopmentPath', remote(REPO)],
    ['extensionTestsPath', remote(SUITE_ENTRY)],
  ]));
  const code = await Promise.race([exitCode, new Promise((resolve) => setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS))]);
  fs.writeFileSync(hostLogFile, hostLog.join('\n') + '\n');
  log(`extension tests finished with exit code ${code} after ${Date.now() - started} ms (host log: ${hostLogFile})`);

  if (!fs.existsSync(resultsFile)) {
    results.fail('extension test suites ran', `no results from the extension host (exit code ${code}); see ${hostLogFile} and ${server.logFile}`);
  } else {
    const mocha = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    for (const test of mocha.passed) results.pass(`suite: ${test.title}`);
    for (const test of mocha.failed) results.fail(`suite: ${test.title}`, test.error);
    for (const test of mocha.pending) results.skip(`suite: ${test.title}`);
    if (code !== 0 && mocha.failed.length === 0) results.fail('extension test run exit code', `codeAutomationExit(${code})`);
  }
  await browser.close();
  log(`code-server stopped: ${await server.stop()}`);
  return browser.blocked;
}
