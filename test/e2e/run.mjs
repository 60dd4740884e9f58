#!/usr/bin/env node
// End-to-end tests of Migration Lens in a real VS Code workbench (code-server, see
// scripts/setup-e2e.sh), driven through Debian's Chromium by playwright-core, on 127.0.0.1 only.
//
//   node test/e2e/run.mjs [--layer suites|ui] [--keep]
//
//   suites  the mocha suites in test/e2e/suite, run inside the extension host (vscode API)
//   ui      the packaged .vsix installed into code-server and driven through the DOM;
//           screenshots go to test-output/e2e/
//   --keep  keep the per-run directory (.vscode-test/runs/…) with workspace copies and logs
//
// Ends with the line "N passed, N failed" and exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { runSuites } from './layers/suites.mjs';
import { runUi } from './layers/ui.mjs';
import { ensureBuild } from './lib/build.mjs';
import { codeServerEntry, chromiumExecutable, OUTPUT_DIR, RUNS_DIR, SCREENSHOTS } from './lib/paths.mjs';
import { log, Results } from './lib/results.mjs';

const LAYERS = { suites: runSuites, ui: runUi };
const args = process.argv.slice(2);
const layerArg = args.includes('--layer') ? args[args.indexOf('--layer') + 1] : undefined;
if (layerArg !== undefined && !LAYERS[layerArg]) {
  console.error(`--layer must be one of ${Object.keys(LAYERS).join(', ')}`);
  process.exit(2);
}
const layers = layerArg ? [layerArg] : Object.keys(LAYERS);
const keep = args.includes('--keep');

const results = new Results();
const runDir = path.join(RUNS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
const cleanups = []; // run in reverse order: browser before code-server
const blocked = [];
const timings = [];

async function cleanUp() {
  while (cleanups.length) await cleanups.pop()().catch((error) => log(`cleanup: ${error.message}`));
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    log(`${signal}: stopping`);
    await cleanUp();
    if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
    process.exit(130);
  });
}

// Only this run's logs and pictures: update-screenshots must never copy an older run's.
fs.rmSync(OUTPUT_DIR, { recursive: true, force: true });
fs.mkdirSync(OUTPUT_DIR, { recursive: true });

const ready = await results.check('prerequisites: code-server, Chromium, dist/', () => {
  codeServerEntry();
  chromiumExecutable();
  return ensureBuild(log);
});
if (ready) {
  for (const layer of layers) {
    const started = Date.now();
    log(`── layer: ${layer}`);
    try {
      const dir = path.join(runDir, layer);
      fs.mkdirSync(dir, { recursive: true });
      blocked.push(...await LAYERS[layer](results, dir, cleanups));
    } catch (error) {
      results.fail(`${layer} layer`, error.stack || error.message);
    } finally {
      await cleanUp();
    }
    timings.push(`${layer} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

if (!keep) fs.rmSync(runDir, { recursive: true, force: true });
const blockedHosts = [...new Set(blocked.map((url) => new URL(url).host))];
log(`layers: ${timings.join(', ') || 'none run'}${keep ? `; run directory kept: ${runDir}` : ''}`);
log(`requests to non-loopback hosts aborted: ${blocked.length}${blockedHosts.length ? ` (${blockedHosts.join(', ')})` : ''}`);
for (const { name } of results.pending) log(`pending: ${name}`);
fs.writeFileSync(path.join(OUTPUT_DIR, 'results.json'), JSON.stringify({
  layers,
  passed: results.passed.length,
  failed: results.failed,
  pending: results.pending,
  screenshots: SCREENSHOTS.filter((file) => fs.existsSync(path.join(OUTPUT_DIR, file))),
}, null, 2));
console.log(`${results.passed.length} passed, ${results.failed.length} failed`);
process.exit(results.failed.length ? 1 : 0);
