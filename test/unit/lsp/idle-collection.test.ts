// The server collects garbage only after it has been idle: never while edits keep coming, and
// an edit arriving between the two collections cancels the second.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { IdleCollection } from '../../../server/src/lsp/idle-collection.js';

function counting(): { idle: IdleCollection; count: () => number } {
  let collections = 0;
  return { idle: new IdleCollection(() => collections++), count: () => collections };
}

test('two full collections five seconds after the last analysis, none while edits keep coming', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const { idle, count } = counting();
  for (let edit = 0; edit < 10; edit++) {
    idle.workDone();
    mock.timers.tick(4000);
    idle.workPending();
    assert.equal(count(), 0, `edit ${edit}: the server was busy every four seconds`);
  }
  idle.workDone();
  mock.timers.tick(5000);
  assert.equal(count(), 1);
  mock.timers.tick(1);
  assert.equal(count(), 2);
  mock.timers.tick(60_000);
  assert.equal(count(), 2, 'and no more until the next analysis');
});

test('an edit after the first collection cancels the second', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const { idle, count } = counting();
  idle.workDone();
  mock.timers.tick(5000);
  idle.workPending();
  mock.timers.tick(60_000);
  assert.equal(count(), 1);
});

test('the real collection runs and frees what nothing holds', () => {
  const collection = new IdleCollection();
  const before = process.memoryUsage().heapUsed;
  let garbage: number[][] | undefined = Array.from({ length: 2000 }, () => Array.from({ length: 1000 }, (_, i) => i));
  assert.ok(garbage.length);
  garbage = undefined;
  (collection as unknown as { collect: () => void }).collect();
  assert.ok(process.memoryUsage().heapUsed < before + 4 * 1024 * 1024, 'the 16 MB of arrays were collected');
});
