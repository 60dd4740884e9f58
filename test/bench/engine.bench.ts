// Engine throughput on a long history: 2,000 PostgreSQL migrations (8,000 statements: create
// table, create index, add column, insert). Budgets (read from the output, never asserted):
// discover + parse + replay under 1.5 s on one core; re-replay after editing migration 1,000
// under 20 ms.
//
// The measurements run in a fresh Node process pinned to one core (taskset, when the machine has
// it): once set up as the language server and the CLI run (v8-tuning.ts), once as plain node.
// Its first (cold) analysis pays for JIT and WebAssembly compilation — the budget's figure; a
// second one on fresh files and a fresh project shows a warm process. Then migration 1,000 is
// edited ten times, as when typing: the first edit pays for compiling the incremental paths, the
// rest are what a user sees.

import { spawnSync } from 'node:child_process';
import { analyze } from '../../server/src/engine/analyze.js';
import { discoverSets } from '../../server/src/engine/discover/index.js';
import type { DirectoryEntry, FileHost } from '../../server/src/engine/host.js';
import { initParsers } from '../../server/src/engine/parse/index.js';
import { ReplayProject } from '../../server/src/engine/schema/project.js';
import { tuneV8ForEngine } from '../../server/src/v8-tuning.js';

const ROOT = '/bench/db/migrations';
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

/** The migrations in memory, so the figures measure the engine rather than the disk. */
function memoryHost(files: Map<string, string>): FileHost {
  return {
    readFile: (path) => files.get(path),
    readDirectory: (path): DirectoryEntry[] | undefined =>
      path === ROOT ? [...files.keys()].map((file) => ({ name: file.slice(ROOT.length + 1), isDirectory: false })) : undefined,
  };
}

function time<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function analysis(label: string): void {
  const files = new Map<string, string>();
  for (let i = 1; i <= COUNT; i++) files.set(`${ROOT}/${fileName(i)}`, migrationSql(i));
  const host = memoryHost(files);
  const project = new ReplayProject();

  const [sets, discoverMs] = time(() => discoverSets([ROOT], host));
  const [set] = sets;
  const [statementCount, parseMs] = time(() =>
    set.migrations.reduce((sum, m) => sum + (m.up ? project.statements(m.up, set.dialect, host)?.length ?? 0 : 0), 0),
  );
  const [final, replayMs] = time(() => project.replay(set, host).final());
  console.log(`  ${label}: ${set.migrations.length} migrations, ${statementCount} statements, ${final.tables.size} tables`);
  console.log(`    discover ${ms(discoverMs)} · parse ${ms(parseMs)} · replay ${ms(replayMs)} · total ${ms(discoverMs + parseMs + replayMs)} (budget 1500 ms)`);
  if (label.startsWith('warm')) typing(files, host, project);
}

/** Edits migration EDITED again and again; after each, the edited migration's replay, then every later snapshot. */
function typing(files: Map<string, string>, host: FileHost, project: ReplayProject): void {
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
  const figures = (values: number[]) => `${ms(values[0])} first, ${ms(median(values.slice(1)))} median of the next ${values.length - 1}`;
  console.log(`  edit migration ${EDITED} ${EDITS} times:`);
  console.log(`    re-parse + replay to the edited migration: ${figures(edited)} (budget 20 ms)`);
  console.log(`    then the ${COUNT - EDITED} later snapshots: ${figures(later)}`);
  console.log(`    edited migration and every later snapshot: ${figures(edited.map((value, i) => value + later[i]))}`);
  console.log(`    re-discovering the folder: ${figures(rediscover)}`);
}

/** The whole analysis the language server runs after an edit: discovery, replay, every rule, findings. */
function languageServerEdits(): void {
  const files = new Map<string, string>();
  for (let i = 1; i <= COUNT; i++) files.set(`${ROOT}/${fileName(i)}`, migrationSql(i));
  const host = memoryHost(files);
  const project = new ReplayProject();
  const [first, firstMs] = time(() => analyze([ROOT], host, { project }));
  const edits: number[] = [];
  for (let edit = 1; edit <= EDITS; edit++) {
    files.set(`${ROOT}/${fileName(EDITED)}`, migrationSql(EDITED, `,\n  rules_${edit} boolean`));
    edits.push(time(() => analyze([ROOT], host, { project }))[1]);
  }
  console.log(`  language server analysis (discovery, replay, ${first.findings.length} findings from every rule):`);
  console.log(`    first ${ms(firstMs)} · after an edit of migration ${EDITED}: ${ms(edits[0])} first, ${ms(median(edits.slice(1)))} median of the next ${EDITS - 1}`);
}

async function child(): Promise<void> {
  if (process.argv.includes(TUNED_FLAG)) tuneV8ForEngine();
  await initParsers();
  analysis('cold (first analysis in the process)');
  analysis('warm (second analysis, fresh files and project)');
  languageServerEdits();
}

export async function run(): Promise<void> {
  const pinned = spawnSync('taskset', ['-c', '0', process.execPath, '--version']).status === 0;
  if (!pinned) console.log('(taskset is missing: the processes are not pinned to one core)');
  for (const [label, flags] of [
    ['as the language server and the CLI run (v8-tuning.ts)', [TUNED_FLAG]],
    ['plain node', []],
  ] as const) {
    console.log(`${label}${pinned ? ', one core (taskset -c 0)' : ''}:`);
    const command = [process.execPath, '--import', 'tsx', __filename, CHILD_FLAG, ...flags];
    const result = pinned ? spawnSync('taskset', ['-c', '0', ...command], { stdio: 'inherit' }) : spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`the benchmark process failed (exit ${result.status ?? result.signal})`);
  }
}

if (process.argv.includes(CHILD_FLAG)) {
  child().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
