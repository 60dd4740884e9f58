// Each migration set has a database of its own: the embedded target a PGlite folder per set, the
// Docker target a database per set in its container. A workspace that has the single shared
// embedded database of earlier versions keeps what it recorded: the set whose history it holds
// takes it over, the others start empty and leave it alone.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openTarget, type DockerTarget, type Target } from '../../server/src/db/connection.js';
import { migrateUp, migrationStatus } from '../../server/src/db/runner/index.js';
import { containerSetDatabase } from '../../server/src/db/targets/container-database.js';
import { resolveTarget } from '../../server/src/db/targets/resolve.js';
import { setDatabaseName } from '../../server/src/db/targets/set-database.js';
import type { MigrationSet } from '../../server/src/engine/model/migration-set.js';
import { diskOptions, freshDatabase, frameworksRoot, servers, setFrom } from './runner-support.js';

/** A workspace with two services, each with its own golang-migrate set of the same versions. */
function twoServices(t: TestContext): { workspace: string; a: MigrationSet; b: MigrationSet } {
  const workspace = mkdtempSync(join(tmpdir(), 'ml-sets-')).replace(/\\/g, '/');
  t.after(() => rmSync(workspace, { recursive: true, force: true }));
  for (const service of ['a', 'b']) cpSync(join(frameworksRoot, 'golang-migrate/postgres'), join(workspace, service, 'migrations'), { recursive: true });
  return { workspace, a: setFrom(`${workspace}/a/migrations`), b: setFrom(`${workspace}/b/migrations`) };
}

async function states(target: Target, set: MigrationSet): Promise<string[]> {
  const connection = await openTarget(target);
  try {
    return (await migrationStatus(connection, set, diskOptions())).migrations.map((m) => m.state);
  } finally {
    await connection.close();
  }
}

async function up(target: Target, set: MigrationSet, count?: number): Promise<void> {
  const connection = await openTarget(target);
  try {
    assert.equal((await migrateUp(connection, set, { count }, diskOptions())).failure, undefined);
  } finally {
    await connection.close();
  }
}

test('sets are named after their folders; names that do not spell out plainly get a hash', () => {
  assert.equal(setDatabaseName('/repo', '/repo/db/migrations'), 'db_migrations');
  assert.equal(setDatabaseName('/repo', '/repo/services/billing/migrations'), 'services_billing_migrations');
  assert.match(setDatabaseName('/repo', '/repo/Services/API'), /^services_api_[0-9a-f]{6}$/);
  assert.match(setDatabaseName('/repo', '/repo/db_migrations'), /^db_migrations_[0-9a-f]{6}$/, 'must not collide with db/migrations');
  assert.match(setDatabaseName('/repo', '/repo/postgres'), /^postgres_[0-9a-f]{6}$/, "a server's own database name is not taken");
  assert.match(setDatabaseName('/repo', '/repo/mysql'), /^mysql_[0-9a-f]{6}$/);
  assert.equal(setDatabaseName('/repo/db', '/repo/db'), 'db', 'a set at the workspace root is named after its folder');
  assert.ok(setDatabaseName('/repo', `/repo/${'very-long-folder-name/'.repeat(5)}migrations`).length <= 49);
});

test('two sets of one workspace have two embedded databases: a run of one is not in the other', { timeout: 120_000 }, async (t) => {
  const { workspace, a, b } = twoServices(t);
  const targetOf = (set: MigrationSet) => resolveTarget({ spec: 'embedded', workspace, set });
  const [targetA, targetB] = [await targetOf(a), await targetOf(b)];
  assert.notEqual((targetA as { dataDir: string }).dataDir, (targetB as { dataDir: string }).dataDir);
  assert.match((targetA as { dataDir: string }).dataDir, /\/\.migration-lens\/databases\/a_migrations$/);
  await up(targetA, a, 1);
  assert.deepEqual(await states(targetA, a), ['applied', 'pending', 'pending', 'pending', 'pending']);
  assert.equal(existsSync((targetB as { dataDir: string }).dataDir), false, "b's database is not created by a's run");
  await up(targetB, b);
  assert.deepEqual(await states(targetB, b), ['applied', 'applied', 'applied', 'applied', 'applied']);
  assert.deepEqual(await states(targetA, a), ['applied', 'pending', 'pending', 'pending', 'pending'], "b's run is not in a's history");
  assert.deepEqual(readdirSync(join(workspace, '.migration-lens')).sort(), ['.gitignore', 'databases']);
});

