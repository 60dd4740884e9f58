// Bundles the extension client, the language server and the CLI into dist/, with the parsers' and
// PGlite's WebAssembly beside them, so dist/ runs with no node_modules (the .vsix ships only dist/).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { copyRuntimeFiles, pgliteCommonJsPlugin } from './runtime-files.mjs';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

/**
 * What the bundles are built from: the server's sources and the locked dependencies. `check
 * --cache` reuses only results of the same build (server/src/cli/check-cache.ts).
 */
function buildId() {
  const hash = createHash('sha1');
  const files = readdirSync(join(root, 'server/src'), { recursive: true }).filter((name) => name.endsWith('.ts')).sort();
  for (const name of files) hash.update(`${name}\0`).update(readFileSync(join(root, 'server/src', name))).update('\0');
  return hash.update(readFileSync(join(root, 'package-lock.json'))).update(readFileSync(join(root, 'package.json'))).digest('base64');
}

const common = {
  define: { MIGRATION_LENS_BUILD: JSON.stringify(buildId()) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  plugins: [pgliteCommonJsPlugin],
};

/**
 * The command line is two bundles: dist/cli.js answers `check --cache` from its cache on its own,
 * and requires dist/cli-engine.js (the parsers, rules and drivers, 4 MB to read and compile) only
 * when a command needs the engine (server/src/cli/engine-bundle.ts).
 * @type {import('esbuild').Plugin}
 */
const cliEngineApart = {
  name: 'cli-engine-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/engine-side\.js$/ }, () => ({ path: './cli-engine.js', external: true }));
  },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [...common.plugins, cliEngineApart] },
  { entryPoints: ['server/src/cli/engine-side.ts'], outfile: 'dist/cli-engine.js' },
];

/**
 * esbuild escapes non-ASCII characters in strings and identifiers but copies comments as they are,
 * and one "…" in a comment makes V8 keep the whole bundle as a two-byte string: 10 MB of the
 * server's heap instead of 5, and slower to scan (loading dist/cli-engine.js: 143–150 → 127–131
 * ms). Escaped, a comment reads the same and the bundle is ASCII.
 */
const asciiOnly = (text) => text.replace(/[^\x00-\x7f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

const results = await Promise.all(entries.map((entry) => build({ ...common, ...entry, write: false })));
for (const { path, contents, text } of results.flatMap((result) => result.outputFiles)) writeFileSync(path, path.endsWith('.js') ? asciiOnly(text) : contents);
copyRuntimeFiles(dist);
console.log('built dist/client.js, dist/server.js, dist/cli.js, dist/cli-engine.js');
