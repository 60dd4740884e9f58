// Two runners on the same database serialize on the framework's session lock: one applies
// everything, the other waits (saying so) and then finds nothing to do. Without the lock both would apply
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
      // Every step comes from the runner that won the lock: the steps never interleave. The other
      // one at most says once that it waits, naming the holder.
      const steps = events.filter((e) => !e.endsWith(':waiting'));
      assert.equal(new Set(steps.map((e) => e.split(':')[0])).size, 1, events.join(' '));
      assert.equal(steps.length, set.migrations.length * 2);
      const waits = events.filter((e) => e.endsWith(':waiting'));
      assert.ok(waits.length <= 1 && waits.every((e) => e.split(':')[0] !== steps[0].split(':')[0]), events.join(' '));
    } finally {
      await Promise.all([first.close(), second.close()]);
      await database.cleanup();
    }
  });
}
