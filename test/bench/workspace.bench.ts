// `npm run bench -- workspace`: what a user feels, on the workspaces users have, side by side in
// one run with squawk (its CLI on the same PostgreSQL files, `squawk server` on the same open
// file and edits) and postgres-language-server (`lsp-proxy`, the same file and edits).
//
// Per workspace: a cold `check` (wall and peak memory), a second `check --cache` with nothing
// changed, and the cost per migration; then each server: workspace opened → the file's first
// diagnostics, an edit → the edited file's diagnostics (median and 95th percentile over the
// edits), an edit → the next migration's diagnostics (it depends on the edited one), and the
// server's memory right after the edits and once it has been idle for 7 s. The edits alternate: the edited migration's table is renamed and a statement
// misspelt (the next migration's foreign key loses its table), then both are undone, so every
// edit changes both files' diagnostics.
//
// Budgets are read from this output, never asserted. BENCH_SHAPES narrows the run, e.g.
// `BENCH_SHAPES=postgres-2000-downs`; BENCH_EDITS sets the number of edits (default 100:
// enough that the 95th percentile is the 5th-slowest edit, not the 2nd; the first edit after
// opening, when V8 has not compiled the edit path yet, is printed on its own row).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ms, percentile, table } from './figures.js';
import { LspSession } from './lsp-session.js';
import { generateWorkspace, shapeName, type GeneratedWorkspace, type WorkspaceShape } from './workspaces.js';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/node-flags.js';

const REPO = resolve(__dirname, '../..');
const CLI = join(REPO, 'dist/cli.js');
const SERVER = join(REPO, 'dist/server.js');
const SQUAWK = join(REPO, 'node_modules/@squawk-cli/linux-x64/bin/squawk');
const PGLS = join(REPO, 'node_modules/@postgres-language-server/cli-x86_64-linux-gnu/postgres-language-server');
const EDITS = Number(process.env.BENCH_EDITS ?? 100);
const CHECK_RUNS = 3;
const IDLE_WAIT_MS = 7000;

const SHAPES: WorkspaceShape[] = [
  { dialect: 'postgres', count: 200, downs: true },
  { dialect: 'postgres', count: 2000, downs: true },
  { dialect: 'postgres', count: 2000, downs: false },
  { dialect: 'postgres', count: 10000, downs: true },
  { dialect: 'mysql', count: 200, downs: true },
  { dialect: 'mysql', count: 2000, downs: true },
];

interface Timed {
  seconds: number;
  peakMb: number;
}

interface ServerFigures {
  open: number;
  edited: number[];
  dependent: number[];
  rssMb: number;
  /** After IDLE_WAIT_MS without an edit (our server gives memory back when idle: lsp/idle-collection.ts). */
  idleRssMb: number;
}

interface Row {
  workspace: GeneratedWorkspace;
  check: Timed;
  cached: Timed;
  squawkCheck?: Timed;
  ours: ServerFigures;
  squawk?: ServerFigures;
  pgls?: ServerFigures;
}

