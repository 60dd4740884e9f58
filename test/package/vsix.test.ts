// Packages the extension as `npm run package` does (scripts/package.mjs, from the dist/ that
// `npm test` built) and checks what users get: exactly the files the editor needs — no command
// line, no source maps — within a size budget; a README whose images are in the package; an
// icon; and a language server that runs from the unpacked .vsix with no node_modules anywhere
// above it and finds the example's syntax error.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { packageExtension } from '../../scripts/package.mjs';
import { LspTestClient } from '../protocol/lsp-client.js';
import { readZip } from './zip.js';

const root = resolve(import.meta.dirname, '../..');
/** Measured 7.2 MB (11.7 MB with the CLI and source maps); the budget leaves room to grow, not for a stray bundle or source map. */
const MAX_VSIX_BYTES = 8 * 1024 * 1024;
const EXPECTED_FILES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/dist/client.js',
  'extension/dist/initdb.wasm',
  'extension/dist/libpg-query.wasm',
  'extension/dist/pglite.data',
  'extension/dist/pglite.wasm',
  'extension/dist/server.js',
  'extension/docs/images/diagnostics-hover.png',
  'extension/docs/images/migrations-container.png',
  'extension/docs/images/migrations-view.png',
  'extension/docs/images/run-failure.png',
  'extension/images/activity-bar.svg',
  'extension/images/icon.png',
  'extension/package.json',
  'extension/readme.md',
  'extension/schemas/migration-lens.schema.json',
  'extension/snippets/frameworks.code-snippets',
  'extension/snippets/mysql.code-snippets',
  'extension/snippets/postgres.code-snippets',
  'extension/syntaxes/migration-directives.tmLanguage.json',
  'extension/walkthrough/rule-overrides.md',
  'extension/walkthrough/targets.md',
];

test('the .vsix holds exactly the editor\'s files, its README\'s images and icon, and its language server runs from it', { timeout: 180_000 }, async (t) => {
  assert.ok(existsSync(join(root, 'dist/server.js')), 'dist/ is missing: run `npm run build` first (npm test does)');
  const temp = realpathSync(mkdtempSync(join(tmpdir(), 'migration-lens-vsix-')));
  t.after(() => rmSync(temp, { recursive: true, force: true }));
  const vsix = join(temp, 'migration-lens.vsix');
  packageExtension(vsix);

  const size = statSync(vsix).size;
  t.diagnostic(`vsix size: ${(size / 1024 / 1024).toFixed(2)} MB`);
  assert.ok(size < MAX_VSIX_BYTES, `the .vsix is ${size} bytes, over the ${MAX_VSIX_BYTES} budget`);

  const entries = readZip(readFileSync(vsix));
  assert.deepEqual([...entries.keys()].sort(), EXPECTED_FILES);

  // The short marketplace README, its images relative and packaged beside it, so they show offline.
  const readme = entries.get('extension/readme.md')!.toString('utf8');
  assert.match(readme, /^# Migration Lens\n/);
  assert.doesNotMatch(readme, /^## Development/m, 'the developer sections stay in the repository README');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]);
  assert.ok(images.length > 0);
  for (const image of images) assert.ok(entries.has(`extension/${image}`), `the README shows ${image}, which the .vsix does not hold`);
  const manifest = JSON.parse(entries.get('extension/package.json')!.toString('utf8'));
  assert.ok(entries.has(`extension/${manifest.icon}`), 'no icon');
  assert.equal(entries.get(`extension/${manifest.icon}`)!.subarray(1, 4).toString('latin1'), 'PNG');

  for (const [name, contents] of entries) {
    mkdirSync(dirname(join(temp, name)), { recursive: true });
    writeFileSync(join(temp, name), contents);
  }
  assert.equal(existsSync(join(temp, 'node_modules')), false);
  cpSync(join(root, 'examples'), join(temp, 'examples'), { recursive: true });
  const client = await LspTestClient.start(t, join(temp, 'examples'), undefined, undefined, join(temp, 'extension/dist/server.js'));
  const { sets } = await client.listSets();
  assert.deepEqual(sets.map((set) => set.dialect).sort(), ['mysql', 'postgres']);
  const broken = pathToFileURL(join(temp, 'examples/postgres/000007_create_task_comments.up.sql')).href;
  const diagnostics = await client.waitForDiagnostics(broken, (found) => found.some((d) => d.code === 'syntax-error'));
  assert.ok(diagnostics.length > 0);
});
