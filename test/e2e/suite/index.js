// Entry point for --extensionTestsPath, the contract @vscode/test-electron and code-server's
// `payload` URL share: a CommonJS module whose run() settles when the tests are done. It runs
// inside the extension host, so the *.test.js files beside it can use the full `vscode` API.
const fs = require('fs');
const path = require('path');
const mochaModule = require('mocha');

// mocha 12 is ESM-only; require() of it returns a namespace with the class as `default`.
const Mocha = mochaModule.default || mochaModule;

// The code-server runner echoes the extension host's console from this line on.
const START_MARKER = 'Migration Lens extension tests';

function run() {
  console.log(START_MARKER);
  // Slow machines need the time: the language server parses the whole workspace on start.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000 });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const results = { passed: [], failed: [], pending: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The e2e runner counts each test from this file; test-electron only needs the exit code.
      const resultsFile = process.env.MIGRATION_LENS_E2E_RESULTS;
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.passed.push({ title: test.fullTitle() }));
    runner.on('fail', (test, error) => results.failed.push({ title: test.fullTitle(), error: String(error && error.message) }));
    runner.on('pending', (test) => results.pending.push({ title: test.fullTitle() }));
  });
}

module.exports = { run, START_MARKER };
