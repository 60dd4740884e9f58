import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PersistentMap } from '../../../server/src/engine/schema/persistent-map.js';

describe('PersistentMap', () => {
  test('behaves like a map across thousands of keys, and old versions never change', () => {
    let map = PersistentMap.empty<number>();
    const versions: PersistentMap<number>[] = [];
    for (let i = 0; i < 5000; i++) {
      map = map.set(`key${i}`, i);
      if (i % 1000 === 0) versions.push(map);
    }
    assert.equal(map.size, 5000);
    for (let i = 0; i < 5000; i++) assert.equal(map.get(`key${i}`), i);
    assert.equal(versions[1].size, 1001);
    assert.equal(versions[1].get('key1001'), undefined);
    for (let i = 0; i < 5000; i += 2) map = map.delete(`key${i}`);
    assert.equal(map.size, 2500);
    assert.equal(map.get('key2'), undefined);
    assert.equal(map.get('key3'), 3);
    assert.equal([...map.keys()].length, 2500);
    assert.equal(versions[4].get('key4000'), 4000);
  });

  test('setting the same value or deleting a missing key returns the same map', () => {
    const map = PersistentMap.from([['a', 1], ['b', 2]]);
    assert.equal(map.set('a', 1), map);
    assert.equal(map.delete('zzz'), map);
    assert.deepEqual(map.sortedEntries(), [['a', 1], ['b', 2]]);
  });
});
