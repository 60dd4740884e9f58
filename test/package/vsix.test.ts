// Packages the extension as `npm run package` does (from the dist/ that `npm test` built),
// unpacks the .vsix into an empty temporary folder with no node_modules anywhere above it, and
// runs the CLI from there on a copy of examples/: the bundles must carry everything they need.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { readZip } from './zip.js';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const MAX_VSIX_BYTES = 20 * 1024 * 1024;
const ALLOWED = [/^extension\/(dist|syntaxes|snippets)\//, /^extension\/(package\.json|readme\.md|LICENSE\.txt)$/, /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/];

test('the .vsix holds only the runtime files and its CLI finds the example syntax error', { timeout: 180_000 }, async (t) => {
  assert.ok(existsSync(join(root, 'dist/cli.js')), 'dist/ is missing: run `npm run build` first (npm test does)');
  const temp = realpathSync(mkdtempSync(join(tmpdir(), 'migration-lens-vsix-')));
  t.after(() => rmSync(temp, { recursive: true, force: true }));
  const vsix = join(temp, 'migration-lens.vsix');
  await run(join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '-o', vsix], { cwd: root });

  const size = statSync(vsix).size;
  t.diagnostic(`vsix size: ${(size / 1024 / 1024).toFixed(2)} MB`);
  assert.ok(size < MAX_VSIX_BYTES, `the .vsix is ${size} bytes`);

  const entries = readZip(readFileSync(vsix));
  const unexpected = [...entries.keys()].filter((name) => !ALLOWED.some((pattern) => pattern.test(name)));
  assert.deepEqual(unexpected, []);
  for (const [name, contents] of entries) {
    mkdirSync(dirname(join(temp, name)), { recursive: true });
    writeFileSync(join(temp, name), contents);
  }
  assert.equal(existsSync(join(temp, 'node_modules')), false);
  cpSync(join(root, 'examples'), join(temp, 'examples'), { recursive: true });

  const cli = await run(process.execPath, ['extension/dist/cli.js', 'check', 'examples', '--format', 'json'], { cwd: temp }).then(
    () => assert.fail('the check should exit 1 on the broken example'),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  assert.equal(cli.code, 1, cli.stderr);
  const { findings } = JSON.parse(cli.stdout);
  const syntaxError = findings.find((finding: { rule: string }) => finding.rule === 'syntax-error');
  assert.equal(syntaxError?.file, 'examples/postgres/000007_create_task_comments.up.sql', cli.stdout);
});
