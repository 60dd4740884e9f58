// The command line as a user meets it: a closed pipe ends the program quietly, a folder with
// nothing to check says so and exits 2, the rule list in text and JSON, every error as JSON when
// JSON was asked for, `status` over a folder of several sets, and read-only commands that create
// nothing in the workspace.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { runCli, tempWorkspace } from './helpers.js';

const cliJs = join(resolve(import.meta.dirname, '../../..'), 'dist/cli.js');

/** Many migrations, each with a finding: a report far larger than a pipe's buffer (64 KiB). */
function manyFindings(count: number): Record<string, string> {
  const files: Record<string, string> = { 'db/000000_create_items.up.sql': 'CREATE TABLE items (id bigint PRIMARY KEY, note text);\n' };
  for (let i = 1; i <= count; i++) {
    files[`db/${String(i).padStart(6, '0')}_index_${i}.up.sql`] = `CREATE INDEX items_note_${i} ON items (note);\n`;
  }
  return files;
}

test('check piped into a reader that closes early ends quietly, with its own exit code', { timeout: 120_000 }, async (t) => {
  assert.ok(existsSync(cliJs), 'dist/cli.js is missing: run `npm run build` first (npm test does)');
  const cwd = tempWorkspace(t, manyFindings(600));
  const child = spawn(process.execPath, [cliJs, 'check', 'db'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let first = '';
  // `| head -1`: read the first chunk, then close the pipe while the program still writes.
  child.stdout.once('data', (chunk) => {
    first = String(chunk);
    child.stdout.destroy();
  });
  const code = await new Promise<number | null>((done) => child.on('close', (exitCode) => done(exitCode)));
  assert.match(first, /^db: golang-migrate, postgres \(.*\), \d+ migrations\ndb\/000000_create_items\.up\.sql:1:1: warning /);
  assert.equal(stderr, '', 'no EPIPE stack trace, no message');
  assert.equal(code, 0, 'warnings only: the check itself passed');
});

test('check on a folder with no migrations says "nothing to check" once and exits 2', async (t) => {
  const cwd = tempWorkspace(t, { 'docs/README.md': '# not migrations\n' });
  const text = await runCli(['check', 'docs'], cwd);
  assert.equal(text.code, 2);
  assert.equal(text.stdout, '');
  assert.equal(text.stderr, 'migration-lens check: nothing to check: no .sql migrations found under docs\n');
  const json = await runCli(['check', 'docs', '--format', 'json'], cwd);
  assert.equal(json.code, 2);
  assert.equal(json.stderr, '');
  assert.deepEqual(JSON.parse(json.stdout), { version: 1, error: { command: 'check', message: 'nothing to check: no .sql migrations found under docs', exitCode: 2 } });
});

test('check on a folder of another engine only prints its note, says no file was checked, and exits 0', async (t) => {
  const cwd = tempWorkspace(t, { 'db/sqlite/001_users.up.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT);\n' });
  const text = await runCli(['check', 'db'], cwd);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /info unsupported-dialect: /);
  assert.match(text.stdout, /\n0 errors, 0 warnings, 1 info; no migration file checked\n$/);
});

test('check --list-rules lists every rule in text and JSON', async (t) => {
  const cwd = tempWorkspace(t, {});
  const text = await runCli(['check', '--list-rules'], cwd);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^syntax-error +syntax, error, all\n +The statement does not parse in the dialect of its migration set\.\n/);
  assert.match(text.stdout, /\nrequire-lock-timeout +safety, off \(opt-in; warning\), postgres\n/);
  const json = await runCli(['check', '--list-rules', '--format', 'json'], cwd);
  assert.equal(json.code, 0, json.stderr);
  const { version, rules } = JSON.parse(json.stdout);
  assert.equal(version, 1);
  assert.equal(text.stdout.match(/^\S/gm)!.length - 1, rules.length, 'one text entry per rule, then the closing line');
  assert.deepEqual(rules.find((rule: { id: string }) => rule.id === 'ban-drop-column'), {
    id: 'ban-drop-column',
    category: 'safety',
    dialects: ['postgres'],
    defaultLevel: 'warning',
    optIn: false,
    summary: 'Reports `ALTER TABLE … DROP COLUMN` in an up migration.',
  });
  assert.equal((await runCli(['check', '--list-rules', '--format', 'sarif'], cwd)).code, 2);
});

