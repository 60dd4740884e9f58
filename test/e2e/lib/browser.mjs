// Headless Debian Chromium driven by playwright-core (which never downloads a browser). Every
// request to a host that is not loopback is aborted and counted, so a test cannot pass by
// reaching the internet.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumExecutable } from './paths.mjs';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function launchBrowser(dir) {
  const home = path.join(dir, 'home');
  fs.mkdirSync(home, { recursive: true });
  // A persistent context is the only way to give Chromium a fresh profile directory.
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: chromiumExecutable(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOOPBACK.has(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  return {
    context,
    blocked,
    /** Pages first: the server then drops the extension host at once instead of keeping it for a reconnect. */
    async close() {
      for (const page of context.pages()) await page.close().catch(() => {});
      await context.close().catch(() => {});
    },
  };
}
