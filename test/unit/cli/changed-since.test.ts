// `check --changed-since <ref>`: findings only in files git reports as changed, while the whole
// history is still replayed; a clear exit 2 outside a repository or with an unknown ref.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { BROKEN_MIGRATION, runCli, tempWorkspace } from './helpers.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

const NOTES = 'CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);\n';

/** A repository whose first commit holds a broken 001; returns it and that commit. */
function repository(t: TestContext): { cwd: string; base: string } {
  const cwd = tempWorkspace(t, { 'migrations/001_notes.up.sql': BROKEN_MIGRATION, 'migrations/001_notes.down.sql': 'DROP TABLE notes;\n' });
  git(cwd, 'init', '--quiet');
  git(cwd, 'add', '.');
  git(cwd, 'commit', '--quiet', '-m', 'notes');
  return { cwd, base: git(cwd, 'rev-parse', 'HEAD') };
}

interface JsonFinding {
  file: string;
  rule: string;
  message: string;
}
/** Files with findings of the rules this test provokes (other rules may flag the same SQL). */
const filesWithFindings = (stdout: string) =>
  [...new Set((JSON.parse(stdout).findings as JsonFinding[]).filter((f) => ['syntax-error', 'down-does-not-restore'].includes(f.rule)).map((f) => f.file))].sort();
const anyFindingIn = (stdout: string, file: string) => (JSON.parse(stdout).findings as JsonFinding[]).some((f) => f.file === file);

test('reports only files committed since the ref, changed or untracked, replaying the whole history', async (t) => {
  const { cwd, base } = repository(t);
  // 002 is checked against 001's table: its down recreates `notes` without `body`.
  writeFileSync(join(cwd, 'migrations/002_drop_notes.up.sql'), 'DROP TABLE notes;\n');
  writeFileSync(join(cwd, 'migrations/002_drop_notes.down.sql'), 'CREATE TABLE notes (id bigint PRIMARY KEY);\n');
  git(cwd, 'add', '.');
  git(cwd, 'commit', '--quiet', '-m', '002');
  writeFileSync(join(cwd, 'migrations/003_broken.up.sql'), BROKEN_MIGRATION.replace('notes', 'notes3'));
  writeFileSync(join(cwd, 'migrations/003_broken.down.sql'), '');

  const all = await runCli(['check', 'migrations', '--format', 'json'], cwd);
  assert.deepEqual(filesWithFindings(all.stdout), ['migrations/001_notes.up.sql', 'migrations/002_drop_notes.down.sql', 'migrations/003_broken.up.sql']);

  const run = await runCli(['check', 'migrations', '--format', 'json', '--changed-since', base], cwd);
  assert.equal(run.code, 1, run.stderr);
  assert.deepEqual(filesWithFindings(run.stdout), ['migrations/002_drop_notes.down.sql', 'migrations/003_broken.up.sql']);
  assert.ok(!anyFindingIn(run.stdout, 'migrations/001_notes.up.sql'), 'nothing in the unchanged 001');
  const [downFinding] = (JSON.parse(run.stdout).findings as JsonFinding[]).filter((f) => f.rule === 'down-does-not-restore');
  assert.equal(downFinding.message, 'down does not restore column `notes.body` dropped by the up');

  writeFileSync(join(cwd, 'migrations/001_notes.up.sql'), NOTES.replace('PRIMARY KEY', 'PRIMARY KEY,'));
  const edited = await runCli(['check', 'migrations', '--format', 'json', '--changed-since', 'HEAD'], cwd);
  assert.deepEqual(filesWithFindings(edited.stdout), ['migrations/001_notes.up.sql', 'migrations/003_broken.up.sql'], 'uncommitted and untracked files');
  assert.ok(!anyFindingIn(edited.stdout, 'migrations/002_drop_notes.down.sql'), 'nothing in the committed 002');
});

test('exit 0 when the changed files have no errors, even if older ones do', async (t) => {
  const { cwd } = repository(t);
  writeFileSync(join(cwd, 'migrations/002_more.up.sql'), 'CREATE TABLE more_notes (id int);\n');
  writeFileSync(join(cwd, 'migrations/002_more.down.sql'), 'DROP TABLE more_notes;\n');
  const run = await runCli(['check', 'migrations', '--changed-since', 'HEAD'], cwd);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.doesNotMatch(run.stdout, /001_notes|syntax-error/, 'the broken 001 is not reported');
});

test('exit 2 with a clear message outside a git repository or with an unknown ref', async (t) => {
  const outside = tempWorkspace(t, { 'migrations/001_notes.sql': NOTES });
  const notRepo = await runCli(['check', 'migrations', '--changed-since', 'main'], outside);
  assert.equal(notRepo.code, 2);
  assert.match(notRepo.stderr, /--changed-since needs a git repository, and .* is not inside one/);

  const { cwd } = repository(t);
  const unknown = await runCli(['check', 'migrations', '--changed-since', 'origin/nope'], cwd);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stdout, '');
  assert.match(unknown.stderr, /unknown git ref "origin\/nope"; fetch it first/);
  const option = await runCli(['check', 'migrations', '--changed-since=--output=/tmp/x'], cwd);
  assert.equal(option.code, 2);
  assert.match(option.stderr, /unknown git ref "--output=\/tmp\/x"/);
});
