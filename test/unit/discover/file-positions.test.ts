// Which migrations have a part in a file: asked on every keystroke, so it is indexed once per list
// of migrations, and a list discovery re-collects after an edit of a file's text keeps the index.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiscoveryMemo, discoverSets } from '../../../server/src/engine/discover/index.js';
import { holdsFile, knownInSamePlaces, migrationsInFile } from '../../../server/src/engine/model/file-positions.js';
import { createMemoryHost as memoryHost } from './memory-host.js';

const FILES = {
  '/p/db/migrations/001_users.up.sql': 'CREATE TABLE users (id int);\n',
  '/p/db/migrations/001_users.down.sql': 'DROP TABLE users;\n',
  '/p/db/migrations/002_orders.up.sql': 'CREATE TABLE orders (id int, user_id int REFERENCES users (id));\n',
  '/p/db/migrations/003_notes.up.sql': 'CREATE TABLE notes (id int);\n',
};

test('the positions of the migrations with a part in a file, up or down', () => {
  const [set] = discoverSets(['/p'], memoryHost(FILES));
  assert.deepEqual(migrationsInFile(set, '/p/db/migrations/001_users.down.sql'), [0]);
  assert.deepEqual(migrationsInFile(set, '/p/db/migrations/003_notes.up.sql'), [2]);
  assert.deepEqual(migrationsInFile(set, '/p/db/migrations/README.md'), []);
  assert.equal(holdsFile(set, '/p/db/migrations/002_orders.up.sql'), true);
  assert.equal(holdsFile(set, '/p/other.sql'), false);
});

test('after an edit of a file\'s text, the set found again keeps the index and says it holds the same files in the same places', () => {
  const files = { ...FILES };
  const host = memoryHost(files);
  const memo = new DiscoveryMemo();
  const [before] = discoverSets(['/p'], host, { memo });
  assert.deepEqual(migrationsInFile(before, '/p/db/migrations/002_orders.up.sql'), [1]);
  files['/p/db/migrations/002_orders.up.sql'] = 'CREATE TABLE orders (id bigint);\n';
  const [after] = discoverSets(['/p'], memoryHost(files), { memo, changed: new Set(['/p/db/migrations/002_orders.up.sql']) });
  assert.notEqual(after.migrations[1], before.migrations[1], 'the edited migration was collected again');
  assert.equal(after.migrations[0], before.migrations[0], 'the others kept their objects');
  assert.ok(knownInSamePlaces(after.migrations, before.migrations));
  assert.deepEqual(migrationsInFile(after, '/p/db/migrations/002_orders.up.sql'), [1]);
});
