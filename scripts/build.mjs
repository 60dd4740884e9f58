// Bundles the extension client, the language server and the CLI into dist/, with the parsers'
// WebAssembly beside them, so dist/ runs with no node_modules (the .vsix ships only dist/).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

/** Files the bundles load at run time from their own folder (__dirname). */
function copyRuntimeFiles() {
  const libpgQuery = dirname(require.resolve('libpg-query'));
  copyFileSync(join(libpgQuery, 'libpg-query.wasm'), join(dist, 'libpg-query.wasm'));
}

await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
copyRuntimeFiles();
console.log('built dist/client.js, dist/server.js, dist/cli.js');
