// What a bundle in dist/ needs beside it to run with no node_modules: the files it reads at run
// time from its own folder, and the esbuild plugin that makes PGlite look for them there.
// Shared by scripts/build.mjs and test/package/pglite-bundle.test.ts.
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Copies the parsers' and PGlite's WebAssembly and data files into `outDir`, beside the bundles. */
export function copyRuntimeFiles(outDir) {
  for (const file of runtimeFiles()) copyFileSync(file, join(outDir, basename(file)));
}

function runtimeFiles() {
  const libpgQuery = dirname(require.resolve('libpg-query'));
  const pglite = dirname(require.resolve('@electric-sql/pglite'));
  return [
    join(libpgQuery, 'libpg-query.wasm'),
    // What `new PGlite()` loads; the contrib *.tar.gz beside them load only when an extension is enabled.
    join(pglite, 'pglite.wasm'),
    join(pglite, 'pglite.data'),
    join(pglite, 'initdb.wasm'),
  ];
}

/**
 * Bundles PGlite's CommonJS build even where the source says `import`. Its ES module build finds
 * pglite.wasm through import.meta.url, which is empty in a CommonJS bundle ("Invalid URL" at the
 * first query); the CommonJS build uses __filename, the bundle itself, so it finds the files that
 * copyRuntimeFiles put beside it.
 * @type {import('esbuild').Plugin}
 */
export const pgliteCommonJsPlugin = {
  name: 'pglite-commonjs',
  setup(build) {
    build.onResolve({ filter: /^@electric-sql\/pglite(\/|$)/ }, (args) =>
      args.kind === 'require-call'
        ? undefined
        : build.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, importer: args.importer }),
    );
  },
};
