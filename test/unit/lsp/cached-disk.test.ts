// The language server's view of the disk: project files are read afresh (no editor event covers
// them), so a file or folder that appears is seen at the next read; migration files are kept until
// an event says they changed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CachedDisk } from '../../../server/src/lsp/cached-disk.js';

function tempFolder(t: { after: (fn: () => void) => void }): string {
  const folder = mkdtempSync(join(tmpdir(), 'cached-disk-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

test('a project file that does not exist reads as undefined, and as its text once it is written', (t) => {
  const folder = tempFolder(t);
  const disk = new CachedDisk();
  const env = join(folder, '.env');
  assert.equal(disk.readFile(env), undefined);
  assert.equal(disk.readFile(join(folder, 'no-such-folder', 'package.json')), undefined);
  writeFileSync(env, 'DATABASE_URL=mysql://localhost/app\n');
  assert.equal(disk.readFile(env), 'DATABASE_URL=mysql://localhost/app\n');
  writeFileSync(env, 'DATABASE_URL=postgres://localhost/app\n');
  assert.equal(disk.readFile(env), 'DATABASE_URL=postgres://localhost/app\n', 'read afresh every time');
  rmSync(env);
  assert.equal(disk.readFile(env), undefined);
});

test('a folder that does not exist lists as undefined, and is listed once it is made', (t) => {
  const folder = tempFolder(t);
  const disk = new CachedDisk();
  const git = join(folder, '.git');
  assert.equal(disk.readDirectory(git), undefined);
  assert.equal(disk.readDirectory(git), undefined);
  assert.deepEqual(disk.takeChanged(), new Set(), 'a folder still missing is no change');
  mkdirSync(git);
  writeFileSync(join(git, 'HEAD'), 'ref: refs/heads/main\n');
  assert.deepEqual(disk.readDirectory(git), [{ name: 'HEAD', isDirectory: false }]);
  assert.deepEqual(disk.takeChanged(), new Set([git]));
});

test('a migration file is kept until it is said to have changed on disk', (t) => {
  const folder = tempFolder(t);
  const disk = new CachedDisk();
  const migration = join(folder, '001_create.up.sql');
  writeFileSync(migration, 'CREATE TABLE t (id int);\n');
  assert.equal(disk.readFile(migration), 'CREATE TABLE t (id int);\n');
  writeFileSync(migration, 'DROP TABLE t;\n');
  assert.equal(disk.readFile(migration), 'CREATE TABLE t (id int);\n');
  disk.changedOnDisk(migration);
  assert.equal(disk.readFile(migration), 'DROP TABLE t;\n');
});
