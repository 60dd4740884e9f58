// migrationLens/docker over stdio against the built server (dist/server.js), with the fake
// `docker` of test/unit/docker first on the server's PATH: the container `target: "docker"` uses,
// the CLI's messages, a reset that waits for `confirm`, progress while starting, a cancelled wait
// that leaves the container running, and Docker's own failures as RequestFailed messages.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import pg from 'pg';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { WorkDoneProgress, type WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { CONTAINER_DATABASE } from '../../server/src/db/docker/engines.js';
import { containerName } from '../../server/src/db/docker/naming.js';
import { freeLoopbackPort } from '../../server/src/db/docker/ports.js';
import { ContainerStateStore } from '../../server/src/db/docker/state.js';
import { DockerRequest, type DockerParams } from '../../server/src/lsp/protocol.js';
import { testServerUrl } from '../support/databases/environment.js';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { fakeDocker, NO_SUCH_CONTAINER, running, type FakeDocker, type Scenario } from '../unit/docker/fake-docker.js';
import { LspTestClient } from './lsp-client.js';

const postgres = testServerUrl('postgres');
const DAEMON_DOWN = { stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n', exit: 1 };

interface DockerSession {
  client: LspTestClient;
  fake: FakeDocker;
  /** root and storageDir of the request; add the action. */
  params: Omit<DockerParams, 'action'>;
  name: string;
  store: ContainerStateStore;
}

async function startWithFakeDocker(t: TestContext, scenario: Scenario, env?: (fake: FakeDocker) => NodeJS.ProcessEnv): Promise<DockerSession> {
  const folder = tempWorkspace(t, {
    'db/postgres/001_create_users.up.sql': 'CREATE TABLE users (id integer PRIMARY KEY);\n',
    'db/postgres/001_create_users.down.sql': 'DROP TABLE users;\n',
  });
  const fake = fakeDocker(t, scenario);
  const client = await LspTestClient.start(t, folder, undefined, env ? env(fake) : fake.env);
  const storageDir = join(folder, 'storage');
  return { client, fake, params: { root: `${folder}/db/postgres`, storageDir }, name: containerName(folder, 'postgres'), store: new ContainerStateStore(storageDir) };
}

/** Remembers a container on `port`, as a start that created it would have. */
function remember({ store, name }: DockerSession, port: number): void {
  store.write({ name, engine: 'postgres', image: 'postgres:16', port, password: 'remembered-secret', createdAt: '2024-01-01T00:00:00Z' });
}

function requestFailed(pattern: RegExp) {
  return (error: Error & { code?: number }) => {
    assert.equal(error.code, -32803);
    assert.match(error.message, pattern);
    return true;
  };
}

test('status and stop act on the container `target: "docker"` uses, in the words of the CLI', async (t) => {
  const session = await startWithFakeDocker(t, { 'container inspect': NO_SUCH_CONTAINER });
  const { client, fake, params, name } = session;
  const missing = await client.connection.sendRequest(DockerRequest, { ...params, action: 'status' });
  assert.deepEqual(missing, { action: 'status', container: name, image: 'postgres:16', done: 'none', cancelled: false, message: `Container ${name} (postgres:16) does not exist; the \`start\` action creates it.` });

  remember(session, 54321);
  fake.setScenario({ 'container inspect': running('postgres:16'), stop: {} });
  const status = await client.connection.sendRequest(DockerRequest, { ...params, action: 'status' });
  assert.equal(status.dockerState, 'running');
  assert.equal(status.url, `postgres://postgres@127.0.0.1:54321/${CONTAINER_DATABASE}`);
  assert.doesNotMatch(JSON.stringify(status), /remembered-secret/);

  const stopped = await client.connection.sendRequest(DockerRequest, { ...params, action: 'stop' });
  assert.equal(stopped.done, 'stopped');
  assert.equal(stopped.message, `Stopped container ${name}; its data is kept, the \`start\` action starts it again.`);
  assert.deepEqual(fake.calls().at(-1), ['stop', name]);
});

test('reset does nothing without confirm: true; with it, the container goes with its volumes', async (t) => {
  const { client, fake, params, name } = await startWithFakeDocker(t, {
    // Running before the reset, gone after the removal, then the new container dies while starting.
    'container inspect': [running('postgres:16'), NO_SUCH_CONTAINER, { stdout: 'exited|postgres:16|1\n' }],
    rm: {},
    'image inspect': {},
    run: {},
    logs: { stdout: 'FATAL: could not write to file "base/1": No space left on device\n' },
  });
  const planned = await client.connection.sendRequest(DockerRequest, { ...params, action: 'reset' });
  assert.equal(planned.done, 'none');
  assert.equal(planned.message, `reset removes container ${name} and all its data, then starts a new one on a new port with a new password; confirm the reset to go ahead`);
  assert.deepEqual(fake.calls(), [], 'nothing asked of Docker before the confirmation');

  await assert.rejects(
    client.connection.sendRequest(DockerRequest, { ...params, action: 'reset', confirm: true }),
    requestFailed(/^Container \S+ exited while starting\. Its last log lines:\n {2}FATAL: .*No space left on device\n/),
  );
  assert.deepEqual(fake.calls().find((args) => args[0] === 'rm'), ['rm', '--force', '--volumes', name]);
  assert.ok(fake.calls().some((args) => args[0] === 'run'), 'a new container is created');
});

test('start waits for a real connection and reports its progress', { skip: postgres.skip }, async (t) => {
  // The throwaway PostgreSQL server plays the container's database (trust authentication, so the remembered password is accepted).
  const server = new URL(postgres.url!);
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${CONTAINER_DATABASE}`).catch((error: { code?: string }) => {
    if (error.code !== '42P04') throw error; // already created
  });
  await admin.end();
  const session = await startWithFakeDocker(t, { 'container inspect': running('postgres:16') });
  remember(session, Number(server.port));
  const progress: WorkDoneProgressReport[] = [];
  session.client.connection.onProgress(WorkDoneProgress.type, 'docker-start', (value) => void (value.kind === 'report' && progress.push(value)));

  const started = await session.client.connection.sendRequest(DockerRequest, { ...session.params, action: 'start', workDoneToken: 'docker-start' });
  assert.deepEqual({ done: started.done, ready: started.ready, cancelled: started.cancelled }, { done: 'reused', ready: true, cancelled: false });
  assert.equal(started.message, `Container ${session.name} (postgres:16) reused: postgres://postgres@127.0.0.1:${server.port}/${CONTAINER_DATABASE} (password in ${session.store.path})`);
  assert.ok(progress.some((report) => report.message === `Waiting for postgres in container ${session.name} to accept connections`), JSON.stringify(progress));
});

test('cancelling start stops the wait for connections and leaves the container running', async (t) => {
  const session = await startWithFakeDocker(t, { 'container inspect': running('postgres:16') });
  // Nothing listens there: the wait would last its whole timeout.
  remember(session, await freeLoopbackPort());
  const source = new CancellationTokenSource();
  session.client.connection.onProgress(WorkDoneProgress.type, 'docker-wait', (value) => {
    if (value.kind === 'report' && value.message?.startsWith('Waiting for')) source.cancel();
  });
  const started = performance.now();
  const result = await session.client.connection.sendRequest(DockerRequest, { ...session.params, action: 'start', workDoneToken: 'docker-wait' }, source.token);
  assert.ok(performance.now() - started < 10_000, 'the wait ended with the cancellation, not its two-minute timeout');
  assert.deepEqual({ done: result.done, dockerState: result.dockerState, ready: result.ready, cancelled: result.cancelled }, { done: 'reused', dockerState: 'running', ready: false, cancelled: true });
  assert.match(result.message, /^Stopped waiting for container \S+ to accept connections: it is left running and may still be initialising its database; the `start` action waits again\.$/);
});

test('Docker not installed, or its daemon not answering: RequestFailed saying what to do', async (t) => {
  const daemonDown = await startWithFakeDocker(t, { 'container inspect': DAEMON_DOWN });
  await assert.rejects(
    daemonDown.client.connection.sendRequest(DockerRequest, { ...daemonDown.params, action: 'start' }),
    requestFailed(/^The Docker daemon is not answering \(.*\): start Docker Desktop, or the service .*then try again\.$/),
  );

  const emptyPath = mkdtempSync(join(tmpdir(), 'ml-no-docker-'));
  t.after(() => rmSync(emptyPath, { recursive: true, force: true }));
  const notInstalled = await startWithFakeDocker(t, {}, (fake) => ({ ...fake.env, PATH: emptyPath }));
  await assert.rejects(
    notInstalled.client.connection.sendRequest(DockerRequest, { ...notInstalled.params, action: 'status' }),
    requestFailed(/^Docker is not installed or `docker` is not on PATH: install Docker Desktop/),
  );
});
