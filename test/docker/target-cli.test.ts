// `--target docker` and `migration-lens docker …` against the real Docker engine that
// scripts/test.mjs starts (test/support/docker), on PostgreSQL and MariaDB: reading creates no
// container, a container is never replaced or removed without `reset --yes`, one flag vocabulary,
// and MariaDB's errors named by MariaDB. The images are Debian's PostgreSQL 15 and MariaDB 10.11
// built locally (no registry answers here): every command that may create a container passes
// `--docker-version`, and a version that is not built stands for "an image no registry has".
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { containerName } from '../../server/src/db/docker/naming.js';
import { testServerUrl } from '../support/databases/environment.js';
import { runCli, tempWorkspace } from '../unit/cli/helpers.js';

const { skip } = testServerUrl('docker');
const FIXTURES = fileURLToPath(new URL('../fixtures/frameworks/golang-migrate/', import.meta.url));
const GOOSE_FIXTURES = fileURLToPath(new URL('../fixtures/frameworks/goose/', import.meta.url));
/** A Flyway tree on MariaDB (flyway.conf names a mariadb URL), with a baseline migration. */
const FLYWAY_MARIADB = fileURLToPath(new URL('../fixtures/frameworks/flyway/inventory/', import.meta.url));

/** The CLI's container state file (port and password per engine). */
const readState = (cwd: string): string => readFileSync(join(cwd, '.migration-lens/docker.json'), 'utf8');

/** A workspace holding a copy of the golang-migrate fixture for `dialect`; its containers go with it. */
function workspaceWith(t: TestContext, dialect: 'postgres' | 'mysql' = 'postgres', extra: Record<string, string> = {}, fixtures = FIXTURES): { cwd: string; name: string } {
  const cwd = tempWorkspace(t, extra);
  cpSync(join(fixtures, dialect), join(cwd, 'db/migrations'), { recursive: true });
  const engine = dialect === 'postgres' ? 'postgres' : 'mariadb';
  const name = containerName(cwd, engine);
  t.after(() => void spawnSync('docker', ['rm', '--force', '--volumes', name]));
  return { cwd, name };
}

/** The container's id, or undefined when there is none. */
function containerId(name: string): string | undefined {
  const inspected = spawnSync('docker', ['container', 'inspect', '--format', '{{.Id}}', name], { encoding: 'utf8' });
  return inspected.status === 0 ? inspected.stdout.trim() : undefined;
}

/** The port the container publishes on 127.0.0.1. */
function publishedPort(name: string): number {
  const port = spawnSync('docker', ['port', name], { encoding: 'utf8' }).stdout.match(/127\.0\.0\.1:(\d+)/)?.[1];
  assert.ok(port, `container ${name} publishes a port`);
  return Number(port);
}

/** Forwards the unix socket argv[1] to the real daemon's; its own process, so spawnSync callers cannot block it. */
const SOCKET_FORWARDER = `
const net = require('node:net');
require('node:fs').rmSync(process.argv[1], { force: true });
net.createServer((client) => {
  const daemon = net.connect('/var/run/docker.sock');
  client.on('error', () => daemon.destroy());
  daemon.on('error', () => client.destroy());
  client.pipe(daemon).pipe(client);
}).listen(process.argv[1], () => console.log('listening'));
`;

/**
 * The Docker daemon's socket as the commands under test see it (DOCKER_HOST), forwarded to the
 * real daemon by a process of its own. stop() is what a daemon going away looks like from the
 * client: the socket refuses every connection and open ones are cut, and the daemon's containers
 * stop with it, as `systemctl stop docker` stops them.
 */