test('--format json: errors are JSON on every command', async (t) => {
  const cwd = tempWorkspace(t, { 'db/001_a.up.sql': 'CREATE TABLE a (id int);\n', 'db/001_a.down.sql': 'DROP TABLE a;\n' });
  const cases: string[][] = [
    ['check', 'missing-folder', '--format', 'json'],
    ['schema', 'db', '--at', '9', '--format', 'json'],
    ['status', 'nowhere', '--format', 'json'],
    ['up', 'db', '--target', 'production', '--format', 'json'],
    ['down', 'db', '--count', 'x', '--format=json'],
    ['force', 'db', '--format', 'json'],
    ['drift', 'db', '--target', 'postgres://app@db.example.com/app', '-f', 'json'],
    ['docker', 'start', '--format', 'json'],
    ['no-such-command', '--format', 'json'],
  ];
  for (const argv of cases) {
    const run = await runCli(argv, cwd);
    assert.equal(run.code, 2, `${argv.join(' ')}: ${run.stdout}${run.stderr}`);
    assert.equal(run.stderr, '', `${argv.join(' ')} printed to stderr: ${run.stderr}`);
    const { version, error } = JSON.parse(run.stdout);
    assert.equal(version, 1);
    assert.equal(typeof error.message, 'string');
    assert.equal(error.exitCode, 2);
  }
});

test('status on a folder of several sets shows each, each in its own embedded database, and creates nothing', async (t) => {
  const cwd = tempWorkspace(t, {
    'services/a/migrations/000001_create_a.up.sql': 'CREATE TABLE a (id int);\n',
    'services/a/migrations/000001_create_a.down.sql': 'DROP TABLE a;\n',
    'services/b/migrations/000001_create_b.up.sql': 'CREATE TABLE b (id int);\n',
    'services/b/migrations/000001_create_b.down.sql': 'DROP TABLE b;\n',
  });
  const text = await runCli(['status', 'services'], cwd);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^services\/a\/migrations \(golang-migrate, schema_migrations\) on embedded PostgreSQL \(\S+\/\.migration-lens\/databases\/services_a_migrations, created by the first run\)\n {2}pending {2}000001_create_a\n/);
  assert.match(text.stdout, /\nservices\/b\/migrations \(golang-migrate, schema_migrations\) on embedded PostgreSQL \(\S+\/\.migration-lens\/databases\/services_b_migrations, created by the first run\)\n {2}pending {2}000001_create_b\n/);
  const json = await runCli(['status', 'services', '--format', 'json'], cwd);
  assert.equal(json.code, 0, json.stderr);
  const { sets, warnings } = JSON.parse(json.stdout);
  assert.deepEqual(sets.map((set: { set: string }) => set.set), ['services/a/migrations', 'services/b/migrations']);
  assert.deepEqual(warnings, []);
  for (const argv of [['drift', 'services/a/migrations'], ['baseline', 'services/a/migrations'], ['schema', 'services/a/migrations'], ['check', 'services']]) {
    const run = await runCli(argv, cwd);
    assert.ok(run.code === 0, `${argv.join(' ')}: ${run.stdout}${run.stderr}`);
  }
  assert.deepEqual(readdirSync(cwd), ['services'], 'a read-only command created something in the workspace');
  // The other database commands still take one set, and say which there are.
  const up = await runCli(['up', 'services'], cwd);
  assert.equal(up.code, 2);
  assert.equal(up.stderr, 'migration-lens up: 2 migration sets under services (services/a/migrations, services/b/migrations); pass one of them\n');
});

test('status of several sets on one URL warns that they would share a tracking table', async (t) => {
  const cwd = tempWorkspace(t, {
    'a/migrations/000001_create_a.up.sql': 'CREATE TABLE a (id int);\n',
    'b/migrations/000001_create_b.up.sql': 'CREATE TABLE b (id int);\n',
  });
  // Nothing listens there: the warning comes before any connection, each set's failure after it.
  const run = await runCli(['status', '.', '--target', 'postgres://app@127.0.0.1:9/app'], cwd);
  assert.equal(run.code, 2);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines[0], 'migration-lens status: warning: a/migrations shares schema_migrations in postgres://app@127.0.0.1:9/app with b/migrations: each would read the other\'s runs as its own. Give each set a database of its own.');
  assert.equal(lines[1], 'migration-lens status: warning: b/migrations shares schema_migrations in postgres://app@127.0.0.1:9/app with a/migrations: each would read the other\'s runs as its own. Give each set a database of its own.');
});
