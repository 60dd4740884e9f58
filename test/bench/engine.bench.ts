// Engine throughput on a long history: 2,000 PostgreSQL migrations (8,000 statements: create
// table, create index, add column, insert). Budgets (read from the output, never asserted):
// discover + parse + replay under 1.5 s on one core; re-replay after editing migration 1,000
// under 20 ms.
//
// The scenario runs twice in one process on fresh files and a fresh ReplayProject: the first
// (cold) run pays for JIT and WebAssembly tier-up, the second (warm) is what a language server
// that has already analysed something sees. Both are printed; the cold one is the budget's.

import { discoverSets } from '../../server/src/engine/discover/index.js';
import type { DirectoryEntry, FileHost } from '../../server/src/engine/host.js';
import { initParsers } from '../../server/src/engine/parse/index.js';
import { ReplayProject } from '../../server/src/engine/schema/project.js';

const ROOT = '/bench/db/migrations';
const COUNT = 2000;
const EDITED = 1000;

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

interface Timing {
  wall: number;
  /** This process's CPU time (every thread, WebAssembly compilers included): steadier than wall time on a shared machine. */
  cpu: number;
}

function time<T>(work: () => T): [T, Timing] {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const result = work();
  const cpu = process.cpuUsage(cpuStart);
  return [result, { wall: performance.now() - wallStart, cpu: (cpu.user + cpu.system) / 1000 }];
}

const ms = (timing: Timing) => `${timing.wall.toFixed(1)} ms (cpu ${timing.cpu.toFixed(1)} ms)`;
const sum = (...timings: Timing[]): Timing => ({ wall: timings.reduce((s, t) => s + t.wall, 0), cpu: timings.reduce((s, t) => s + t.cpu, 0) });

function scenario(label: string): void {
  const files = new Map<string, string>();
  for (let i = 1; i <= COUNT; i++) files.set(`${ROOT}/${fileName(i)}`, migrationSql(i));
  const host = memoryHost(files);
  const project = new ReplayProject();

  const [sets, discoverMs] = time(() => discoverSets([ROOT], host));
  const [set] = sets;
  const [statementCount, parseMs] = time(() =>
    set.migrations.reduce((sum, m) => sum + (m.up ? project.statements(m.up, set.dialect, host)?.length ?? 0 : 0), 0),
  );
  const replay = project.replay(set, host);
  const [final, replayMs] = time(() => replay.final());
  console.log(`${label}: ${set.migrations.length} migrations, ${statementCount} statements, ${final.tables.size} tables`);
  console.log(`  discover ${ms(discoverMs)} · parse ${ms(parseMs)} · replay ${ms(replayMs)} · total ${ms(sum(discoverMs, parseMs, replayMs))} (budget 1500 ms)`);

  // After an edit the language server first needs the edited file's diagnostics (its migration's
  // replay: every earlier one is re-checked and reused), then later files' (replay is lazy, so
  // every later snapshot is recomputed only when asked for; here all of them are).
  const edited = `${ROOT}/${fileName(EDITED)}`;
  files.set(edited, migrationSql(EDITED, ',\n  edited boolean'));
  const [newSets, rediscoverMs] = time(() => discoverSets([ROOT], host));
  const rereplay = project.replay(newSets[0], host);
  const [editedReplay, editedMs] = time(() => rereplay.migration(EDITED - 1));
  const [newFinal, laterMs] = time(() => rereplay.final());
  const seen = editedReplay.after.tables.get(`t${EDITED}`)?.columns.some((c) => c.name === 'edited') && newFinal.tables.get(`t${EDITED}`)?.columns.some((c) => c.name === 'edited');
  console.log(
    `  edit migration ${EDITED}: re-discover ${ms(rediscoverMs)} · re-parse + replay to the edited migration ${ms(editedMs)} (budget 20 ms)` +
      ` · then the ${COUNT - EDITED} later snapshots ${ms(laterMs)} · all snapshots ready ${ms(sum(editedMs, laterMs))}${seen ? '' : ' — EDIT NOT SEEN'}`,
  );
}

export async function run(): Promise<void> {
  await initParsers();
  scenario('cold (first run in this process)');
  scenario('warm (second run, same process, fresh files and project)');
}
