import { discoverSets } from '../../server/src/engine/discover/index.js';
import { initParsers } from '../../server/src/engine/parse/index.js';
import { ReplayProject } from '../../server/src/engine/schema/project.js';
void (async () => {
  await initParsers();
  const ROOT = '/bench/db/migrations';
  const files = new Map<string, string>();
  const sql = (i: number, extra = '') => `CREATE TABLE t${i} (
  id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now()${i > 1 ? `, parent_id bigint REFERENCES t${i - 1} (id)` : ''}${extra});
CREATE INDEX t${i}_name_idx ON t${i} (name);
ALTER TABLE t${i} ADD COLUMN note varchar(100);
INSERT INTO t${i} (name) VALUES ('first');
`;
  const name = (i: number) => `${ROOT}/${String(i).padStart(6, '0')}_create_t${i}.up.sql`;
  for (let i = 1; i <= 2000; i++) files.set(name(i), sql(i));
  const host = { readFile: (p: string) => files.get(p), readDirectory: (p: string) => p === ROOT ? [...files.keys()].map((f) => ({ name: f.slice(ROOT.length + 1), isDirectory: false })) : undefined };
  const [set] = discoverSets([ROOT], host);
  const project = new ReplayProject();
  project.replay(set, host).final();
  for (let round = 0; round < 15; round++) {
    files.set(name(1000), sql(1000, `, e${round} int`));
    const t = performance.now();
    const c = process.cpuUsage();
    project.replay(set, host).final();
    const u = process.cpuUsage(c);
    console.log('re-replay', (performance.now() - t).toFixed(1), 'cpu', ((u.user + u.system) / 1000).toFixed(1));
  }
})();
