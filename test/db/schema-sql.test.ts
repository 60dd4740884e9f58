// `migration-lens schema --format sql` prints DDL that runs as it is on an empty database: every
// realistic fixture set's output is applied in one go to a fresh database on the real server the
// test setup starts, and the catalog read back must equal the replayed schema — zero differences.
// (Its serial columns' sequences were once used by their defaults and never created.)
import assert from 'node:assert/strict';
import { relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { readLiveSchema } from '../../server/src/db/drift.js';
import { AnalysisSession, analyze, initEngine, normalizePath } from '../../server/src/engine/index.js';
import { splitStatements } from '../../server/src/engine/parse/index.js';
import { compareSchemas } from '../../server/src/engine/schema/compare.js';
import { createNodeFileHost } from '../../server/src/node-file-host.js';
import { runCli } from '../unit/cli/helpers.js';
import { freshDatabase, servers } from './runner-support.js';

const repository = normalizePath(resolve(import.meta.dirname, '../..'));
const FOLDERS = ['test/fixtures/frameworks', 'test/fixtures/radarr', 'examples'].map((folder) => `${repository}/${folder}`);

/** The sets with a sound history: a fixture broken on purpose (radarr's dropped tables still referenced) says nothing about printing. */
async function printableSets() {
  await initEngine();
  const analysis = analyze(FOLDERS, createNodeFileHost(), { session: new AnalysisSession() });
  const broken = (root: string) =>
    analysis.findings.some((finding) => (finding.severity === 'error' || finding.rule === 'drop-referenced-table') && finding.file.startsWith(`${root}/`));
  return analysis.sets
    .map((set, index) => ({ set, replay: analysis.replays[index] }))
    .filter(({ set, replay }) => set.migrations.length > 0 && !broken(set.root) && replay.all().every((m) => m.events.length === 0));
}

describe('schema --format sql runs on an empty database and builds the replayed schema', async () => {
  for (const { set, replay } of await printableSets()) {
    const server = set.dialect === 'postgres' ? servers.postgres : servers.mysql;
    test(`${relative(repository, set.root)} on ${set.dialect === 'postgres' ? 'PostgreSQL' : 'MariaDB'}`, { skip: server.skip }, async () => {
      const printed = await runCli(['schema', set.root, '--format', 'sql'], repository);
      assert.equal(printed.code, 0, printed.stderr);
      const database = await freshDatabase(set.dialect === 'postgres' ? 'postgres' : 'mysql');
      const connection = await database.open();
      try {
        // As psql -f and the mysql client run a file: PostgreSQL takes it whole, the mysql client statement by statement.
        const statements = set.dialect === 'postgres' ? [printed.stdout] : splitStatements(printed.stdout, { start: 0, end: printed.stdout.length }, set.dialect).map((span) => printed.stdout.slice(span.start, span.end));
        for (const statement of statements) await connection.execute(statement);
        const differences = compareSchemas(replay.final(), await readLiveSchema(connection, set));
        assert.deepEqual(differences, [], `the database built from the printed schema differs from the replay:\n${printed.stdout}`);
      } finally {
        await connection.close();
        await database.cleanup();
      }
    });
  }
});
