#!/usr/bin/env node
// Copies the screenshots of the last UI e2e run (test-output/e2e/) to docs/images/ for the
// README, so the pictures there always come from a real, passing run and never from hand.
//
//   npm run test:e2e && npm run screenshots
import fs from 'node:fs';
import path from 'node:path';
import { OUTPUT_DIR, REPO, SCREENSHOTS } from '../test/e2e/lib/paths.mjs';

const resultsFile = path.join(OUTPUT_DIR, 'results.json');
const fail = (message) => {
  console.error(`update-screenshots: ${message}`);
  process.exit(1);
};

if (!fs.existsSync(resultsFile)) fail('no e2e results: run `npm run test:e2e` first');
const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
if (results.failed.length > 0) fail(`the last e2e run had ${results.failed.length} failure(s); fix them first`);
const missing = SCREENSHOTS.filter((file) => !results.screenshots.includes(file));
if (missing.length > 0) fail(`the last e2e run took no ${missing.join(', ')} (was the ui layer run?)`);

const target = path.join(REPO, 'docs/images');
fs.mkdirSync(target, { recursive: true });
for (const file of SCREENSHOTS) {
  fs.copyFileSync(path.join(OUTPUT_DIR, file), path.join(target, file));
  console.log(`docs/images/${file}`);
}
