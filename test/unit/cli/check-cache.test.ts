// `check --cache`: the same output as without it, whatever changed between runs, and a cache it
// cannot read or write never fails the check.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { analyze, initEngine } from '../../../server/src/engine/index.js';
import type { Statement } from '../../../server/src/engine/model/changes.js';
import { createNodeFileHost } from '../../../server/src/node-file-host.js';
import { runCli, tempWorkspace } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

/** The radarr fixture (both trees) in a temporary workspace. */
function workspace(t: Parameters<typeof tempWorkspace>[0]): string {
  const root = tempWorkspace(t, {});
  cpSync(join(FIXTURES, 'radarr'), join(root, 'radarr'), { recursive: true });
  return root;
}

const check = (root: string, ...more: string[]) => runCli(['check', 'radarr', '--format', 'json', ...more], root);
const DIST = resolve(import.meta.dirname, '../../../dist');

/** Runs a built command line; resolves with its exit code and output whatever the code. */
async function runBuilt(cliJs: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cliJs, ...args], { cwd, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

test('a second run reads the results from the cache and prints exactly what the first printed', async (t) => {
  const root = workspace(t);
  const plain = await check(root);
  const first = await check(root, '--cache');
  const cacheFile = join(root, '.migration-lens/cache/check.json');
  assert.ok(existsSync(cacheFile));
  const written = statSync(cacheFile).mtimeMs;
  const second = await check(root, '--cache');
  // Nothing was analysed again, so nothing was written: the cache's own folder, made by the first
  // run, does not count as a change to the workspace.
  assert.equal(statSync(cacheFile).mtimeMs, written, 'the second run was answered from the cache');
  assert.deepEqual([first.code, first.stdout], [plain.code, plain.stdout]);
  assert.deepEqual([second.code, second.stdout], [plain.code, plain.stdout]);

  // The same with the workspace's root as the path, where the cache's folder is one of the entries listed.
  const other = workspace(t);
  await runCli(['check', '.', '--format', 'json', '--cache'], other);
  const rootCache = statSync(join(other, '.migration-lens/cache/check.json')).mtimeMs;
  await runCli(['check', '.', '--format', 'json', '--cache'], other);
  assert.equal(statSync(join(other, '.migration-lens/cache/check.json')).mtimeMs, rootCache, 'the second run of `check .` was answered from the cache');

  // And with --cache-location in a folder the check lists: the cache's own files appear there after
  // the first run, and must not read as a change to the workspace.
  const inTree = workspace(t);
  const located = ['--cache', '--cache-location', 'radarr/check-cache.json'];
  const third = await check(inTree, ...located);
  const locatedCache = statSync(join(inTree, 'radarr/check-cache.json')).mtimeMs;
  const fourth = await check(inTree, ...located);
  assert.equal(statSync(join(inTree, 'radarr/check-cache.json')).mtimeMs, locatedCache, 'the second run with the cache inside the checked folder was answered from the cache');
  assert.deepEqual([third.stdout, fourth.stdout], [plain.stdout, plain.stdout]);
});

test('the built command line answers a check from its cache with dist/cli.js alone, never loading the engine bundle', async (t) => {
  assert.ok(existsSync(join(DIST, 'cli-engine.js')), 'dist/ is missing: run `npm run build` first (npm test does)');
  const root = workspace(t);
  const args = ['check', 'radarr', '--format', 'json', '--cache'];
  const first = await runBuilt(join(DIST, 'cli.js'), args, root);
  assert.match(first.stdout, /"findings"/, first.stderr);
  // The entry bundle copied to a folder without dist/cli-engine.js beside it: any need of the
  // engine would fail to load it.
  mkdirSync(join(root, 'alone'));
  cpSync(join(DIST, 'cli.js'), join(root, 'alone/cli.js'));
  const alone = await runBuilt(join(root, 'alone/cli.js'), args, root);
  assert.deepEqual([alone.code, alone.stdout, alone.stderr], [first.code, first.stdout, first.stderr]);
});

test('a file changed just before a run is compared by content the next time, even when its size and time are the same', async (t) => {
  const root = workspace(t);
  const file = join(root, 'radarr/migrations/postgres/002_tasks_schema.up.sql');
  // Whole seconds, as a coarse file-system clock keeps them: an edit within the same second leaves the time as it was.
  const second = Math.floor(Date.now() / 1000);
  utimesSync(file, second, second);
  await check(root, '--cache');
  writeFileSync(file, readFileSync(file, 'utf8').replace('CREATE TABLE', 'CREATE TABEL'));
  utimesSync(file, second, second);
  const cached = await check(root, '--cache');
  const plain = await check(root);
  assert.match(plain.stdout, /syntax-error/);
  assert.deepEqual([cached.code, cached.stdout], [plain.code, plain.stdout]);
});

test('after an edit, a new file, a deleted file or another option, the cached run prints what a run without the cache prints', async (t) => {
  const root = workspace(t);
  await check(root, '--cache');
  const postgres = join(root, 'radarr/migrations/postgres');
  const changes: [string, () => void][] = [
    ['an edit', () => appendFileSync(join(postgres, '003_file_organization.up.sql'), '\nALTER TABLE movies ADD COLUMN zz integer;\n')],
    ['a new file', () => writeFileSync(join(postgres, '011_late.up.sql'), 'CREATE INDEX late_idx ON movies (title);\n')],
    ['a deleted file', () => rmSync(join(postgres, '011_late.up.sql'))],
    ['a renamed file', () => renameSync(join(postgres, '008_collections_and_parse.up.sql'), join(postgres, '012_collections_and_parse.up.sql'))],
    ['settings', () => writeFileSync(join(root, '.migration-lens.json'), JSON.stringify({ rules: { 'ban-drop-table': 'off' } }))],
  ];
  for (const [what, change] of changes) {
    change();
    const cached = await check(root, '--cache');
    const plain = await check(root);
    assert.deepEqual([cached.code, cached.stdout], [plain.code, plain.stdout], `after ${what}`);
  }
  const dialect = await check(root, '--cache', '--dialect', 'mysql');
  assert.deepEqual(dialect.stdout, (await check(root, '--dialect', 'mysql')).stdout, 'another --dialect is another result');
});

test('a broken or foreign cache is ignored, and one that cannot be written costs a warning', async (t) => {
  const root = workspace(t);
  const plain = await check(root);
  mkdirSync(join(root, '.migration-lens/cache'), { recursive: true });
  writeFileSync(join(root, '.migration-lens/cache/check.json'), '{"build": "other", "runs": {');
  const broken = await check(root, '--cache');
  assert.deepEqual([broken.code, broken.stdout, broken.stderr], [plain.code, plain.stdout, '']);
  assert.doesNotThrow(() => JSON.parse(readFileSync(join(root, '.migration-lens/cache/check.json'), 'utf8')), 'rewritten whole');

  writeFileSync(join(root, 'not-a-folder'), '');
  const unwritable = await check(root, '--cache', '--cache-location', 'not-a-folder/cache.json');
  assert.deepEqual([unwritable.code, unwritable.stdout], [plain.code, plain.stdout]);
  assert.match(unwritable.stderr, /warning: could not write the cache .*not-a-folder\/cache\.json .*the next run checks everything again/);

  // With --format json the usage error is JSON too, on stdout.
  const misuse = await check(root, '--cache-location', 'x.json');
  assert.deepEqual([misuse.code, misuse.stderr, JSON.parse(misuse.stdout).error.message], [2, '', '--cache-location needs --cache']);
});

test('statements read back from the cache analyse exactly like freshly parsed ones', async () => {
  await initEngine();
  const host = createNodeFileHost();
  const fresh = analyze([FIXTURES], host);
  // Every parse goes through JSON, as it does through the cache file.
  const kept = new Map<string, string>();
  const key = (text: string, range: { start: number; end: number }, dialect: string, sentWhole: boolean) => `${dialect}:${sentWhole}:${range.start}:${range.end}:${text}`;
  const store = {
    get: (text: string, range: { start: number; end: number }, dialect: string, sentWhole: boolean) => {
      const json = kept.get(key(text, range, dialect, sentWhole));
      return json === undefined ? undefined : (JSON.parse(json) as Statement[]);
    },
    set: (text: string, range: { start: number; end: number }, dialect: string, sentWhole: boolean, statements: Statement[]) =>
      void kept.set(key(text, range, dialect, sentWhole), JSON.stringify(statements)),
  };
  analyze([FIXTURES], host, { parses: store });
  const roundTripped = analyze([FIXTURES], host, { parses: store });
  assert.ok(kept.size > 50);
  assert.deepEqual(roundTripped.findings, fresh.findings);
});
