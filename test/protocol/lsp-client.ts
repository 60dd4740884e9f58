// A minimal LSP client for the protocol tests: spawns the built server over stdio, records every
// publishDiagnostics, and lets a test wait for the diagnostics of a file to reach some state.
// Requests it has no helper for go through `connection`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestContext } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  WorkDoneProgress,
  type Diagnostic,
} from 'vscode-languageserver-protocol';
import { ListSetsRequest, type ListSetsResult } from '../../server/src/lsp/protocol.js';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/node-flags.js';

const serverJs = join(resolve(import.meta.dirname, '../..'), 'dist/server.js');

export class LspTestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publication in the order it arrived. */
  readonly publications: { uri: string; version?: number; diagnostics: Diagnostic[] }[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly connection: MessageConnection,
    /** The server's process id. */
    readonly pid: number,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, version, diagnostics }) => {
      this.diagnostics.set(uri, diagnostics);
      this.publications.push({ uri, version, diagnostics });
      for (const wake of this.waiters) wake();
    });
    connection.listen();
  }

  /**
   * Starts dist/server.js --stdio and initializes it with `folder` as the workspace. With
   * `settings`, the client answers the server's workspace/configuration pulls with them; `env`
   * is the server's environment (a fake `docker` first on PATH); `server` another build of it
   * (the one a .vsix holds); `initializationOptions` what the editor's client sends.
   */
  static async start(t: TestContext, folder: string, settings?: Record<string, unknown>, env?: NodeJS.ProcessEnv, server = serverJs, initializationOptions?: unknown): Promise<LspTestClient> {
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first (npm test does).`);
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(connection, child.pid!);
    if (settings) connection.onRequest(ConfigurationRequest.type, ({ items }) => items.map(() => settings));
    t.after(async () => {
      await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await connection.sendNotification(ExitNotification.type).catch(() => undefined);
      connection.dispose();
      if (child.exitCode === null) child.kill();
    });
    const uri = pathToFileURL(folder).href;
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'workspace' }],
      initializationOptions,
      capabilities: {
        textDocument: { publishDiagnostics: { relatedInformation: true } },
        workspace: { configuration: settings !== undefined },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The messages the server reports on progress token `token` (a request's workDoneToken), as they arrive. */
  progressOf(token: string): string[] {
    const messages: string[] = [];
    this.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      if ('message' in value && value.message) messages.push(value.message);
    });
    return messages;
  }

  open(uri: string, text: string): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'sql', version: 1, text } });
  }

  /** Replaces the whole text (a full-document change, which incremental sync also accepts). */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Analyses now; every diagnostic of that analysis has arrived when this resolves. */
  listSets(): Promise<ListSetsResult> {
    return this.connection.sendRequest(ListSetsRequest);
  }

  async waitForDiagnostics(uri: string, done: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const current = () => this.diagnostics.get(uri);
    return new Promise((resolvePromise, reject) => {
      const check = () => {
        const diagnostics = current();
        if (diagnostics && done(diagnostics)) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolvePromise(diagnostics);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`diagnostics for ${uri} did not arrive in ${timeoutMs} ms; last: ${JSON.stringify(current())}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
