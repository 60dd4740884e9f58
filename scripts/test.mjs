// `npm test` after the build: collects test/**/*.test.ts (not e2e, not bench), starts the
// throwaway PostgreSQL and MariaDB servers once for the whole run (and a Docker engine with its
// test images when the suites under test/docker are among them), hands their URLs to node's
// test runner through environment variables, stops them afterwards, and exits with the
// runner's code.
//
//   node scripts/test.mjs                          every test
//   node scripts/test.mjs test/unit/parse          the tests under one folder (or single files)
//   node scripts/test.mjs --test-name-pattern=x …  options starting with - go to node --test
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
// End-to-end tests drive a real editor and benchmarks print figures; both have their own commands.
const excludedFolders = ['test/e2e', 'test/bench'].map((folder) => join(root, folder));
const inCi = process.env.CI === 'true';

// Set when a signal asks us to stop: the test run is told too, and the servers are still stopped.
// Registered first, so a Ctrl-C during server startup cannot leave a server behind.
let interruptedBy;
let testRun;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interruptedBy ??= signal;
    testRun?.kill(signal);
  });
}

const { startPostgres, startMariaDb, startDockerEngine, MissingServerBinary, serverVariables } = await tsImport(
  '../test/support/databases/index.ts',
  import.meta.url,
);

const args = process.argv.slice(2);
const runnerOptions = args.filter((arg) => arg.startsWith('-'));
const selectedPaths = args.filter((arg) => !arg.startsWith('-'));
const testFiles = collectTestFiles(selectedPaths.length > 0 ? selectedPaths : ['test']);
if (testFiles.length === 0) {
  console.error(`No test files (*.test.ts) under ${selectedPaths.join(', ') || 'test'}.`);
  process.exit(1);
}

const dockerSuites = join(root, 'test/docker') + '/';
const servers = [
  { kind: 'postgres', label: 'PostgreSQL', start: startPostgres },
  { kind: 'mysql', label: 'MariaDB', start: startMariaDb },
  // Minutes on a machine that has never built its images: only when its suites run.
  ...(testFiles.some((file) => file.startsWith(dockerSuites)) ? [{ kind: 'docker', label: 'Docker', start: startDockerEngine }] : []),
];

const running = [];
let exitCode = 1;
try {
  const environment = interruptedBy ? undefined : await startServers();
  if (environment && !interruptedBy) exitCode = await runTests(environment);
} finally {
  exitCode = (await stopServers()) ? exitCode : 1;
}
process.exit(interruptedBy ? 128 + constants.signals[interruptedBy] : exitCode);

/** Starts every server in parallel; returns the test processes' environment, or undefined on failure. */
async function startServers() {
  const environment = { ...process.env };
  const started = performance.now();
  const results = await Promise.allSettled(servers.map((server) => server.start()));
  // A Ctrl-C reaches initdb and mariadb-install-db too; their failures are not news then.
  if (interruptedBy) {
    results.forEach((result) => result.status === 'fulfilled' && running.push(result.value));
    console.log(`${interruptedBy}: stopping the databases.`);
    return undefined;
  }
  let ok = true;
  results.forEach((result, index) => {
    const { kind, label } = servers[index];
    const variables = serverVariables[kind];
    delete environment[variables.url];
    delete environment[variables.skipReason];
    if (result.status === 'fulfilled') {
      running.push(result.value);
      environment[variables.url] = result.value.url;
      const { initMs, startMs } = result.value.timings;
      console.log(`${label}: ${result.value.url} (data directory ${seconds(initMs)}, start ${seconds(startMs)})`);
    } else if (result.reason instanceof MissingServerBinary && !inCi) {
      environment[variables.skipReason] = result.reason.message;
      console.log(`${result.reason.message}\n  The tests that need ${label} are skipped.`);
    } else {
      ok = false;
      const consequence = result.reason instanceof MissingServerBinary ? ' (CI=true: a missing server fails the run)' : '';
      console.error(`${label} did not start${consequence}:\n${result.reason?.message ?? result.reason}`);
    }
  });
  if (!ok) return undefined;
  console.log(`Databases ready in ${seconds(performance.now() - started)}.\n`);
  return environment;
}

function runTests(environment) {
  return new Promise((resolvePromise, reject) => {
    const files = testFiles.map((file) => relative(root, file));
    testRun = spawn(
      process.execPath,
      // A test that hangs (a server that died under it) fails after 15 minutes instead of holding the run.
      ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-timeout=900000', ...runnerOptions, ...files],
      { cwd: root, env: environment, stdio: 'inherit' },
    );
    testRun.once('error', reject);
    testRun.once('close', (code) => resolvePromise(code ?? 1));
  });
}

/** Stops every started server; false when one could not be stopped (it may still be running). */
async function stopServers() {
  const results = await Promise.allSettled(running.splice(0).map((server) => server.stop()));
  const failures = results.filter((result) => result.status === 'rejected');
  for (const failure of failures) console.error(`A test database did not stop: ${failure.reason?.message ?? failure.reason}`);
  return failures.length === 0;
}

/** The *.test.ts files under the given files or folders, sorted, skipping e2e and bench. */
function collectTestFiles(paths) {
  const found = new Set();
  const visit = (path) => {
    if (excludedFolders.some((folder) => path === folder || path.startsWith(folder + '/'))) return;
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) {
      console.error(`No such file or folder: ${relative(process.cwd(), path)}`);
      process.exit(1);
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (path.endsWith('.test.ts')) {
      found.add(path);
    }
  };
  for (const path of paths) visit(resolve(path));
  return [...found].sort();
}

function seconds(milliseconds) {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}