/** Wall time and peak memory of a command, by GNU time; the median run of `runs`. */
function timed(command: string[], cwd: string, runs = CHECK_RUNS): Timed {
  const results: Timed[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync('/usr/bin/time', ['-f', 'bench-time %e %M', ...command], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    const line = result.stderr.split('\n').find((text) => text.startsWith('bench-time '));
    if (!line) throw new Error(`${command.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
    const [, seconds, kb] = line.split(' ');
    results.push({ seconds: Number(seconds), peakMb: Number(kb) / 1024 });
  }
  return results.sort((a, b) => a.seconds - b.seconds)[Math.floor(runs / 2)];
}

async function serverFigures(command: string[], workspace: GeneratedWorkspace, withDependent: boolean): Promise<ServerFigures> {
  const session = await LspSession.start(command, workspace.root);
  try {
    const { path, text, table } = workspace.edited;
    const open = await session.open(path, text);
    await session.settle();
    const broken = `${text.replaceAll(table, `${table}_renamed`)}ALTER TABEL ${table}_renamed ADD COLUMN x integer;\n`;
    const edited: number[] = [];
    const dependent: number[] = [];
    for (let edit = 0; edit < EDITS; edit++) {
      // The dependent's foreign key loses its table with each broken edit and finds it again after.
      const loses = edit % 2 === 0;
      const expected = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === 'missing-table-reference') === loses;
      const times = await session.change(path, edit + 2, loses ? broken : text, withDependent ? { path: workspace.dependent, expected } : undefined);
      edited.push(times.edited);
      if (times.dependent !== undefined) dependent.push(times.dependent);
    }
    const rssMb = session.memory().rss;
    await new Promise((resolve) => setTimeout(resolve, IDLE_WAIT_MS));
    return { open, edited, dependent, rssMb, idleRssMb: session.memory().rss };
  } finally {
    await session.stop();
  }
}

async function measure(workspace: GeneratedWorkspace): Promise<Row> {
  const check = timed([process.execPath, CLI, 'check', workspace.root, '--format', 'json'], workspace.root);
  const cacheArgs = ['--cache', '--cache-location', join(workspace.root, '.bench-cache.json')];
  timed([process.execPath, CLI, 'check', workspace.root, '--format', 'json', ...cacheArgs], workspace.root, 1);
  const cached = timed([process.execPath, CLI, 'check', workspace.root, '--format', 'json', ...cacheArgs], workspace.root);
  const postgres = workspace.dialect === 'postgres';
  const row: Row = { workspace, check, cached, ours: await serverFigures([process.execPath, ...SERVER_NODE_FLAGS, SERVER, '--stdio'], workspace, true) };
  if (postgres) {
    row.squawkCheck = timed([SQUAWK, `${workspace.folder}/*.sql`], workspace.root);
    row.squawk = await serverFigures([SQUAWK, 'server'], workspace, false);
    row.pgls = await serverFigures([PGLS, 'lsp-proxy'], workspace, false);
  }
  return row;
}

const seconds = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(2)} s`);
const mb = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(0)} MB`);
const ratio = (ours: number | undefined, theirs: number | undefined) => (ours === undefined || theirs === undefined || theirs === 0 ? '' : ` (${(ours / theirs).toFixed(2)}×)`);

function print(rows: Row[]): void {
  const lines: string[][] = [];
  const add = (label: string, cell: (row: Row) => string) => lines.push([label, ...rows.map(cell)]);
  add('workspace', (row) => `${shapeName(row.workspace)} (${row.workspace.files} files)`);
  add('cold `check`: wall', (row) => `${seconds(row.check.seconds)}${ratio(row.check.seconds, row.squawkCheck?.seconds)}`);
  add('  per migration', (row) => ms((row.check.seconds * 1000) / row.workspace.count));
  add('  peak memory', (row) => `${mb(row.check.peakMb)}${ratio(row.check.peakMb, row.squawkCheck?.peakMb)}`);
  add('  squawk CLI: wall, peak memory', (row) => (row.squawkCheck ? `${seconds(row.squawkCheck.seconds)}, ${mb(row.squawkCheck.peakMb)}` : '—'));
  add('second `check --cache`, nothing changed', (row) => `${seconds(row.cached.seconds)}${ratio(row.cached.seconds, row.squawkCheck?.seconds)}`);
  add('server: open → first diagnostics', (row) => ms(row.ours.open));
  add('  squawk / postgres-language-server', (row) => `${ms(row.squawk?.open)} / ${ms(row.pgls?.open)}`);
  add('edit → edited file: median, p95', (row) => `${ms(percentile(row.ours.edited, 0.5))}, ${ms(percentile(row.ours.edited, 0.95))}`);
  add('  squawk', (row) => (row.squawk ? `${ms(percentile(row.squawk.edited, 0.5))}, ${ms(percentile(row.squawk.edited, 0.95))}` : '—'));
  add('  postgres-language-server', (row) => (row.pgls ? `${ms(percentile(row.pgls.edited, 0.5))}, ${ms(percentile(row.pgls.edited, 0.95))}` : '—'));
  add('edit → dependent migration re-published: median, p95', (row) => `${ms(percentile(row.ours.dependent, 0.5))}, ${ms(percentile(row.ours.dependent, 0.95))}`);
  add('  first edit after opening: edited file, dependent', (row) => `${ms(row.ours.edited[0])}, ${ms(row.ours.dependent[0])}`);
  add('server memory after the edits', (row) => `${mb(row.ours.rssMb)}${ratio(row.ours.rssMb, row.squawk?.rssMb)}`);
  add('  squawk / postgres-language-server', (row) => `${mb(row.squawk?.rssMb)} / ${mb(row.pgls?.rssMb)}`);
  add(`server memory ${IDLE_WAIT_MS / 1000} s after the last edit`, (row) => `${mb(row.ours.idleRssMb)}${ratio(row.ours.idleRssMb, row.squawk?.idleRssMb)}`);
  add('  squawk / postgres-language-server', (row) => `${mb(row.squawk?.idleRssMb)} / ${mb(row.pgls?.idleRssMb)}`);
  console.log(table(lines));
  console.log(`\n${EDITS} edits per server; checks: median of ${CHECK_RUNS} runs. Ratios are ours ÷ squawk's. "—": not measured (squawk and postgres-language-server read PostgreSQL only; they check one file at a time, so they have no dependents to re-publish).`);
}

export async function run(): Promise<void> {
  if (spawnSync(process.execPath, [CLI, '--version']).status !== 0) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const only = process.env.BENCH_SHAPES?.split(',');
  const shapes = SHAPES.filter((shape) => !only || only.includes(`${shape.dialect}-${shape.count}${shape.downs ? '-downs' : ''}`));
  const parent = mkdtempSync(join(tmpdir(), 'migration-lens-bench-'));
  try {
    const rows: Row[] = [];
    for (const shape of shapes) {
      const workspace = generateWorkspace(parent, shape);
      process.stderr.write(`measuring ${shapeName(shape)}…\n`);
      rows.push(await measure(workspace));
    }
    console.log(`Machine: ${spawnSync('nproc').stdout.toString().trim()} cores, load average ${spawnSync('cat', ['/proc/loadavg']).stdout.toString().split(' ').slice(0, 3).join(' ')} when done.\n`);
    print(rows);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