async function daemonSocket(t: TestContext): Promise<{ stop(container: string): void; restart(): Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'ml-docker-socket-'));
  const path = join(folder, 'docker.sock');
  const previous = process.env.DOCKER_HOST;
  const realDaemon = { ...process.env, DOCKER_HOST: previous ?? 'unix:///var/run/docker.sock' };
  let forwarder: ChildProcess | undefined;
  const listen = async () => {
    forwarder = spawn(process.execPath, ['-e', SOCKET_FORWARDER, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    await once(forwarder.stdout!, 'data');
  };
  await listen();
  process.env.DOCKER_HOST = `unix://${path}`;
  t.after(() => {
    forwarder?.kill('SIGKILL');
    if (previous === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = previous;
    rmSync(folder, { recursive: true, force: true });
  });
  return {
    stop(container) {
      forwarder?.kill('SIGKILL');
      spawnSync('docker', ['kill', container], { env: realDaemon });
    },
    restart: listen,
  };
}

describe('the Docker target on a real engine', { skip, timeout: 600_000 }, () => {
  test('PostgreSQL: reading creates nothing; a container is used as it was created and never replaced without reset --yes', async (t) => {
    const { cwd, name } = workspaceWith(t);

    const before = await runCli(['status', 'db/migrations', '--target', 'docker', '--docker-version', '15'], cwd);
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.stdout, /pending +000005_index_orders_placed_at/);
    assert.equal(containerId(name), undefined, 'status created no container');

    const up = await runCli(['up', 'db/migrations', '--target', 'docker', '--docker-version', '15'], cwd);
    assert.equal(up.code, 0, up.stderr);
    const id = containerId(name);
    assert.ok(id, 'up created the container');

    // No version given (the default would be 16): the container's own postgres:15 and its data.
    const again = await runCli(['status', 'db/migrations', '--target', 'docker'], cwd);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /applied +000005_index_orders_placed_at/);
    assert.doesNotMatch(again.stdout + again.stderr, /Replacing|Pulling/);

    const other = await runCli(['status', 'db/migrations', '--target', 'docker', '--docker-version', '16'], cwd);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /runs postgres:15, not postgres:16; it and its data are left as they are: leave out --docker-version \(or set it to 15\) to use it as it is, or reset it with `migration-lens docker reset`/);
    assert.equal(containerId(name), id, 'the container is the same one');

    const status = await runCli(['docker', 'status', 'db/migrations'], cwd);
    assert.match(status.stdout, new RegExp(`^Container ${name} \\(postgres:15\\): running, postgres://postgres@127\\.0\\.0\\.1:\\d+/migration_lens\\n$`));

    const stopped = await runCli(['docker', 'stop', 'db/migrations'], cwd);
    assert.match(stopped.stdout, /its data is kept/);
    const restarted = await runCli(['status', 'db/migrations', '--target', 'docker'], cwd);
    assert.equal(restarted.code, 0, restarted.stderr);
    assert.match(restarted.stdout, /applied +000005_index_orders_placed_at/, 'data kept across stop and start');

    const refused = await runCli(['docker', 'reset', 'db/migrations', '--docker-version', '15'], cwd);
    assert.equal(refused.code, 2);
    assert.equal(containerId(name), id, 'reset without --yes removes nothing');
    const reset = await runCli(['docker', 'reset', 'db/migrations', '--docker-version', '15', '--yes'], cwd);
    assert.equal(reset.code, 0, reset.stderr);
    assert.notEqual(containerId(name), id);
    const fresh = await runCli(['status', 'db/migrations', '--target', 'docker'], cwd);
    assert.match(fresh.stdout, /pending +000001_create_users/);
  });

  test('PostgreSQL: down, redo, drift, trace and a container killed in the middle of a migration, through --target docker', async (t) => {
    const { cwd, name } = workspaceWith(t, 'postgres', {
      // Slow enough to be killed in the middle: the first statement commits nothing on its own.
      'db/migrations/000006_slow.up.sql': 'CREATE TABLE slow_a (id int);\nSELECT pg_sleep(30);\nCREATE TABLE slow_b (id int);\n',
      'db/migrations/000006_slow.down.sql': 'DROP TABLE slow_b;\nDROP TABLE slow_a;\n',
    });
    const docker = ['--target', 'docker', '--docker-version', '15'];
    const cli = (...args: string[]) => runCli([args[0], 'db/migrations', ...args.slice(1), ...docker], cwd);
    assert.equal((await cli('up', '--count', '3')).code, 0);
    const trace = await cli('trace');
    assert.equal(trace.code, 0, trace.stderr);
    assert.match(trace.stdout, /000004_add_users_last_login_at/);
    assert.equal((await cli('up', '--count', '2')).code, 0);
    const drift = await cli('drift');
    assert.equal(drift.code, 0, drift.stderr);
    const down = await cli('down');
    assert.equal(down.code, 0, down.stderr);
    assert.match((await cli('status')).stdout, /pending +000005_index_orders_placed_at/);
    const redo = await cli('redo');
    assert.equal(redo.code, 0, redo.stderr);
    assert.match((await cli('status')).stdout, /applied +000004_add_users_last_login_at/);
    assert.equal((await cli('up', '--count', '1')).code, 0);

    // golang-migrate marks the version dirty, then runs the file in one transaction: killed in the
    // middle, the version stays dirty (as golang-migrate leaves it) and none of the file's tables exist.
    const running = cli('up');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    spawnSync('docker', ['kill', name]);
    const killed = await running;
    assert.notEqual(killed.code, 0);
    const after = await cli('status');
    assert.equal(after.code, 1, after.stderr);
    assert.match(after.stdout, /000006_slow.*dirty/);
    assert.match(after.stdout, /applied +000005_index_orders_placed_at/);
    const drifted = await cli('drift');
    assert.doesNotMatch(drifted.stdout, /slow_a/, 'the killed transaction left no table');
  });

  test('an image no registry has: the error names the flag and docker pull, and nothing is created', async (t) => {
    const { cwd, name } = workspaceWith(t);
    const started = await runCli(['docker', 'start', 'db/migrations', '--docker-version', '9.9-missing'], cwd);
    assert.equal(started.code, 2);
    assert.match(started.stderr, /Could not pull image postgres:9\.9-missing: .*Check the version \(--docker-version\) and your network, or pull it yourself: `docker pull postgres:9\.9-missing`/);
    assert.equal(containerId(name), undefined);
  });

  test('MariaDB: a migration the server rejects is reported with MariaDB\'s error name; nothing of it took effect, so it is still pending', async (t) => {
    const { cwd, name } = workspaceWith(t, 'mysql', {
      '.migration-lens.json': JSON.stringify({ sets: [{ path: 'db/migrations', dialect: 'mariadb' }] }),
      'db/migrations/000006_add_tags.up.sql': 'ALTER TABLE users ADD COLUMN tags JSONB;\n',
      'db/migrations/000006_add_tags.down.sql': 'ALTER TABLE users DROP COLUMN tags;\n',
    });
    const up = await runCli(['up', 'db/migrations', '--target', 'docker', '--docker-version', '10.11'], cwd);
    assert.equal(up.code, 1, up.stderr);
    assert.match(up.stdout + up.stderr, /ER_UNKNOWN_DATA_TYPE/);
    assert.doesNotMatch(up.stdout + up.stderr, /ER_INSTALL_COMPONENT_SET_UNUSED_VALUE/);
    assert.ok(containerId(name), 'the mariadb container runs');
    const status = await runCli(['status', 'db/migrations', '--target', 'docker'], cwd);
    assert.match(status.stdout, /applied +000005_index_orders_placed_at/);
    assert.match(status.stdout, /pending +000006_add_tags/);
  });

  test('MariaDB: start, status, up, stop with the data kept, down, redo, force and baseline, through --target docker', async (t) => {
    const { cwd, name } = workspaceWith(t, 'mysql', {
      '.migration-lens.json': JSON.stringify({ sets: [{ path: 'db/migrations', dialect: 'mariadb' }] }),
    });
    const docker = ['--target', 'docker', '--docker-version', '10.11'];
    const cli = (...args: string[]) => runCli([args[0], 'db/migrations', ...args.slice(1), ...docker], cwd);

    const started = await runCli(['docker', 'start', 'db/migrations', '--docker-version', '10.11'], cwd);
    assert.equal(started.code, 0, started.stderr);
    assert.match(started.stdout, new RegExp(`Container ${name} \\(mariadb:10\\.11\\) created: mariadb://root@127\\.0\\.0\\.1:\\d+/migration_lens`));
    const containerStatus = await runCli(['docker', 'status', 'db/migrations'], cwd);
    assert.match(containerStatus.stdout, new RegExp(`^Container ${name} \\(mariadb:10\\.11\\): running, mariadb://root@127\\.0\\.0\\.1:\\d+/migration_lens\\n$`));

    assert.equal((await cli('up')).code, 0);
    assert.match((await runCli(['docker', 'stop', 'db/migrations'], cwd)).stdout, /its data is kept/);
    assert.match((await runCli(['docker', 'status', 'db/migrations'], cwd)).stdout, /: exited/);
    const afterStop = await cli('status');
    assert.equal(afterStop.code, 0, afterStop.stderr);
    assert.match(afterStop.stdout, /applied +000005_index_orders_placed_at/, 'data kept across stop and start');

    const down = await cli('down', '--count', '2');
    assert.equal(down.code, 0, down.stderr);
    assert.match((await cli('status')).stdout, /pending +000004_add_users_last_login_at/);
    const redo = await cli('redo');
    assert.equal(redo.code, 0, redo.stderr);
    assert.match((await cli('status')).stdout, /applied +000003_create_orders\n.*pending +000004/s);

    // The history table lost (a restored dump without it): the schema matches 000003, and baseline records that.
    const dropped = spawnSync('docker', ['exec', name, 'mariadb', '-uroot', `-p${JSON.parse(readState(cwd)).mariadb.password}`, '-e', 'DROP TABLE db_migrations.schema_migrations'], { encoding: 'utf8' });
    assert.equal(dropped.status, 0, dropped.stderr);
    const baseline = await cli('baseline', '--yes');
    assert.equal(baseline.code, 0, baseline.stdout + baseline.stderr);
    assert.match(baseline.stdout, /000003_create_orders/);
    assert.match((await cli('status')).stdout, /applied +000003_create_orders\n.*pending +000004/s);

    // A version recorded by hand after fixing the database: force writes it, no SQL runs.
    const forced = await cli('force', '--to', '000005', '--yes');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match((await cli('status')).stdout, /applied +000005_index_orders_placed_at/);
  });

  test('goose in a transaction, its container killed in the middle of a migration: nothing of it recorded or left', async (t) => {
    const { cwd, name } = workspaceWith(t, 'postgres', {
      'db/migrations/00006_slow.sql': '-- +goose Up\nCREATE TABLE slow_a (id int);\nSELECT pg_sleep(30);\nCREATE TABLE slow_b (id int);\n-- +goose Down\nDROP TABLE slow_b;\nDROP TABLE slow_a;\n',
    }, GOOSE_FIXTURES);
    const docker = ['--target', 'docker', '--docker-version', '15'];
    const cli = (...args: string[]) => runCli([args[0], 'db/migrations', ...args.slice(1), ...docker], cwd);
    assert.equal((await cli('up', '--count', '5')).code, 0);
    const running = cli('up');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    spawnSync('docker', ['kill', name]);
    assert.notEqual((await running).code, 0);
    const after = await cli('status');
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /applied +00005_index_orders_placed_at/);
    assert.match(after.stdout, /pending +00006_slow/, 'goose records a version only once its migration committed');
    assert.doesNotMatch((await cli('drift')).stdout, /slow_a/);
  });

  test('Flyway on MariaDB, its container killed in the middle of a migration: the statement that committed is named, nothing is recorded, drift shows what remains', async (t) => {
    const cwd = tempWorkspace(t, { 'sql/V7__slow.sql': 'CREATE TABLE slow_a (id int);\nSELECT SLEEP(30);\nCREATE TABLE slow_b (id int);\n' });
    cpSync(FLYWAY_MARIADB, cwd, { recursive: true });
    const name = containerName(cwd, 'mariadb');
    t.after(() => void spawnSync('docker', ['rm', '--force', '--volumes', name]));
    const cli = (...args: string[]) => runCli([args[0], 'sql', ...args.slice(1), '--target', 'docker', '--docker-version', '10.11'], cwd);
    const first = await cli('up', '--to', '6');
    assert.equal(first.code, 0, first.stdout + first.stderr);

    const running = cli('up');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    spawnSync('docker', ['kill', name]);
    const killed = await running;
    assert.equal(killed.code, 1);
    // MariaDB committed the CREATE TABLE before the kill: the report says so, and how to record either way out.
    assert.match(killed.stderr, /sql\/V7__slow\.sql:2:1: V7__slow\.sql \(up\) failed: Connection lost/);
    assert.match(killed.stderr, /The statement before the one that was running took effect and remains \(line 1: CREATE TABLE slow_a \(id int\)\)/);
    assert.match(killed.stderr, /`migration-lens force sql --to 6 --yes`; once it is finished by hand: `migration-lens force sql --to 7 --yes`/);
    // Flyway writes its history row after a migration, and the session was gone by then: V7 is
    // pending, as Flyway itself would show it, and drift shows the table it left.
    const after = await cli('status');
    assert.equal(after.code, 0, after.stderr);
    assert.match(after.stdout, /applied +V6__index_reserved\.sql\n +pending +V7__slow\.sql/);
    assert.match((await cli('drift')).stdout, /table slow_a: not in the migrations/);
  });

  test('the published port taken by another program while the container was stopped: an error saying what to do, the container and its data kept', async (t) => {
    const { cwd, name } = workspaceWith(t);
    const docker = ['--target', 'docker', '--docker-version', '15'];
    assert.equal((await runCli(['up', 'db/migrations', ...docker], cwd)).code, 0);
    const id = containerId(name);
    const port = publishedPort(name);
    assert.equal((await runCli(['docker', 'stop', 'db/migrations'], cwd)).code, 0);

    const squatter = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const blocked = await runCli(['status', 'db/migrations', ...docker], cwd);
      assert.equal(blocked.code, 2);
      assert.match(blocked.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1, which container ${name} publishes, is now used by another program: stop that program, or reset the container`));
      assert.equal(containerId(name), id, 'the container is kept');
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    const freed = await runCli(['status', 'db/migrations', ...docker], cwd);
    assert.equal(freed.code, 0, freed.stderr);
    assert.match(freed.stdout, /applied +000005_index_orders_placed_at/, 'its data is there once the port is free');
  });

  test('the Docker daemon stopped in the middle of a migration: a clear error, and only what happened is recorded', async (t) => {
    const { cwd, name } = workspaceWith(t, 'postgres', {
      'db/migrations/000006_slow.up.sql': 'CREATE TABLE slow_a (id int);\nSELECT pg_sleep(30);\nCREATE TABLE slow_b (id int);\n',
      'db/migrations/000006_slow.down.sql': 'DROP TABLE slow_b;\nDROP TABLE slow_a;\n',
    });
    const daemon = await daemonSocket(t);
    const docker = ['--target', 'docker', '--docker-version', '15'];
    const cli = (...args: string[]) => runCli([args[0], 'db/migrations', ...args.slice(1), ...docker], cwd);
    assert.equal((await cli('up', '--count', '5')).code, 0);

    const running = cli('up');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    daemon.stop(name);
    const interrupted = await running;
    assert.notEqual(interrupted.code, 0);
    const report = interrupted.stdout + interrupted.stderr;
    assert.match(report, /000006_slow\.up\.sql:2:1: 000006_slow \(up\) failed: Connection terminated unexpectedly — the connection to the database was lost/);
    assert.match(report, /rolled it back with the lost session: nothing of it remains/);

    const whileDown = await cli('status');

    assert.equal(whileDown.code, 2);
    assert.match(whileDown.stderr, /The Docker daemon is not answering \(.*\): start Docker Desktop, or the service \(`sudo systemctl start docker`\), then try again/);

    await daemon.restart();
    const after = await cli('status');
    assert.equal(after.code, 1, after.stderr);
    assert.match(after.stdout, /applied +000005_index_orders_placed_at/);
    assert.match(after.stdout, /000006_slow.*dirty/, 'golang-migrate had marked the version dirty before running it, as it does');
    assert.doesNotMatch((await cli('drift')).stdout, /slow_a/, 'the interrupted transaction left no table');
  });
});
