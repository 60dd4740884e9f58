// dist/ ships without node_modules, so a bundle that uses PGlite must find PGlite's WebAssembly
// and data files beside itself. This bundles a tiny PGlite program the way scripts/build.mjs
// bundles the server, copies the same runtime files, and runs it from a folder with nothing else.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { copyRuntimeFiles, pgliteCommonJsPlugin } from '../../scripts/runtime-files.mjs';

const root = resolve(import.meta.dirname, '../..');

const program = `
import { PGlite } from '@electric-sql/pglite';

async function main() {
  const db = new PGlite();
  const { rows } = await db.query('select 1 as answer');
  console.log(JSON.stringify(rows));
  await db.close();
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

test('a bundled PGlite program runs with only the copied runtime files beside it', async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'migration-lens-pglite-bundle-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));

  await build({
    stdin: { contents: program, loader: 'ts', resolveDir: root, sourcefile: 'pglite-program.ts' },
    outfile: join(outDir, 'program.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    plugins: [pgliteCommonJsPlugin],
  });
  copyRuntimeFiles(outDir);
  assert.ok(!readdirSync(outDir).includes('node_modules'));

  const { stdout } = await promisify(execFile)(process.execPath, ['program.js'], {
    cwd: outDir,
    env: { PATH: process.env.PATH },
  });
  assert.deepEqual(JSON.parse(stdout), [{ answer: 1 }]);
});
