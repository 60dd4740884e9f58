// Structural sharing between snapshots and incremental re-replay after an edit.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { editMigration, replaySql } from './support.js';

const tables = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ version: String(i + 1).padStart(3, '0'), up: `CREATE TABLE t${i + 1} (id int PRIMARY KEY);` }));

describe('structural sharing', () => {
  test('a table no migration touched is the same object in every later snapshot', async () => {
    const { replay } = await replaySql('postgres', [...tables(3), { version: '004', up: 'ALTER TABLE t2 ADD COLUMN x int;' }]);
    const after3 = replay.migration(2).after;
    const after4 = replay.migration(3).after;
    assert.equal(after4.tables.get('t1'), after3.tables.get('t1'));
    assert.equal(after4.tables.get('t3'), after3.tables.get('t3'));
    assert.notEqual(after4.tables.get('t2'), after3.tables.get('t2'));
    // Maps nobody changed are shared whole.
    assert.equal(after4.enums, after3.enums);
  });

  test('a migration that changes nothing returns the very same snapshot', async () => {
    const { replay } = await replaySql('postgres', [...tables(1), { version: '002', up: "INSERT INTO t1 (id) VALUES (1);" }]);
    assert.equal(replay.migration(1).after, replay.migration(1).before);
  });
});

describe('incremental replay', () => {
  test('editing migration K reuses the results before K and recomputes K and later', async () => {
    const fixture = await replaySql('postgres', tables(5));
    const { replay } = fixture;
    const before = replay.all();

    const again = editMigration(fixture, '003', 'CREATE TABLE t3 (id int PRIMARY KEY, extra text);');
    assert.equal(again, replay, 'the project keeps one replay per set');
    const after = again.all();
    // Same results, carried over to the new set's migration objects.
    assert.equal(after[0].after, before[0].after);
    assert.equal(after[1].after, before[1].after);
    assert.notEqual(after[2], before[2]);
    assert.notEqual(after[4], before[4]);
    assert.deepEqual(after[4].after.tables.get('t3')!.columns.map((c) => c.name), ['id', 'extra']);
    // Tables from before the edit are shared with the old snapshots.
    assert.equal(after[4].after.tables.get('t1'), before[4].after.tables.get('t1'));
  });

  test('nothing is replayed until asked, and only as far as asked', async () => {
    const fixture = await replaySql('postgres', tables(4));
    const { replay } = fixture;
    const first = replay.migration(0);
    editMigration(fixture, '004', 'CREATE TABLE t4b (id int);');
    assert.equal(replay.migration(0).after, first.after);
    assert.ok(replay.final().tables.has('t4b'));
  });

  test('an unchanged part is not parsed again', async () => {
    const fixture = await replaySql('postgres', tables(2));
    const part = fixture.set.migrations[0].up!;
    const statements = fixture.project.statements(part, 'postgres', fixture.host);
    assert.equal(fixture.project.statements(part, 'postgres', fixture.host), statements);
  });
});
