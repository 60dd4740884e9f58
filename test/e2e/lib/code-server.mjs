// One isolated code-server: its own port, user data, extensions, XDG and HOME directories, and a
// fixture workspace copy, all under a per-run directory; it listens on 127.0.0.1 only.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { codeServerEntry } from './paths.mjs';

const HOST = '127.0.0.1';
const STOP_GRACE_MS = 10000;

// Keep the workbench quiet and deterministic: no welcome page, no update or marketplace traffic,
// no trust prompt, and explorer rows one folder each so tests can click them in turn.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'explorer.compactFolders': false,
};

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export class CodeServer {
  /** @param dir empty per-run directory; @param workspace folder copied in as the opened workspace */
  static async create(dir, workspace, extraEnv = {}) {
    return new CodeServer(dir, workspace, await freePort(), extraEnv);
  }

  constructor(dir, workspace, port, extraEnv) {
    this.dir = dir;
    this.port = port;
    this.workspace = path.join(dir, 'workspace');
    this.logFile = path.join(dir, 'code-server.log');
    fs.cpSync(workspace, this.workspace, { recursive: true });
    const userData = path.join(dir, 'user-data');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
    // An explicit config, or code-server writes ~/.config/code-server/config.yaml with a password.
    const config = path.join(dir, 'config.yaml');
    fs.writeFileSync(config, `bind-addr: ${HOST}:${port}\nauth: none\ncert: false\n`);
    this.args = [codeServerEntry(), '--config', config, '--user-data-dir', userData, '--extensions-dir', path.join(dir, 'extensions')];
    const ownDir = (name) => {
      fs.mkdirSync(path.join(dir, name), { recursive: true });
      return path.join(dir, name);
    };
    this.env = {
      ...process.env,
      EXTENSIONS_GALLERY: '{}', // no serviceUrl: the marketplace is off (the default is open-vsx.org)
      HOME: ownDir('home'),
      XDG_CONFIG_HOME: ownDir('xdg/config'),
      XDG_CACHE_HOME: ownDir('xdg/cache'),
      XDG_DATA_HOME: ownDir('xdg/data'),
      ...extraEnv,
    };
  }

  /** Installs a .vsix the way a user does; returns code-server's confirmation line. */
  installExtension(vsix) {
    const run = spawnSync(process.execPath, [...this.args, '--install-extension', vsix], { env: this.env, encoding: 'utf8', timeout: 120000 });
    if (run.status !== 0 || !/successfully installed/i.test(run.stdout)) {
      throw new Error(`--install-extension failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    }
    return run.stdout.trim().split('\n').pop();
  }

  async start(timeoutMs = 60000) {
    const logStream = fs.createWriteStream(this.logFile);
    // Its own process group, so stop() reaches the extension host, pty host and file watcher too.
    this.process = spawn(process.execPath, [...this.args, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', this.workspace],
    { env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.process.stdout.pipe(logStream);
    this.process.stderr.pipe(logStream);
    this.exited = new Promise((resolve) => this.process.once('exit', resolve));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`code-server exited with ${this.process.exitCode}; see ${this.logFile}`);
      try {
        if ((await fetch(`http://${HOST}:${this.port}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms; see ${this.logFile}`);
  }

  /** Workbench URL on the workspace copy; `payload` carries extension-development options. */
  url(payload) {
    const query = `folder=${encodeURIComponent(this.workspace)}`;
    return `http://${HOST}:${this.port}/?${query}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
  }

  /** SIGTERM to the whole process group, SIGKILL to whatever is left after a grace period. */
  async stop() {
    if (!this.process) return;
    const group = -this.process.pid;
    const signalGroup = (signal) => {
      try {
        process.kill(group, signal);
        return true;
      } catch {
        return false; // no process left in the group
      }
    };
    if (!signalGroup('SIGTERM')) return;
    const deadline = Date.now() + STOP_GRACE_MS;
    while (signalGroup(0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const killed = signalGroup('SIGKILL');
    await this.exited;
    return killed ? `SIGKILL after ${STOP_GRACE_MS} ms` : 'exited on SIGTERM';
  }
}
