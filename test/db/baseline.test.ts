// Baseline (seeds 001/004) on real databases: a schema built by hand is matched against the
// replayed schema after each migration; only an exact match is recorded, through the framework's
// own tracking table, and the framework then carries on from there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planBaseline, recordBaseline } from '../../server/src/db/baseline.js';
import { migrateUp, migrationStatus } from '../../server/src/db/runner/index.js';
import { LIVE_TARGETS, migrationWorkspace } from './live-schema-support.js';
import { freshDatabase } from './runner-support.js';

/** The same schema as 001 + 002, typed by hand the way a team without migrations would. */
const HAND_MADE = [
  'create table users (id int not null primary key, email varchar(255) not null)',
  'create table orders (id int primary key, user_id int not null, total int not null, foreign key (user_id) references users (id))',
];

for (const { kind, dialect, skip } of LIVE_TARGETS) {
  describe(`baseline on ${kind}`, { skip }, () => {
    test('the newest exact match is found, recorded after confirmation only, and the framework continues from it', async (t) => {
      const { set, replay, options } = await migrationWorkspace(t, dialect);
      assert.equal(set.framework, 'golang-migrate');
      const database = await freshDatabase(kind);
      const connection = await database.open();
      try {
        for (const sql of HAND_MADE) await connection.execute(sql);
        const started = performance.now();
        const plan = await planBaseline(connection, set, replay, options);
        console.log(`  planned a baseline over ${set.migrations.length} migrations in ${(performance.now() - started).toFixed(0)} ms`);
        assert.equal(plan.match?.version, '002');
        assert.deepEqual(plan.toRecord, ['001_create_users', '002_create_orders']);
        // Planning wrote nothing.
        assert.deepEqual((await migrationStatus(connection, set, options)).migrations.map((m) => m.state), ['pending', 'pending', 'pending']);

        assert.deepEqual(await recordBaseline(connection, set, plan, options), ['001_create_users', '002_create_orders']);
        assert.deepEqual((await migrationStatus(connection, set, options)).migrations.map((m) => m.state), ['applied', 'applied', 'pending']);
        const rows = await connection.query('SELECT version, dirty FROM schema_migrations');
        assert.deepEqual(rows.map((row) => [Number(row.version), Boolean(row.dirty)]), [[2, false]], 'golang-migrate keeps one row: the current version, clean');

        const up = await migrateUp(connection, set, {}, options);
        assert.equal(up.failure, undefined);
        assert.deepEqual(up.steps.map((s) => s.migration.version), ['003']);

        await assert.rejects(planBaseline(connection, set, replay, options), /already has migration history in schema_migrations \(3 recorded\); baseline only fills an empty history — compare it with `drift` instead/);
      } finally {
        await connection.close();
        await database.cleanup();
      }
    });

    test('no exact match: nothing is recorded, and the closest migration is shown with its differences', async (t) => {
      const { set, replay, options } = await migrationWorkspace(t, dialect);
      const database = await freshDatabase(kind);
      const connection = await database.open();
      try {
        for (const sql of HAND_MADE) await connection.execute(sql);
        await connection.execute('alter table orders add column coupon varchar(20)');
        const plan = await planBaseline(connection, set, replay, options);
        assert.equal(plan.match, undefined);
        assert.equal(plan.closest?.version, '002');
        assert.deepEqual(plan.closest?.differences.map((d) => [d.objectKind, d.object, d.property, d.expected, d.actual]), [['column', 'orders.coupon', 'exists', undefined, 'present']]);
        await assert.rejects(recordBaseline(connection, set, plan, options), /matches no migration exactly, so no history was recorded/);
        assert.equal((await migrationStatus(connection, set, options)).migrations.filter((m) => m.state !== 'pending').length, 0);
      } finally {
        await connection.close();
        await database.cleanup();
      }
    });

    test('an empty database needs no baseline', async (t) => {
      const { set, replay, options } = await migrationWorkspace(t, dialect);
      const database = await freshDatabase(kind);
      const connection = await database.open();
      try {
        assert.deepEqual(await planBaseline(connection, set, replay, options), { empty: true, toRecord: [] });
      } finally {
        await connection.close();
        await database.cleanup();
      }
    });
  });
}
