// Engine throughput on a long history: 2,000 PostgreSQL migrations (8,000 statements: create
// table, create index, add column, insert). Budgets (read from the output, never asserted):
// discover + parse + replay under 1.5 s on one core; re-replay after editing migration 1,000
// under 20 ms.
//
// Each measurement runs in a fresh Node process pinned to one core (taskset, when the machine has
// it), several times, alternately set up as the language server and the CLI run (v8-tuning.ts)
// and as plain node; the table shows each figure's median and range, since one run on a shared
// machine can be a third off. A process's first (cold) analysis pays for JIT and WebAssembly
// compilation — the budget's figure; a second one on fresh files and a fresh project shows a
// warm process. Then migration 1,000 is edited ten times, as when typing: the first edit pays
// for compiling the incremental paths, the rest are what a user sees. Last, a MySQL tree of the
// same shape is analysed once (no budget): node-sql-parser's grammar check dominates it.

import { spawnSync } from 'node:child_process';
import { analyze, AnalysisSession } from '../../server/src/engine/analyze.js';
import { discoverSets } from '../../server/src/engine/discover/index.js';
import type { DirectoryEntry, FileHost } from '../../server/src/engine/host.js';
import type { Dialect } from '../../server/src/engine/model/source.js';
import { initParsers } from '../../server/src/engine/parse/index.js';
import { ReplayProject } from '../../server/src/engine/schema/project.js';
import { tuneV8ForEngine } from '../../server/src/v8-tuning.js';

const ROOT = '/bench/db/migrations';
/** The folder name makes discovery read the set as MySQL. */
const MYSQL_ROOT = '/bench/mysql/migrations';
const COUNT = 2000;
const EDITED = 1000;
const EDITS = 10;
const CHILD_FLAG = '--engine-bench-child';
const TUNED_FLAG = '--tuned';

const fileName = (i: number) => `${String(i).padStart(6, '0')}_create_t${i}.up.sql`;

function migrationSql(i: number, extraColumn = ''): string {
  const reference = i > 1 ? `,\n  parent_id bigint REFERENCES t${i - 1} (id)` : '';
  return `CREATE TABLE t${i} (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()${reference}${extraColumn}
);
CREATE INDEX t${i}_name_idx ON t${i} (name);
ALTER TABLE t${i} ADD COLUMN note varchar(100);
INSERT INTO t${i} (name) VALUES ('first');
`;
}

/** The same shape in MySQL: AUTO_INCREMENT, ENGINE=InnoDB, varchar. */
function mysqlMigrationSql(i: number): string {
  const reference = i > 1 ? `,\n  parent_id bigint REFERENCES t${i - 1} (id)` : '';
  return `CREATE TABLE t${i} (
  id bigint AUTO_INCREMENT PRIMARY KEY,
  name varchar(200) NOT NULL,
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP${reference}
) ENGINE=InnoDB;
CREATE INDEX t${i}_name_idx ON t${i} (name);
ALTER TABLE t${i} ADD COLUMN note varchar(100);
INSERT INTO t${i} (name) VALUES ('first');
`;
}

/** The migrations in memory, so the figures measure the engine rather than the disk. */
function memoryHost(files: Map<string, string>, root: string): FileHost {
  return {
    readFile: (path) => files.get(path),
    readDirectory: (path): DirectoryEntry[] | undefined =>
      path === root ? [...files.keys()].map((file) => ({ name: file.slice(root.length + 1), isDirectory: false })) : undefined,
  };
}

function time<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** What one benchmark process measured, in milliseconds; `first` and `typing` (median of the later edits) for the edits. */
interface Figures {
  statements: number;
  cold: Phases;
  warm: Phases;
  /** The first analysis of the MySQL tree, after the PostgreSQL figures (its grammar check is cold either way). */
  mysql: Phases;
  edited: Record<'first' | 'typing', number>;
  later: Record<'first' | 'typing', number>;
  editedAndLater: Record<'first' | 'typing', number>;
  rediscover: Record<'first' | 'typing', number>;
  languageServer: { first: number; findings: number; edit: Record<'first' | 'typing', number> };
}

