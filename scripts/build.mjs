// Bundles the extension client, the language server and the CLI into dist/, with the parsers' and
// PGlite's WebAssembly beside them, so dist/ runs with no node_modules (the .vsix ships only dist/).
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { copyRuntimeFiles, pgliteCommonJsPlugin } from './runtime-files.mjs';

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
  plugins: [pgliteCommonJsPlugin],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
copyRuntimeFiles(dist);
console.log('built dist/client.js, dist/server.js, dist/cli.js');
