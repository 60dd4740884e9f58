// Two runners on the same database serialize on the framework's session lock: one applies
// everything, the other waits and then finds nothing to do. Without the lock both would apply
// migration 1 and one would fail with "relation already exists".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrateUp, type ProgressEvent } from '../../server/src/db/runner/index.js';
import { diskOptions, freshDatabase, servers, setFrom, frameworksRoot } from './runner-support.js';

for (const { kind, fixture } of [
  { kind: 'postgres' as const, fixture: 'golang-migrate/postgres' },
  { kind: 'mysql' as const, fixture: 'goose/mysql' },
]) {
  test(`two concurrent runners on ${kind} serialize`, { skip: servers[kind].skip }, async () => {
    const set = setFrom(`${frameworksRoot}/${fixture}`);
    const database = await freshDatabase(kind);
    const [first, second] = await Promise.all([database.open(), database.open()]);
    const events: string[] = [];
    const recorder = (runner: string) => diskOptions({ onProgress: (event: ProgressEvent) => events.push(`${runner}:${event.phase}`) });
    try {
      const results = await Promise.all([migrateUp(first, set, {}, recorder('A')), migrateUp(second, set, {}, recorder('B'))]);
      assert.deepEqual(results.map((r) => r.failure), [undefined, undefined]);
      assert.deepEqual(results.map((r) => r.steps.length).sort(), [0, set.migrations.length]);
      // Every event comes from the runner that won the lock: the steps never interleave.
      assert.equal(new Set(events.map((e) => e.split(':')[0])).size, 1, events.join(' '));
      assert.equal(events.length, set.migrations.length * 2);
    } finally {
      await Promise.all([first.close(), second.close()]);
      await database.cleanup();
    }
  });
}
