// Lock traces on PGlite (the local target) and on the throwaway PostgreSQL server: which locks a
// statement takes, whether it rewrites, and that nothing stays behind.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { openTarget, type DatabaseConnection, type Target } from '../../server/src/db/connection.js';
import { traceStatements, type TracedStatement } from '../../server/src/db/trace.js';
import { initEngine } from '../../server/src/engine/index.js';
import { parseStatements } from '../../server/src/engine/parse/index.js';
import { introspectPostgres } from '../../server/src/db/introspect/index.js';
import { schemaToSql } from '../../server/src/engine/schema/print.js';
import { testServerUrl } from '../support/databases/environment.js';

const postgres = testServerUrl('postgres');

const SETUP = `CREATE TABLE trace_orders (id int PRIMARY KEY, amount int NOT NULL, note text);
INSERT INTO trace_orders SELECT g, g * 10, 'n' FROM generate_series(1, 100) g`;

const MIGRATION = `CREATE INDEX trace_orders_note ON trace_orders (note);
ALTER TABLE trace_orders ALTER COLUMN amount TYPE bigint;
ALTER TABLE trace_orders ADD COLUMN shipped_at timestamptz;
CREATE INDEX CONCURRENTLY trace_orders_amount ON trace_orders (amount)`;

async function parsed(sql: string) {
  await initEngine();
  return parseStatements(sql, { start: 0, end: sql.length }, 'postgres');
}

const locksOf = (step: TracedStatement) => step.locks.filter((lock) => lock.takenByStatement).map((lock) => `${lock.relation}:${lock.mode}`);

async function withTarget(t: TestContext, target: Target, body: (connection: DatabaseConnection) => Promise<void>): Promise<void> {
  const connection = await openTarget(target);
  try {
    await connection.execute('DROP TABLE IF EXISTS trace_orders');
    for (const statement of await parsed(SETUP)) await connection.execute(statement.text);
    await body(connection);
  } finally {
    await connection.execute('DROP TABLE IF EXISTS trace_orders');
    await connection.close();
  }
}

async function checkTrace(connection: DatabaseConnection): Promise<void> {
  const before = schemaToSql(await introspectPostgres({ query: async (sql, params) => ({ rows: await connection.query(sql, params) }) }));
  const statements = await parsed(MIGRATION);
  const started = performance.now();
  const result = await traceStatements(connection, statements);
  console.log(`  traced ${statements.length} statements in ${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(result.cancelled, false);
  const [createIndex, alterType, addColumn, concurrently] = result.statements;
  assert.deepEqual(result.statements.map((s) => s.range), statements.map((s) => s.range));

  assert.ok(locksOf(alterType).includes('trace_orders:AccessExclusiveLock'), locksOf(alterType).join());
  assert.deepEqual(alterType.rewritten, ['trace_orders', 'trace_orders_note', 'trace_orders_pkey'], 'the type change copies the table and rebuilds its indexes');

  assert.ok(locksOf(createIndex).includes('trace_orders:ShareLock'), locksOf(createIndex).join());
  assert.deepEqual(createIndex.rewritten, [], 'a new index is built, nothing existing is rewritten');

  assert.deepEqual(addColumn.rewritten, [], 'a nullable column without default is a catalog change only');
  assert.ok(addColumn.locks.some((lock) => lock.relation === 'trace_orders' && lock.mode === 'AccessExclusiveLock'), 'the lock taken earlier is still held');

  assert.match(concurrently.error ?? '', /CREATE INDEX CONCURRENTLY cannot run inside a transaction block/);

  const after = schemaToSql(await introspectPostgres({ query: async (sql, params) => ({ rows: await connection.query(sql, params) }) }));
  assert.equal(after, before, 'the trace rolled everything back');
  assert.deepEqual(await connection.query("SELECT count(*)::int AS n FROM pg_locks WHERE pid = pg_backend_pid() AND relation = 'trace_orders'::regclass"), [{ n: 0 }]);
}

describe('lock trace', () => {
  test('PGlite: type change locks and rewrites, CREATE INDEX takes ShareLock, a nullable column does not rewrite', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-trace-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    await withTarget(t, { kind: 'embedded', dataDir: join(dir, 'db') }, checkTrace);
  });

  test('PostgreSQL server: the same trace', { skip: postgres.skip }, async (t) => {
    await withTarget(t, { kind: 'url', url: postgres.url! }, checkTrace);
  });

  test('earlier pending migrations run untraced first; cancellation stops between statements and still rolls back', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-trace-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    await withTarget(t, { kind: 'embedded', dataDir: join(dir, 'db') }, async (connection) => {
      const setup = await parsed('CREATE TABLE trace_items (id int, order_id int)');
      const statements = await parsed('CREATE INDEX trace_items_order ON trace_items (order_id);\nALTER TABLE trace_items ALTER COLUMN order_id TYPE bigint');
      let checks = 0;
      const result = await traceStatements(connection, statements, { setup, isCancelled: () => ++checks > 1 });
      assert.equal(result.cancelled, true);
      assert.equal(result.statements.length, 1);
      assert.ok(locksOf(result.statements[0]).includes('trace_items:ShareLock'));
      const isNew = Object.fromEntries(result.statements[0].locks.map((lock) => [lock.relation, lock.newRelation]));
      assert.deepEqual(isNew, { trace_items: false, trace_items_order: true }, 'a table the earlier pending migrations create counts as existing; the new index does not');
      assert.deepEqual(await connection.query("SELECT to_regclass('trace_items') IS NULL AS gone"), [{ gone: true }]);
    });
  });
});
