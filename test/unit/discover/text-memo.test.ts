// The per-text memo discovery keeps across analyses: one computation per text, least recently
// used texts dropped past the capacity.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextMemo } from '../../../server/src/engine/discover/text-memo.js';

test('computes once per text, also for an equal text read again', () => {
  const computed: string[] = [];
  const memo = new TextMemo((text) => {
    computed.push(text);
    return text.length;
  });
  assert.equal(memo.get('SELECT 1;'), 9);
  assert.equal(memo.get(['SELECT', '1;'].join(' ')), 9);
  assert.deepEqual(computed, ['SELECT 1;']);
});

test('past its capacity it forgets the least recently used texts first', () => {
  const computed: string[] = [];
  const memo = new TextMemo((text) => computed.push(text), 10);
  memo.get('aaaa');
  memo.get('bbbb');
  memo.get('aaaa');
  memo.get('cccc'); // 12 characters: `bbbb`, used least recently, goes
  memo.get('aaaa');
  memo.get('bbbb');
  assert.deepEqual(computed, ['aaaa', 'bbbb', 'cccc', 'bbbb']);
});
