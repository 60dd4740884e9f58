// One language server over stdio, driven as an editor drives it, for the benchmarks: our server,
// squawk's (`squawk server`, pull diagnostics) or postgres-language-server's (`lsp-proxy`, pushed
// diagnostics). Times are taken from the moment a notification is written to the answer.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol';

interface Publication {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  at: number;
}

export class LspSession {
  private readonly publications: Publication[] = [];
  private readonly waiters = new Set<() => void>();
  private pull = false;
  /** What the server said it offers, from its initialize answer. */
  capabilities: ServerCapabilities = {};

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, version, diagnostics }) => {
      this.publications.push({ uri, version, diagnostics, at: performance.now() });
      for (const wake of this.waiters) wake();
    });
    // Configuration pulls and registrations: answered with nothing, as an editor with defaults would.
    connection.onRequest(() => null);
    connection.onNotification((method, params) => {
      if (process.env.BENCH_SERVER_STDERR && method === 'window/logMessage') process.stderr.write(`${(params as { message: string }).message}\n`);
    });
    connection.listen();
  }

  /** Starts `command` in `folder` and initializes it with that folder as the workspace. */
  static async start(command: string[], folder: string): Promise<LspSession> {
    const child = spawn(command[0], command.slice(1), { cwd: folder, stdio: ['pipe', 'pipe', process.env.BENCH_SERVER_STDERR ? 'inherit' : 'ignore'] });
    const session = new LspSession(child, createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)));
    const uri = pathToFileURL(folder).href;
    const { capabilities } = await session.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, diagnostic: { dynamicRegistration: false } } },
    });
    session.pull = capabilities.diagnosticProvider !== undefined;
    session.capabilities = capabilities;
    await session.connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Opens `path` with `text`; resolves with the milliseconds until its first diagnostics. */
  async open(path: string, text: string): Promise<number> {
    const uri = pathToFileURL(path).href;
    const sent = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'sql', version: 1, text } });
    return (await this.diagnosticsOf(uri, 1, sent)) - sent;
  }

  /**
   * Replaces the text of open `path` (version `version`); resolves with the milliseconds until
   * its diagnostics of that version, and (servers that analyse the history) until `dependent`'s
   * diagnostics are published as `dependent.expected` says they must now be.
   */
  async change(path: string, version: number, text: string, dependent?: { path: string; expected: (diagnostics: Diagnostic[]) => boolean }): Promise<{ edited: number; dependent?: number }> {
    const uri = pathToFileURL(path).href;
    const sent = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    const edited = (await this.diagnosticsOf(uri, version, sent)) - sent;
    if (!dependent) return { edited };
    const dependentUri = pathToFileURL(dependent.path).href;
    const published = await this.next((p) => p.uri === dependentUri && dependent.expected(p.diagnostics), sent, `the expected diagnostics of ${dependentUri}`);
    return { edited, dependent: published.at - sent };
  }

  /** Milliseconds until the server answers request `method`; an error answer counts as an answer. */
  async timeRequest(method: string, params: object): Promise<number> {
    const sent = performance.now();
    await this.connection.sendRequest(method, params).catch(() => undefined);
    return performance.now() - sent;
  }

  /** Resolves once no diagnostics have arrived for `quietMs`: the server's first analysis is published. */
  async settle(quietMs = 1000): Promise<void> {
    for (;;) {
      const count = this.publications.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (this.publications.length === count) return;
    }
  }

  /** Resident and peak memory of the server process and its children, in MB. */
  memory(): { rss: number; peak: number } {
    const pids = [this.pid, ...descendants(this.pid)];
    const field = (pid: number, name: string) => Number(/\d+/.exec(readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((line) => line.startsWith(name)) ?? '0')![0]) / 1024;
    return { rss: sum(pids.map((pid) => field(pid, 'VmRSS'))), peak: sum(pids.map((pid) => field(pid, 'VmHWM'))) };
  }

  async stop(): Promise<void> {
    await Promise.race([this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000))]);
    await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
    if (this.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 2000, this.child.once('exit', resolve)));
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }

  /** When the diagnostics of `uri` for `version` arrived: pulled, or the first pushed after `since`. */
  private async diagnosticsOf(uri: string, version: number, since: number): Promise<number> {
    if (this.pull) {
      await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      return performance.now();
    }
    return (await this.next((p) => p.uri === uri && (p.version === undefined || p.version === version), since, `diagnostics of ${uri} version ${version}`)).at;
  }

  private next(matches: (publication: Publication) => boolean, since: number, what = 'diagnostics', timeoutMs = 120_000): Promise<Publication> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.publications.find((p) => p.at >= since && matches(p));
        if (!found) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${what} did not arrive in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
