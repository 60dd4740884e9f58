// `check` through the real engine: exit codes, the JSON contract and the text format.
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BROKEN_MIGRATION, FIXED_MIGRATION, runCli, tempWorkspace, TYPO } from './helpers.js';

const MIGRATION = 'migrations/001_create_notes.sql';

test('exit 0 and no findings when every migration parses', async (t) => {
  const cwd = tempWorkspace(t, { [MIGRATION]: FIXED_MIGRATION });
  const run = await runCli(['check', 'migrations', '--format', 'json'], cwd);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout).findings, []);
});

test('exit 1 with a syntax-error finding at the typo, columns in UTF-16 units after non-ASCII text', async (t) => {
  const cwd = tempWorkspace(t, { [MIGRATION]: BROKEN_MIGRATION });
  const run = await runCli(['check', 'migrations', '--format', 'json', '--dialect', 'postgres'], cwd);
  assert.equal(run.code, 1, run.stderr);
  const output = JSON.parse(run.stdout);
  assert.deepEqual(Object.keys(output), ['version', 'sets', 'findings']);
  assert.equal(output.version, 1);
  assert.deepEqual(output.sets.length, 1);
  assert.deepEqual(Object.keys(output.sets[0]), ['root', 'framework', 'dialect', 'migrations']);
  assert.equal(output.sets[0].root, 'migrations');
  assert.equal(output.sets[0].dialect, 'postgres');
  assert.equal(output.sets[0].migrations, 1);
  assert.equal(typeof output.sets[0].framework, 'string');

  assert.equal(output.findings.length, 1);
  const [finding] = output.findings;
  assert.deepEqual(Object.keys(finding), ['file', 'rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'related', 'fixes']);
  assert.equal(finding.file, MIGRATION);
  assert.equal(finding.rule, 'syntax-error');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.line, TYPO.line + 1);
  // Sliced in UTF-16 units, the reported column must land exactly on the statement with the typo.
  const line = BROKEN_MIGRATION.split('\n')[TYPO.line];
  assert.ok(line.slice(finding.column - 1).startsWith('INSRT'), `column ${finding.column} points at "${line.slice(finding.column - 1)}"`);
  assert.ok(finding.endLine > finding.line || (finding.endLine === finding.line && finding.endColumn > finding.column));
});

test('text format: path:line:col, the source line, an underline and a summary', async (t) => {
  const cwd = tempWorkspace(t, { [MIGRATION]: BROKEN_MIGRATION, 'migrations/002_ok.sql': 'SELECT 1;\n' });
  const run = await runCli(['check', '.'], cwd);
  assert.equal(run.code, 1);
  const [setLine, ...lines] = run.stdout.trimEnd().split('\n');
  assert.match(setLine, /^migrations: plain, postgres \(.+\), 2 migrations$/, 'first how the set was read');
  assert.match(lines[0], new RegExp(`^migrations/001_create_notes\\.sql:2:(\\d+): error syntax-error: .+`));
  const column = Number(/:2:(\d+):/.exec(lines[0])![1]);
  const source = BROKEN_MIGRATION.split('\n')[1];
  assert.equal(lines[1], `2 | ${source}`);
  // The underline starts under the column, counted in characters as the terminal shows them.
  const caretAt = lines[2].indexOf('^') - '  | '.length;
  assert.equal(caretAt, Array.from(source.slice(0, column - 1)).length);
  assert.equal(lines.at(-1), '1 error, 0 warnings in 2 files');
});

test('exit 2 with a one-line message on bad usage or unreadable input', async (t) => {
  const cwd = tempWorkspace(t, { [MIGRATION]: FIXED_MIGRATION, 'locked/001_x.sql': 'SELECT 1;\n' });
  const cases: [string[], RegExp][] = [
    [['check', 'no-such-folder'], /path not found: no-such-folder/],
    [['check'], /no paths given/],
    [['check', 'migrations', '--format', 'xml'], /unknown format "xml"/],
    [['check', 'migrations', '--dialect', 'oracle'], /unknown dialect "oracle"/],
    [['check', 'migrations', '--verbose'], /Unknown option '--verbose'/],
    [['lint', 'migrations'], /unknown command "lint"/],
  ];
  if (process.getuid?.() !== 0) {
    chmodSync(join(cwd, 'locked'), 0o000);
    t.after(() => chmodSync(join(cwd, 'locked'), 0o755));
    cases.push([['check', 'locked'], /cannot read locked/]);
  }
  for (const [argv, message] of cases) {
    const run = await runCli(argv, cwd);
    assert.equal(run.code, 2, `${argv.join(' ')} exited ${run.code}`);
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, `one line for ${argv.join(' ')}: ${run.stderr}`);
    assert.equal(run.stdout, '');
  }
});

test('--help and --version exit 0', async (t) => {
  const cwd = tempWorkspace(t, {});
  for (const argv of [['--help'], ['--version'], ['check', '--help']]) {
    const run = await runCli(argv, cwd);
    assert.equal(run.code, 0);
    assert.notEqual(run.stdout, '');
  }
  assert.match((await runCli(['--version'], cwd)).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('a broken .migration-lens.json is reported on stderr and the check still runs', async (t) => {
  const cwd = tempWorkspace(t, { [MIGRATION]: FIXED_MIGRATION, '.migration-lens.json': '{ "pgVersion": "fifteen" }\n' });
  const run = await runCli(['check', 'migrations'], cwd);
  assert.equal(run.code, 0);
  assert.match(run.stderr, /^migration-lens check: warning: .*pgVersion/);
  assert.match(run.stdout, /no problems in 1 file\n$/);
});
