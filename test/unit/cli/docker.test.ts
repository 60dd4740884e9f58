// `migration-lens docker …` against the fake `docker` of test/unit/docker, put first on PATH: the
// container it acts on is the one `--target docker` uses, reset needs --yes, and Docker's own
// failures come out as one line with exit 2.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { containerName } from '../../../server/src/db/docker/naming.js';
import { ContainerStateStore } from '../../../server/src/db/docker/state.js';
import { fakeDocker, NO_SUCH_CONTAINER, running, type FakeDocker, type Scenario } from '../docker/fake-docker.js';
import { runCli, tempWorkspace } from './helpers.js';

const MIGRATIONS = fileURLToPath(new URL('../../fixtures/frameworks/golang-migrate/postgres', import.meta.url));

/** A fake `docker` with `scenario`, found on PATH by the command for the rest of the test. */
function dockerOnPath(t: TestContext, scenario: Scenario): FakeDocker {
  const fake = fakeDocker(t, scenario);
  setPath(t, fake.env.PATH);
  return fake;
}

function setPath(t: TestContext, path: string | undefined): void {
  const saved = process.env.PATH;
  process.env.PATH = path;
  t.after(() => void (process.env.PATH = saved));
}

test('status names the container `--target docker` uses, and where it listens, without its password', async (t) => {
  const cwd = tempWorkspace(t, {});
  const name = containerName(cwd, 'postgres');
  dockerOnPath(t, { 'container inspect': NO_SUCH_CONTAINER });
  const missing = await runCli(['docker', 'status', MIGRATIONS], cwd);
  assert.equal(missing.code, 0, missing.stderr);
  assert.equal(missing.stdout, `Container ${name} (postgres:16) does not exist; \`migration-lens docker start ${MIGRATIONS}\` creates it.\n`);

  new ContainerStateStore(join(cwd, '.migration-lens')).write({ name, engine: 'postgres', image: 'postgres:16', port: 54321, password: 'pa55word-secret', createdAt: '2024-01-01T00:00:00Z' });
  dockerOnPath(t, { 'container inspect': running('postgres:16') });
  const up = await runCli(['docker', 'status', MIGRATIONS], cwd);
  assert.equal(up.stdout, `Container ${name} (postgres:16): running, postgres://postgres@127.0.0.1:54321/migration_lens\n`);
  assert.doesNotMatch(up.stdout + up.stderr, /pa55word/);
});

test('--docker-image and --docker-version choose another engine and tag (--image and --version too)', async (t) => {
  const cwd = tempWorkspace(t, {});
  const fake = dockerOnPath(t, { 'container inspect': NO_SUCH_CONTAINER });
  const result = await runCli(['docker', 'status', MIGRATIONS, '--docker-image', 'mariadb', '--docker-version', '11.2'], cwd);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`^Container ${containerName(cwd, 'mariadb')} \\(mariadb:11\\.2\\) does not exist`));
  assert.deepEqual(fake.calls().map((args) => args.at(-1)), [containerName(cwd, 'mariadb')]);
  const short = await runCli(['docker', 'status', MIGRATIONS, '--image', 'mariadb', '--version', '11.2'], cwd);
  assert.equal(short.stdout, result.stdout);
});

test('stop stops a running container and leaves a stopped one alone', async (t) => {
  const cwd = tempWorkspace(t, {});
  const name = containerName(cwd, 'postgres');
  const fake = dockerOnPath(t, { 'container inspect': running('postgres:16'), stop: {} });
  const stopped = await runCli(['docker', 'stop', MIGRATIONS], cwd);
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.match(stopped.stdout, new RegExp(`^Stopped container ${name}; its data is kept`));
  assert.ok(fake.calls().some((args) => args[0] === 'stop' && args[1] === name));

  fake.setScenario({ 'container inspect': { stdout: 'exited|postgres:16|1\n' } });
  const again = await runCli(['docker', 'stop', MIGRATIONS], cwd);
  assert.equal(again.stdout, `Container ${name} is not running.\n`);
  assert.equal(fake.calls().filter((args) => args[0] === 'stop').length, 1);
});

test('reset needs --yes before it touches Docker; with it, the old container goes with its volumes', async (t) => {
  const cwd = tempWorkspace(t, {});
  const name = containerName(cwd, 'postgres');
  const fake = dockerOnPath(t, {
    // Running before the reset, gone after the removal, then the new container dies while starting.
    'container inspect': [running('postgres:16'), NO_SUCH_CONTAINER, { stdout: 'exited|postgres:16|1\n' }],
    rm: {},
    'image inspect': {},
    run: {},
    logs: { stdout: 'FATAL: could not write to file "base/1": No space left on device\n' },
  });
  const refused = await runCli(['docker', 'reset', MIGRATIONS], cwd);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, new RegExp(`^migration-lens docker: reset removes container ${name} and all its data.*run again with --yes`));
  assert.deepEqual(fake.calls(), []);

  const reset = await runCli(['docker', 'reset', MIGRATIONS, '--yes'], cwd);
  assert.equal(reset.code, 2);
  assert.deepEqual(fake.calls().find((args) => args[0] === 'rm'), ['rm', '--force', '--volumes', name]);
  assert.ok(fake.calls().some((args) => args[0] === 'run'), 'a new container is created');
  assert.match(reset.stderr, /migration-lens docker: Container \S+ exited while starting\. Its last log lines:\n {2}FATAL: .*No space left on device\n/);
});

test('Docker not installed, or its daemon not answering: one line saying what to do, exit 2', async (t) => {
  const cwd = tempWorkspace(t, {});
  dockerOnPath(t, { 'container inspect': { stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n', exit: 1 } });
  const daemonDown = await runCli(['docker', 'start', MIGRATIONS], cwd);
  assert.equal(daemonDown.code, 2);
  assert.match(daemonDown.stderr, /^migration-lens docker: The Docker daemon is not answering \(.*\): start Docker Desktop, or the service .*then try again\.\n$/);

  setPath(t, tempWorkspace(t, {}));
  const missing = await runCli(['docker', 'status', MIGRATIONS], cwd);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^migration-lens docker: Docker is not installed or `docker` is not on PATH: install Docker Desktop/);
});

test('usage mistakes are exit 2 with the fix, and docker is in the command list', async (t) => {
  const cwd = tempWorkspace(t, {});
  assert.match((await runCli(['docker', 'restart', MIGRATIONS], cwd)).stderr, /pass one of start, stop, reset, status and a migration folder/);
  assert.match((await runCli(['docker', 'start'], cwd)).stderr, /pass exactly one migration folder/);
  const image = await runCli(['docker', 'start', MIGRATIONS, '--image', 'oracle'], cwd);
  assert.equal(image.code, 2);
  assert.match(image.stderr, /unknown image "oracle" for --docker-image; use postgres, mysql, mariadb/);
  assert.match((await runCli(['--help'], cwd)).stdout, /\n {2}docker +start, stop, reset \(--yes\) or show the container --target docker uses\n/);
  assert.match((await runCli(['docker', '--help'], cwd)).stdout, /^Usage: migration-lens docker start\|stop\|reset\|status <dir>/);
});
