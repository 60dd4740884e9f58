// DockerContainer against the real Docker engine that scripts/test.mjs starts (test/support/docker):
// start a PostgreSQL container for a temp workspace, connect, stop, start again with the same
// password and data, reset, remove. The images are Debian's PostgreSQL 15 and MariaDB 10.11
// built locally (no registry answers here), so the version is always given.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openTarget } from '../../server/src/db/connection.js';
import { DockerContainer } from '../../server/src/db/docker/container.js';
import { testServerUrl } from '../support/databases/environment.js';

const { skip } = testServerUrl('docker');

test('a PostgreSQL container is started, reused after a stop with its data, reset, and removed', { skip, timeout: 300_000 }, async (t) => {
  const workspace = mkdtempSync(join(tmpdir(), 'ml-docker-'));
  const container = new DockerContainer({ workspace, engine: 'postgres', version: '15', stateDir: join(workspace, '.migration-lens') });
  t.after(() => {
    spawnSync('docker', ['rm', '--force', '--volumes', container.name]);
    rmSync(workspace, { recursive: true, force: true });
  });

  const started = await container.start();
  console.log(`  ${started.action} ${container.name}, ready after ${started.readyAfterMs} ms`);
  let connection = await openTarget(started.target);
  await connection.execute('CREATE TABLE kept (id int)');
  await connection.close();

  assert.equal(await container.stop(), true);
  const restarted = await container.start();
  assert.equal(restarted.action, 'started');
  assert.deepEqual(restarted.target, started.target);
  connection = await openTarget(restarted.target);
  assert.deepEqual(await connection.query("SELECT to_regclass('kept') IS NOT NULL AS kept"), [{ kept: true }]);
  await connection.close();

  const reset = await container.reset();
  assert.equal(reset.action, 'created');
  connection = await openTarget(reset.target);
  assert.deepEqual(await connection.query("SELECT to_regclass('kept') IS NULL AS gone"), [{ gone: true }]);
  await connection.close();
});
