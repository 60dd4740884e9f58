// The command line ships as the npm package's `bin` (.npmignore), not in the .vsix: the
// package `npm pack` makes holds the CLI bundle with its WebAssembly and nothing of the editor,
// and runs from where it is unpacked, with no node_modules, on a copy of examples/.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

test('npm pack holds the CLI and its runtime files only, and the CLI runs from the unpacked package', { timeout: 180_000 }, async (t) => {
  assert.ok(existsSync(join(root, 'dist/cli.js')), 'dist/ is missing: run `npm run build` first (npm test does)');
  const temp = realpathSync(mkdtempSync(join(tmpdir(), 'migration-lens-npm-')));
  t.after(() => rmSync(temp, { recursive: true, force: true }));
  const packed = await run('npm', ['pack', '--json', '--pack-destination', temp], { cwd: root });
  const [{ filename, files, size }] = JSON.parse(packed.stdout) as { filename: string; size: number; files: { path: string }[] }[];
  t.diagnostic(`npm package: ${(size / 1024 / 1024).toFixed(2)} MB`);
  assert.deepEqual(files.map((file) => file.path).sort(), [
    'LICENSE',
    'README.md',
    'dist/cli-engine.js',
    'dist/cli.js',
    'dist/initdb.wasm',
    'dist/libpg-query.wasm',
    'dist/pglite.data',
    'dist/pglite.wasm',
    'package.json',
  ]);
  const manifest = JSON.parse((await run('tar', ['-xOzf', join(temp, filename), 'package/package.json'])).stdout);
  assert.equal(manifest.bin['migration-lens'], './dist/cli.js');

  await run('tar', ['-xzf', join(temp, filename), '-C', temp]);
  cpSync(join(root, 'examples'), join(temp, 'examples'), { recursive: true });
  const cli = await run(process.execPath, [join(temp, 'package/dist/cli.js'), 'check', 'examples', '--format', 'json'], { cwd: temp }).then(
    () => assert.fail('the check should exit 1 on the broken example'),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  assert.equal(cli.code, 1, cli.stderr);
  const syntaxError = JSON.parse(cli.stdout).findings.find((finding: { rule: string }) => finding.rule === 'syntax-error');
  assert.equal(syntaxError?.file, 'examples/postgres/000007_create_task_comments.up.sql');
});
