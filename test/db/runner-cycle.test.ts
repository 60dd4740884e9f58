// Full up/down cycles of every framework's fixture tree on every target of its dialect, checking
// the tracking table after each direction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrateDown, migrateUp, migrationStatus, redo } from '../../server/src/db/runner/index.js';
import { diskOptions, fixtureSets, freshDatabase, servers, type TargetKind } from './runner-support.js';


for (const set of fixtureSets()) {
  const kinds: TargetKind[] = set.dialect === 'postgres' ? ['pglite', 'postgres'] : ['mysql'];
  for (const kind of kinds) {
    const skip = kind === 'pglite' ? false : servers[kind].skip;
    const label = `${set.framework} ${set.root.slice(set.root.indexOf('frameworks/') + 11)} on ${kind}`;
    test(`${label}: up all, status, down all`, { skip }, async () => {
      const database = await freshDatabase(kind);
      const connection = await database.open();
      try {
        const options = diskOptions();
        const before = await migrationStatus(connection, set, options);
        assert.ok(before.migrations.every((m) => m.state === 'pending'));

        const up = await migrateUp(connection, set, {}, options);
        assert.equal(up.failure, undefined, up.failure?.message);
        assert.equal(up.steps.length, set.migrations.filter((m) => m.up).length);
        const after = await migrationStatus(connection, set, options);
        assert.deepEqual(after.migrations.map((m) => m.state), set.migrations.map(() => 'applied'));

        const again = await migrateUp(connection, set, {}, options);
        assert.equal(again.steps.length, 0, 'nothing left to apply');

        const withDown = set.migrations.filter((m) => m.down);
        if (withDown.length === set.migrations.length) {
          const redone = await redo(connection, set, options);
          assert.equal(redone.failure, undefined, redone.failure?.message);
          assert.deepEqual(redone.steps.map((s) => s.direction), ['down', 'up']);
          const down = await migrateDown(connection, set, { to: 'none' }, options);
          assert.equal(down.failure, undefined, down.failure?.message);
          const end = await migrationStatus(connection, set, options);
          assert.ok(end.migrations.every((m) => m.state === 'pending'), JSON.stringify(end.migrations.map((m) => [m.key, m.state])));
        }
      } finally {
        await connection.close();
        await database.cleanup();
      }
    });
  }
}
