// Rebuilds dist/ when it is missing or older than anything it is built from.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './paths.mjs';

const OUTPUTS = ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/cli-engine.js'];
// What scripts/build.mjs reads; syntaxes/ and snippets/ are packaged as they are.
const INPUTS = ['client/src', 'server/src', 'scripts/build.mjs', 'scripts/runtime-files.mjs', 'package.json', 'package-lock.json'];

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

export function staleBuildReason() {
  const missing = OUTPUTS.filter((file) => !fs.existsSync(path.join(REPO, file)));
  if (missing.length) return `${missing.join(', ')} missing`;
  const built = Math.min(...OUTPUTS.map((file) => fs.statSync(path.join(REPO, file)).mtimeMs));
  const changed = INPUTS.filter((input) => newestMtime(path.join(REPO, input)) > built);
  return changed.length ? `${changed.join(', ')} changed since the last build` : undefined;
}

export function ensureBuild(log) {
  const reason = staleBuildReason();
  if (!reason) return 'dist/ is up to date';
  log(`npm run build (${reason})`);
  const run = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`npm run build failed (exit ${run.status})`);
  return `rebuilt: ${reason}`;
}
