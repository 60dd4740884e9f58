// Drift (seed 002) on real databases: after the migrations ran, hand edits to the schema are
// listed against the schema replayed at the applied version, each with the migration that
// defined the object.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectDrift } from '../../server/src/db/drift.js';
import { migrateUp } from '../../server/src/db/runner/index.js';
import { LIVE_TARGETS, migrationWorkspace } from './live-schema-support.js';
import { freshDatabase } from './runner-support.js';

for (const { kind, dialect, skip } of LIVE_TARGETS) {
  describe(`drift on ${kind}`, { skip }, () => {
    test('no drift right after the migrations ran; hand edits are listed with expected, actual and the defining migration', async (t) => {
      const { root, set, replay, options } = await migrationWorkspace(t, dialect);
      const database = await freshDatabase(kind);
      const connection = await database.open();
      try {
        assert.equal((await migrateUp(connection, set, { to: '002' }, options)).failure, undefined);
        const clean = await detectDrift(connection, set, replay, options);
        assert.deepEqual(clean, { appliedVersion: '002', appliedCount: 2, notes: [], differences: [] });

        await connection.execute('ALTER TABLE orders ADD COLUMN coupon varchar(20)');
        await connection.execute(dialect === 'postgres' ? 'ALTER TABLE orders ALTER COLUMN total TYPE bigint' : 'ALTER TABLE orders MODIFY total bigint NOT NULL');
        await connection.execute(dialect === 'postgres' ? 'ALTER TABLE users ALTER COLUMN email DROP NOT NULL' : 'ALTER TABLE users MODIFY email varchar(255) NULL');
        const started = performance.now();
        const drift = await detectDrift(connection, set, replay, options);
        console.log(`  drift check in ${(performance.now() - started).toFixed(0)} ms`);

        const rows = drift.differences.map((d) => [d.object, d.property, d.expected, d.actual, d.definedBy?.version]);
        assert.deepEqual(rows, [
          ['orders.coupon', 'exists', undefined, 'present', undefined],
          ['orders.total', 'type', dialect === 'postgres' ? 'integer' : 'int', 'bigint', '002'],
          ['users.email', 'nullable', 'false', 'true', '001'],
        ]);
        const total = drift.differences.find((d) => d.object === 'orders.total')!;
        assert.equal(total.definedBy?.file, `${root}/002_create_orders.up.sql`.replace(/\\/g, '/'));
        assert.equal(total.definedBy?.line, 0, 'the CREATE TABLE that defined the column starts on the first line');
      } finally {
        await connection.close();
        await database.cleanup();
      }
    });

    test('the expected schema follows the tracking table: after up to 003 the new column is expected', async (t) => {
      const { set, replay, options } = await migrationWorkspace(t, dialect);
      const database = await freshDatabase(kind);
      const connection = await database.open();
      try {
        await migrateUp(connection, set, {}, options);
        await connection.execute('ALTER TABLE users DROP COLUMN name');
        const drift = await detectDrift(connection, set, replay, options);
        assert.equal(drift.appliedVersion, '003');
        assert.deepEqual(drift.differences.map((d) => [d.object, d.property, d.expected, d.actual, d.definedBy?.migration]), [['users.name', 'exists', 'present', undefined, 'add_user_name']]);
      } finally {
        await connection.close();
        await database.cleanup();
      }
    });
  });
}