test('the shared embedded database of earlier versions goes to the set whose history it holds', { timeout: 180_000 }, async (t) => {
  const workspace = mkdtempSync(join(tmpdir(), 'ml-legacy-')).replace(/\\/g, '/');
  t.after(() => rmSync(workspace, { recursive: true, force: true }));
  cpSync(join(frameworksRoot, 'golang-migrate/postgres'), join(workspace, 'api/migrations'), { recursive: true });
  cpSync(join(frameworksRoot, 'goose/postgres'), join(workspace, 'worker/migrations'), { recursive: true });
  const api = setFrom(`${workspace}/api/migrations`);
  const worker = setFrom(`${workspace}/worker/migrations`);
  // What an earlier version left: one database for every set, here with two of api's migrations.
  const shared = join(workspace, '.migration-lens', 'db');
  await up({ kind: 'embedded', dataDir: shared }, api, 2);

  // worker's history is not in it (no goose_db_version): worker starts empty, the shared one stays.
  const workerTarget = await resolveTarget({ spec: 'embedded', workspace, set: worker });
  assert.equal(existsSync(shared), true, 'a set whose history it does not hold leaves it alone');
  assert.ok((await states(workerTarget, worker)).every((state) => state === 'pending'));

  // api's history is: it moves to api's own place with everything it recorded.
  const apiTarget = await resolveTarget({ spec: 'embedded', workspace, set: api });
  assert.equal(existsSync(shared), false);
  assert.match((apiTarget as { dataDir: string }).dataDir, /\/\.migration-lens\/databases\/api_migrations$/);
  assert.deepEqual(await states(apiTarget, api), ['applied', 'applied', 'pending', 'pending', 'pending']);
  const connection = await openTarget(apiTarget);
  try {
    assert.equal((await connection.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename IN ('users', 'accounts')`))[0].n, 2, 'the tables came along');
  } finally {
    await connection.close();
  }
});

for (const kind of ['postgres', 'mysql'] as const) {
  test(`the Docker target's server (${kind === 'postgres' ? 'PostgreSQL' : 'MariaDB'}): a database per set, and the shared one goes to the set whose history it holds`, { skip: servers[kind].skip }, async () => {
    // The test server stands in for the container: a fresh database plays its default one.
    const shared = await freshDatabase(kind);
    const fixture = kind === 'postgres' ? 'golang-migrate/postgres' : 'golang-migrate/mysql';
    const set = setFrom(join(frameworksRoot, fixture).replace(/\\/g, '/'));
    const other = setFrom(join(frameworksRoot, kind === 'postgres' ? 'goose/postgres' : 'goose/mysql').replace(/\\/g, '/'));
    const container: DockerTarget = { kind: 'docker', url: shared.url!, container: 'test-server' };
    const names = [`ml_set_a_${process.pid}`, `ml_set_b_${process.pid}`];
    const created: DockerTarget[] = [];
    try {
      await up(container, set, 2);
      // goose holds no history there: it gets a new, empty database.
      const otherTarget = await containerSetDatabase(container, names[1], other);
      created.push(otherTarget);
      assert.ok(otherTarget.url.endsWith(`/${names[1]}`));
      assert.ok((await states(otherTarget, other)).every((state) => state === 'pending'));
      // golang-migrate's history is there: the set takes it over, and the default database is empty again.
      const own = await containerSetDatabase(container, names[0], set);
      created.push(own);
      assert.deepEqual(await states(own, set), ['applied', 'applied', 'pending', 'pending', 'pending']);
      assert.ok((await states(container, set)).every((state) => state === 'pending'), 'the default database no longer holds it');
      // Asked again, the set's database is simply reused.
      assert.deepEqual(await states(await containerSetDatabase(container, names[0], set), set), ['applied', 'applied', 'pending', 'pending', 'pending']);
    } finally {
      const admin = await openTarget(container);
      try {
        for (const name of names) await admin.query(kind === 'postgres' ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await admin.close();
      }
      await shared.cleanup();
    }
  });
}
