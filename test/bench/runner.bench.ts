// Runner throughput and overhead. Budgets (read from the output, never asserted): 200 small
// migrations applied to embedded PGlite in under 5 s; the runner's own cost per migration
// (session lock, tracking-table reads and writes, transaction) on a local PostgreSQL under 5 ms.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTarget, type DatabaseConnection } from '../../server/src/db/connection.js';
import { migrateDown, migrateUp, type RunnerOptions } from '../../server/src/db/runner/index.js';
import { discoverSets } from '../../server/src/engine/discover/index.js';
import type { MigrationSet } from '../../server/src/engine/model/migration-set.js';
import { createNodeFileHost } from '../../server/src/node-file-host.js';
import { startPostgres } from '../support/databases/postgres.js';

const COUNT = 200;

const options: RunnerOptions = { readFile: (path) => readFileSync(path, 'utf8') };

/** A goose folder of `COUNT` migrations, each a small table and an index (or just `SELECT 1`). */
function gooseSet(dir: string, body: (i: number) => string): MigrationSet {
  const root = join(dir, 'migrations');
  mkdirSync(root);
  for (let i = 1; i <= COUNT; i++) {
    writeFileSync(join(root, `${String(i).padStart(5, '0')}_step_${i}.sql`), `-- +goose Up\n${body(i)}\n-- +goose Down\nSELECT 1;\n`);
  }
  const [set] = discoverSets([root], createNodeFileHost());
  return set;
}

const smallMigration = (i: number) => `CREATE TABLE t${i} (id bigint PRIMARY KEY, name text NOT NULL);\nCREATE INDEX t${i}_name_idx ON t${i} (name);`;

async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await action();
  return { ms: performance.now() - started, value };
}

async function benchPglite(dir: string): Promise<void> {
  const set = gooseSet(dir, smallMigration);
  const opened = await timed(() => openTarget({ kind: 'embedded', dataDir: join(dir, 'pglite') }));
  const connection = opened.value;
  try {
    const up = await timed(() => migrateUp(connection, set, {}, options));
    if (up.value.failure) throw new Error(up.value.failure.message);
    console.log(`PGlite (on disk): open ${opened.ms.toFixed(0)} ms; ${COUNT} migrations up ${up.ms.toFixed(0)} ms (${(up.ms / COUNT).toFixed(1)} ms each; budget 5 s)`);
  } finally {
    await connection.close();
  }
}

/** Each migration's statements run by hand in its transaction: what the runner adds is the rest. */
async function rawCost(connection: DatabaseConnection): Promise<number> {
  const { ms } = await timed(async () => {
    for (let i = 1; i <= COUNT; i++) {
      await connection.begin();
      for (const statement of smallMigration(i).split(';\n')) await connection.execute(statement.replace(/;$/, ''));
      await connection.commit();
    }
  });
  await connection.execute('DROP SCHEMA public CASCADE');
  await connection.execute('CREATE SCHEMA public');
  return ms;
}

async function benchPostgres(dir: string): Promise<void> {
  const server = await startPostgres();
  const connection = await openTarget({ kind: 'url', url: server.url });
  try {
    const set = gooseSet(dir, smallMigration);
    const raw = await rawCost(connection);
    const up = await timed(() => migrateUp(connection, set, {}, options));
    const perMigration = (up.ms - raw) / COUNT;
    console.log(`PostgreSQL: ${COUNT} small migrations up ${up.ms.toFixed(0)} ms vs ${raw.toFixed(0)} ms for their SQL alone: runner overhead ${perMigration.toFixed(2)} ms per migration (budget 5 ms)`);
    await connection.execute('DROP SCHEMA public CASCADE');
    await connection.execute('CREATE SCHEMA public');
    const single = await timed(async () => {
      for (let i = 0; i < 20; i++) await migrateUp(connection, set, { count: 1 }, options);
    });
    console.log(`PostgreSQL: one-migration runs (lock, status read, tracking, unlock): ${(single.ms / 20).toFixed(2)} ms each`);
  } finally {
    await connection.close();
    await server.stop();
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ml-runner-bench-'));
  try {
    mkdirSync(join(dir, 'pg'));
    mkdirSync(join(dir, 'lite'));
    await benchPglite(join(dir, 'lite'));
    await benchPostgres(join(dir, 'pg'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
