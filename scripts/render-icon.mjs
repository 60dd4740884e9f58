// Renders images/icon.svg to images/icon.png (256×256), the extension's icon (the marketplace and
// the extensions view take a PNG), with the Chromium the e2e tests drive (scripts/setup-e2e.sh).
//
//   node scripts/render-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumExecutable, REPO } from '../test/e2e/lib/paths.mjs';

const svg = fs.readFileSync(path.join(REPO, 'images/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(REPO, 'images/icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log('images/icon.png');