type Phases = Record<'discover' | 'parse' | 'replay' | 'total', number>;

const RESULT_PREFIX = 'engine-bench-figures ';

/** The generated migrations in memory, and a project that has seen none of them. */
interface Workspace {
  root: string;
  dialect: Dialect;
  files: Map<string, string>;
  host: FileHost;
  project: ReplayProject;
}

function freshWorkspace(root = ROOT, sql: (i: number) => string = migrationSql, dialect: Dialect = 'postgres'): Workspace {
  const files = new Map<string, string>();
  for (let i = 1; i <= COUNT; i++) files.set(`${root}/${fileName(i)}`, sql(i));
  return { root, dialect, files, host: memoryHost(files, root), project: new ReplayProject() };
}

function analysis({ root, dialect, host, project }: Workspace): { statements: number; phases: Phases } {
  const [sets, discover] = time(() => discoverSets([root], host));
  const [set] = sets;
  const [statements, parse] = time(() =>
    set.migrations.reduce((sum, m) => sum + (m.up ? project.statements(m.up, set.dialect, host)?.length ?? 0 : 0), 0),
  );
  const [final, replay] = time(() => project.replay(set, host).final());
  if (set.dialect !== dialect) throw new Error(`discovery read the ${dialect} tree as ${set.dialect}`);
  if (set.migrations.length !== COUNT || final.tables.size !== COUNT) throw new Error(`expected ${COUNT} migrations and tables, replayed ${set.migrations.length} and ${final.tables.size}`);
  return { statements, phases: { discover, parse, replay, total: discover + parse + replay } };
}

const firstAndTyping = (values: number[]) => ({ first: values[0], typing: median(values.slice(1)) });

/** Edits migration EDITED again and again; after each, the edited migration's replay, then every later snapshot. */
function typing({ files, host, project }: Workspace): Pick<Figures, 'edited' | 'later' | 'editedAndLater' | 'rediscover'> {
  const rediscover: number[] = [];
  const edited: number[] = [];
  const later: number[] = [];
  for (let edit = 1; edit <= EDITS; edit++) {
    files.set(`${ROOT}/${fileName(EDITED)}`, migrationSql(EDITED, `,\n  edited_${edit} boolean`));
    const [[set], rediscoverMs] = time(() => discoverSets([ROOT], host));
    const replay = project.replay(set, host);
    const [editedReplay, editedMs] = time(() => replay.migration(EDITED - 1));
    const [final, laterMs] = time(() => replay.final());
    const column = `edited_${edit}`;
    const seen = [editedReplay.after, final].every((schema) => schema.tables.get(`t${EDITED}`)?.columns.some((c) => c.name === column));
    if (!seen) throw new Error(`edit ${edit} of migration ${EDITED} is missing from the replay`);
    rediscover.push(rediscoverMs);
    edited.push(editedMs);
    later.push(laterMs);
  }
  return {
    edited: firstAndTyping(edited),
    later: firstAndTyping(later),
    editedAndLater: firstAndTyping(edited.map((value, i) => value + later[i])),
    rediscover: firstAndTyping(rediscover),
  };
}

/** The whole analysis the language server runs after an edit: discovery, replay, every rule, findings. */
function languageServerEdits(): Figures['languageServer'] {
  const { files, host } = freshWorkspace();
  const session = new AnalysisSession();
  const [first, firstMs] = time(() => analyze([ROOT], host, { session }));
  const edits: number[] = [];
  for (let edit = 1; edit <= EDITS; edit++) {
    files.set(`${ROOT}/${fileName(EDITED)}`, migrationSql(EDITED, `,\n  rules_${edit} boolean`));
    edits.push(time(() => analyze([ROOT], host, { session }))[1]);
  }
  return { first: firstMs, findings: first.findings.length, edit: firstAndTyping(edits) };
}

