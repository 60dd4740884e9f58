// DockerContainer against a fake `docker` on PATH: the exact argv it sends, the state it keeps,
// the readiness wait, and the message for every way Docker can fail.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { DockerCli, DockerError } from '../../../server/src/db/docker/cli.js';
import { DockerContainer, type DockerContainerOptions } from '../../../server/src/db/docker/container.js';
import { ContainerStateStore } from '../../../server/src/db/docker/state.js';
import { fakeDocker, NO_SUCH_CONTAINER, running, type FakeDocker } from './fake-docker.js';

const WORKSPACE = '/home/dev/projects/Shop API';

function stateDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'ml-docker-state-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function container(fake: FakeDocker, dir: string, options: Partial<DockerContainerOptions> = {}): DockerContainer {
  return new DockerContainer({ workspace: WORKSPACE, engine: 'postgres', stateDir: dir, cli: fake.cli, probe: async () => undefined, pollIntervalMs: 10, readyTimeoutMs: 2_000, ...options });
}

const argAfter = (args: string[], flag: string) => args.filter((_, i) => args[i - 1] === flag);

test('creates a labelled container on a loopback port with a generated password, and remembers it', async (t) => {
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, running('postgres:16')], 'image inspect': { stdout: 'sha256:1\n' }, run: { stdout: 'abc123\n' } });
  const dir = stateDir(t);
  const started = await container(fake, dir).start();

  assert.equal(started.action, 'created');
  const run = fake.calls().find((args) => args[0] === 'run')!;
  const name = argAfter(run, '--name')[0];
  assert.match(name, /^migration-lens-shop-api-postgres-[0-9a-f]{8}$/);
  assert.deepEqual(argAfter(run, '--label'), ['dev.migration-lens=1', `dev.migration-lens.workspace=${WORKSPACE}`, 'dev.migration-lens.engine=postgres']);
  const [publish] = argAfter(run, '--publish');
  assert.match(publish, /^127\.0\.0\.1:\d+:5432$/);
  const port = Number(publish.split(':')[1]);
  const env = argAfter(run, '--env');
  assert.deepEqual(env.map((e) => e.split('=')[0]), ['POSTGRES_PASSWORD', 'POSTGRES_DB']);
  const password = env[0].slice('POSTGRES_PASSWORD='.length);
  assert.ok(password.length >= 20, 'a generated password, not a default');
  assert.equal(run[run.length - 1], 'postgres:16');

  assert.deepEqual(started.target, { kind: 'docker', url: `postgres://postgres@127.0.0.1:${port}/migration_lens`, password, container: name });
  const store = new ContainerStateStore(dir);
  assert.equal(statSync(store.path).mode & 0o777, 0o600, 'the state file holds a password: owner-only');
  assert.deepEqual(JSON.parse(readFileSync(store.path, 'utf8')).postgres, { ...store.read('postgres'), port, password, name, image: 'postgres:16' });
});

test('reuses a running container and restarts a stopped one, with the remembered password and port', async (t) => {
  const dir = stateDir(t);
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, running('mysql:8.0')], 'image inspect': {}, run: {} });
  const first = await container(fake, dir, { engine: 'mysql', version: '8.0' }).start();
  assert.match(first.target.url, /^mysql:\/\/root@127\.0\.0\.1:\d+\/migration_lens$/);

  fake.setScenario({ 'container inspect': running('mysql:8.0') });
  const reused = await container(fake, dir, { engine: 'mysql', version: '8.0' }).start();
  assert.equal(reused.action, 'reused');
  assert.deepEqual(reused.target, first.target);

  fake.setScenario({ 'container inspect': [{ stdout: 'exited|mysql:8.0|1\n' }, running('mysql:8.0')], start: {} });
  const restarted = await container(fake, dir, { engine: 'mysql', version: '8.0' }).start();
  assert.equal(restarted.action, 'started');
  assert.deepEqual(restarted.target, first.target);
  assert.ok(fake.calls().some((args) => args[0] === 'start' && args[1] === first.target.container));
  assert.equal(fake.calls().filter((args) => args[0] === 'run').length, 1, 'created once only');
});

