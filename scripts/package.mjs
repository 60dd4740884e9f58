// Packages the extension as users get it: `npm run package`, the .vsix test and the e2e UI layer
// all go through here, so they test what ships. The .vsix carries the editor's bundles, their
// WebAssembly, the icon and MARKETPLACE.md (a short README whose images are packaged beside it
// and stay relative, so they show in an editor with no network); the command line ships as the
// npm package's `bin` instead (.npmignore).
//
//   node scripts/package.mjs [out.vsix]
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The extension's README in the .vsix; README.md stays the repository's, with the developer sections. */
export const MARKETPLACE_README = 'MARKETPLACE.md';

/** Writes the .vsix to `out`; returns its size in bytes, or throws with vsce's output. */
export function packageExtension(out) {
  const vsce = path.join(REPO, 'node_modules/.bin/vsce');
  const args = ['package', '--no-dependencies', '--readme-path', MARKETPLACE_README, '--no-rewrite-relative-links', '-o', out];
  const run = spawnSync(vsce, args, { cwd: REPO, encoding: 'utf8', timeout: 180000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status !== 0) throw new Error(`vsce package failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  return statSync(out).size;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? 'migration-lens.vsix');
  console.log(`${path.relative(process.cwd(), out)}: ${(packageExtension(out) / 1024 / 1024).toFixed(2)} MB`);
}