async function child(): Promise<void> {
  if (process.argv.includes(TUNED_FLAG)) tuneV8ForEngine();
  await initParsers();
  const cold = analysis(freshWorkspace());
  const second = freshWorkspace();
  const warm = analysis(second).phases;
  const edits = typing(second);
  const languageServer = languageServerEdits();
  const figures: Figures = { statements: cold.statements, cold: cold.phases, warm, mysql: analysis(freshWorkspace(MYSQL_ROOT, mysqlMigrationSql, 'mysql')).phases, ...edits, languageServer };
  console.log(RESULT_PREFIX + JSON.stringify(figures));
}

const RUNS = Number(process.env.ENGINE_BENCH_RUNS ?? 3);

const MODES = [
  { label: 'tuned', flags: [TUNED_FLAG] },
  { label: 'plain', flags: [] },
] as const;

function measure(flags: readonly string[], pinned: boolean): Figures {
  const command = [process.execPath, '--import', 'tsx', __filename, CHILD_FLAG, ...flags];
  const result = pinned ? spawnSync('taskset', ['-c', '0', ...command], { encoding: 'utf8' }) : spawnSync(command[0], command.slice(1), { encoding: 'utf8' });
  const line = result.stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
  if (result.status !== 0 || !line) throw new Error(`the benchmark process failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as Figures;
}

export async function run(): Promise<void> {
  const pinned = spawnSync('taskset', ['-c', '0', process.execPath, '--version']).status === 0;
  const runs: Record<string, Figures[]> = { tuned: [], plain: [] };
  // Alternating the two settings spreads a slow spell of the machine over both.
  for (let i = 0; i < RUNS; i++) for (const mode of MODES) runs[mode.label].push(measure(mode.flags, pinned));
  const { statements, languageServer } = runs.tuned[0];
  console.log(`${COUNT} migrations, ${statements} statements, in memory. Each figure: the median of ${RUNS} fresh processes${pinned ? ' pinned to one core (taskset -c 0)' : ' (taskset is missing: not pinned to one core)'}, with the range.`);
  console.log('"tuned": set up as the language server and the CLI run (v8-tuning.ts); "plain": node\'s defaults.\n');
  const rows: [string, (f: Figures) => number][] = [
    ['first analysis in a process: discover + parse + replay (budget 1500 ms)', (f) => f.cold.total],
    ['  discover', (f) => f.cold.discover],
    ['  parse', (f) => f.cold.parse],
    ['  replay', (f) => f.cold.replay],
    ['second analysis, fresh files and project', (f) => f.warm.total],
    [`edit migration ${EDITED}, typing (median of edits 2–${EDITS}): re-parse + replay it (budget 20 ms)`, (f) => f.edited.typing],
    [`  then the ${COUNT - EDITED} later snapshots`, (f) => f.later.typing],
    ['  the edited migration and every later snapshot', (f) => f.editedAndLater.typing],
    ['  re-discovering the folder', (f) => f.rediscover.typing],
    [`the first edit: the edited migration and every later snapshot`, (f) => f.editedAndLater.first],
    [`language server: whole analysis of a fresh project in this warm process (every rule, ${languageServer.findings} findings)`, (f) => f.languageServer.first],
    ['language server: whole analysis after an edit, typing', (f) => f.languageServer.edit.typing],
    ['MySQL tree of the same shape: first analysis (node-sql-parser grammar check)', (f) => f.mysql.total],
    ['  parse', (f) => f.mysql.parse],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`${''.padEnd(width)}  ${MODES.map((mode) => mode.label.padEnd(24)).join('')}`);
  for (const [label, figure] of rows) {
    const cells = MODES.map((mode) => summary(runs[mode.label].map(figure)).padEnd(24));
    console.log(`${label.padEnd(width)}  ${cells.join('')}`);
  }
}

/** `median ms (min–max)`. */
function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (value: number) => (value < 100 ? value.toFixed(1) : value.toFixed(0));
  return `${round(median(sorted))} ms (${round(sorted[0])}–${round(sorted[sorted.length - 1])})`;
}

if (process.argv.includes(CHILD_FLAG)) {
  child().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