test('an existing container is never removed by start: its own image is used, another version asked for is refused, a lost password is said', async (t) => {
  const dir = stateDir(t);
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, running('postgres:15')], 'image inspect': {}, run: {} });
  await container(fake, dir, { version: '15' }).start();
  const created = fake.calls().length;

  // No version asked for (the default would be 16): the container keeps its postgres:15 and its data.
  fake.setScenario({ 'container inspect': running('postgres:15') });
  const kept = container(fake, dir);
  const reused = await kept.start();
  assert.deepEqual({ action: reused.action, image: kept.image }, { action: 'reused', image: 'postgres:15' });

  fake.setScenario({ 'container inspect': running('postgres:15') });
  await assert.rejects(
    container(fake, dir, { version: '17', versionHint: '--docker-version' }).start(),
    /^DockerError: Container migration-lens-shop-api-postgres-\w+ runs postgres:15, not postgres:17; it and its data are left as they are: leave out --docker-version \(or set it to 15\) to use it as it is, or reset it with `migration-lens docker reset` to start over on postgres:17 \(its data is lost\)\.$/,
  );
  await assert.rejects(container(fake, stateDir(t)).start(), /exists, but its password is not in .*docker\.json \(the file was removed or this is another checkout\); it and its data are left as they are/);
  assert.ok(!fake.calls().slice(created).some((args) => args[0] === 'rm' || args[0] === 'run'), 'nothing removed, nothing created');

  fake.setScenario({ 'container inspect': { stdout: 'running|postgres:16|\n' } });
  await assert.rejects(container(fake, stateDir(t)).start(), /exists but was not created by Migration Lens: remove or rename it \(`docker rm -f migration-lens-shop-api-postgres-/);
});

test('waits for a real answer: the probe is retried until it succeeds', async (t) => {
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, running('postgres:16')], 'image inspect': {}, run: {} });
  let attempts = 0;
  const started = await container(fake, stateDir(t), {
    probe: async () => {
      if (++attempts < 4) throw new Error('the database system is starting up');
    },
  }).start();
  assert.equal(attempts, 4);
  assert.ok(started.readyAfterMs >= 30, `waited ${started.readyAfterMs} ms over 3 intervals`);
});

test('a cancelled wait stops probing and returns the container, running but not seen ready', async (t) => {
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, running('postgres:16')], 'image inspect': {}, run: {} });
  let attempts = 0;
  const started = await container(fake, stateDir(t), {
    probe: async () => {
      attempts++;
      throw new Error('the database system is starting up');
    },
    isCancelled: () => attempts >= 2,
  }).start();
  assert.deepEqual({ action: started.action, cancelled: started.cancelled, attempts }, { action: 'created', cancelled: true, attempts: 2 });
  assert.ok(!fake.calls().some((args) => ['stop', 'rm'].includes(args[0])), 'the container is left running');
});

test('times out with a clear message when nothing accepts connections (a real connection attempt)', async (t) => {
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, running('postgres:16')], 'image inspect': {}, run: {} });
  // No probe given: the real one connects through openTarget to the (unused) published port.
  const started = Date.now();
  await assert.rejects(container(fake, stateDir(t), { probe: undefined, readyTimeoutMs: 1_500, pollIntervalMs: 200 }).start(), (error: Error) => {
    assert.ok(error instanceof DockerError);
    assert.match(error.message, /^The container migration-lens-shop-api-postgres-\w+ did not accept connections within 2 s \(last attempt: .+\)\. A first start initialises the database and can be slow: try again/);
    return true;
  });
  assert.ok(Date.now() - started < 5_000, 'bounded wait');
});

test('a container that exits while starting is reported with its last log lines', async (t) => {
  const logs = 'initdb: error: could not create directory "/var/lib/postgresql/data": No space left on device\n';
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, { stdout: 'exited|postgres:16|1\n' }], 'image inspect': {}, run: {}, logs: { stderr: logs } });
  await assert.rejects(container(fake, stateDir(t), { probe: async () => Promise.reject(new Error('ECONNREFUSED')) }).start(), (error: Error) => {
    assert.match(error.message, /Container migration-lens-shop-api-postgres-\w+ exited while starting\. Its last log lines:\n  initdb: error: could not create directory .*No space left on device\nFix what they report, or reset the container/);
    return true;
  });
  assert.ok(fake.calls().some((args) => args.join(' ').startsWith('logs --tail 20 migration-lens-shop-api-postgres-')));
});

test('a missing image that cannot be pulled names the image, the reason and the version setting', async (t) => {
  const fake = fakeDocker(t, {
    'container inspect': NO_SUCH_CONTAINER,
    'image inspect': { stderr: 'Error: No such image: postgres:99\n', exit: 1 },
    pull: { stderr: 'Error response from daemon: manifest for postgres:99 not found: manifest unknown: manifest unknown\n', exit: 1 },
  });
  await assert.rejects(
    container(fake, stateDir(t), { version: '99', versionHint: '--docker-version' }).start(),
    /^DockerError: Could not pull image postgres:99: Error response from daemon: manifest for postgres:99 not found: manifest unknown: manifest unknown\. Check the version \(--docker-version\) and your network, or pull it yourself: `docker pull postgres:99`\.$/,
  );
  assert.deepEqual(fake.calls().find((args) => args[0] === 'pull'), ['pull', 'postgres:99']);
  assert.equal(fake.calls().filter((args) => args[0] === 'run').length, 0);
});

test('a taken port is retried on another port, then reported', async (t) => {
  const taken = { stderr: 'docker: Error response from daemon: driver failed programming external connectivity: Bind for 127.0.0.1:5432 failed: port is already allocated.\n', exit: 125 };
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, running('postgres:16')], 'image inspect': {}, run: [taken, {}], rm: {} });
  const started = await container(fake, stateDir(t)).start();
  assert.equal(started.action, 'created');
  const runs = fake.calls().filter((args) => args[0] === 'run');
  assert.equal(runs.length, 2);
  assert.ok(fake.calls().some((args) => args[0] === 'rm'), 'the half-created container is removed before retrying');

  fake.setScenario({ 'container inspect': NO_SUCH_CONTAINER, 'image inspect': {}, run: taken, rm: {} });
  await assert.rejects(container(fake, stateDir(t)).start(), /^DockerError: Port \d+ on 127\.0\.0\.1 was taken by another program each time \(3 tries\): .*port is already allocated\. Free some ports or stop other containers/);
});

test('a stopped container whose port is now taken says how to move it', async (t) => {
  const dir = stateDir(t);
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, running('postgres:16')], 'image inspect': {}, run: {} });
  const { state } = await container(fake, dir).start();
  fake.setScenario({ 'container inspect': { stdout: 'exited|postgres:16|1\n' }, start: { stderr: 'Error response from daemon: ports are not available: exposing port TCP 127.0.0.1:1 -> 0.0.0.0:0: listen tcp 127.0.0.1:1: bind: address already in use\n', exit: 1 } });
  await assert.rejects(container(fake, dir).start(), new RegExp(`^DockerError: Port ${state.port} on 127\\.0\\.0\\.1, which container \\S+ publishes, is now used by another program: stop that program, or reset the container`));
});

test('stop stops only a running container; reset removes it with its volumes and starts anew', async (t) => {
  const dir = stateDir(t);
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, running('postgres:16')], 'image inspect': {}, run: {} });
  const first = await container(fake, dir).start();
  fake.setScenario({ 'container inspect': running('postgres:16'), stop: {} });
  assert.equal(await container(fake, dir).stop(), true);
  fake.setScenario({ 'container inspect': NO_SUCH_CONTAINER });
  assert.equal(await container(fake, dir).stop(), false);

  fake.setScenario({ 'container inspect': [running('postgres:16'), NO_SUCH_CONTAINER, running('postgres:16')], rm: {}, 'image inspect': {}, run: {} });
  const reset = await container(fake, dir).reset();
  assert.equal(reset.action, 'created');
  assert.notEqual(reset.state.password, first.state.password, 'a fresh container gets a fresh password');
  assert.ok(fake.calls().some((args) => args.join(' ') === `rm --force --volumes ${first.state.name}`));
});

test('docker not installed and daemon not answering each say what to do', async (t) => {
  const emptyPath = stateDir(t);
  const missing = new DockerContainer({ workspace: WORKSPACE, engine: 'postgres', stateDir: stateDir(t), cli: new DockerCli({ env: { PATH: emptyPath } }) });
  await assert.rejects(missing.start(), /^DockerError: Docker is not installed or `docker` is not on PATH: install Docker Desktop or Docker Engine .* or use the embedded target/);

  const fake = fakeDocker(t, { 'container inspect': { stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n', exit: 1 } });
  await assert.rejects(container(fake, stateDir(t)).start(), /^DockerError: The Docker daemon is not answering \(Cannot connect to the Docker daemon at unix:\/\/\/var\/run\/docker\.sock\. Is the docker daemon running\?\): start Docker Desktop, or the service/);
});

test('a hostile workspace path reaches docker as one argument, never through a shell, and names a safe container', async (t) => {
  const fake = fakeDocker(t, { 'container inspect': [NO_SUCH_CONTAINER, running('postgres:16')], 'image inspect': { stdout: 'sha256:1\n' }, run: { stdout: 'abc123\n' } });
  const dir = stateDir(t);
  const planted = join(dir, 'pwned');
  const hostile = `/tmp/$(touch ${planted}); rm -rf ~ \`touch ${planted}\` 'a"b' --privileged`;
  await container(fake, dir, { workspace: hostile }).start();
  const run = fake.calls().find((args) => args[0] === 'run')!;
  assert.match(argAfter(run, '--name')[0], /^migration-lens-[a-z0-9-]+-postgres-[0-9a-f]{8}$/);
  // The path is a label's value, whole, and nothing in it became a flag of its own.
  assert.ok(argAfter(run, '--label').includes(`dev.migration-lens.workspace=${hostile}`));
  assert.ok(!run.includes('--privileged'));
  assert.throws(() => statSync(planted), 'no shell ran the path');
});
