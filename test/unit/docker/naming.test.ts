import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerUrl, imageFor } from '../../../server/src/db/docker/engines.js';
import { containerName } from '../../../server/src/db/docker/naming.js';

test('container names are valid Docker names, readable, and unique per workspace path and engine', () => {
  const a = containerName('/home/ann/src/Shop API (old)', 'postgres');
  const b = containerName('/home/bob/src/Shop API (old)', 'postgres');
  assert.match(a, /^migration-lens-shop-api-old-postgres-[0-9a-f]{8}$/);
  assert.match(a, /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/);
  assert.notEqual(a, b, 'same folder name, different path');
  assert.notEqual(a, containerName('/home/ann/src/Shop API (old)', 'mariadb'));
  assert.match(containerName('/', 'mysql'), /^migration-lens-workspace-mysql-[0-9a-f]{8}$/);
  assert.match(containerName('/srv/---', 'mysql'), /^migration-lens-workspace-mysql-/);
});

test('image tags and loopback URLs per engine', () => {
  assert.equal(imageFor('postgres'), 'postgres:16');
  assert.equal(imageFor('mariadb', ' 10.11 '), 'mariadb:10.11');
  assert.equal(imageFor('mysql', '8.0'), 'mysql:8.0');
  assert.equal(containerUrl('mariadb', 40001), 'mariadb://root@127.0.0.1:40001/migration_lens');
});
