// Wires the language server's handlers: documents and file events schedule an analysis,
// settings become analysis options, code actions and custom requests read the last results.

import {
  CodeActionKind,
  CodeLensRefreshRequest,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { initEngine, type Analysis } from '../engine/index.js';
import { CachedDisk } from './cached-disk.js';
import { codeActions } from './code-actions.js';
import { registerDockerRequests } from './docker-requests.js';
import { registerHistoryRequest } from './history-request.js';
import { registerMigrationFileRequests } from './migration-files-requests.js';
import { hoverAt } from './hover.js';
import { registerFormatting } from './formatting.js';
import { KnownStates } from './known-states.js';
import { registerNavigation, SEMANTIC_TOKENS_LEGEND } from './navigation.js';
import { observedDiagnostics, observedFactsIn } from './observed-facts.js';
import { ObservedLocks } from './observed-locks.js';
import { overlayFileHost } from './overlay-file-host.js';
import { ListSetsRequest, RuleDocsRequest, RuleListRequest, type ListSetsResult, type RuleDocsResult } from './protocol.js';
import { ruleDocsMarkdown, ruleList } from './rule-docs.js';
import { registerRunnerRequests } from './runner-requests.js';
import { registerSchemaRequest } from './schema-request.js';
import { registerSetDatabaseRequests } from './set-database-requests.js';
import { readWorkspaceTrust, registerWorkspaceTrust } from './trust.js';
import { readEditorSettings, SETTINGS_SECTION } from './settings.js';
import { pathToUri, uriToPath } from './uri.js';
import { WorkspaceAnalysis } from './workspace-analysis.js';

/**
 * How long the whole analysis waits for the next keystroke. The edited file's own findings do not
 * wait; the rest of the workspace follows after a pause this long.
 */
const EDIT_DEBOUNCE_MS = 40;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const openByPath = new Map<string, TextDocument>();
  // Open documents whose file was deleted on disk: the editor keeps their tab (marked deleted),
  // but the migration is gone until the document is saved again.
  const deletedWhileOpen = new Set<string>();
  const openDocuments = {
    textAt: (path: string) => (deletedWhileOpen.has(path) ? undefined : openByPath.get(path)?.getText()),
    paths: () => [...openByPath.keys()].filter((path) => !deletedWhileOpen.has(path)),
  };
  // No analysis before the settings are read: a `dialect` override would otherwise be missed by
  // the first results (and by a listSets request that races `initialized`).
  let settingsRead: () => void = () => undefined;
  const settingsReady = new Promise<void>((resolve) => (settingsRead = resolve));
  const disk = new CachedDisk();
  const host = overlayFileHost(disk, openDocuments);
  const observedLocks = new ObservedLocks();
  const analysis = new WorkspaceAnalysis({
    connection,
    ready: Promise.all([initEngine(), settingsReady]).then(() => undefined),
    host,
    takeChanged: () => disk.takeChanged(),
    openPaths: openDocuments.paths,
    documentOf: (path) => {
      const document = openByPath.get(path);
      return document ? { uri: document.uri, version: document.version } : { uri: pathToUri(path) };
    },
    debounceMs: EDIT_DEBOUNCE_MS,
    observedDiagnostics: (latest) => observedDiagnostics(observedLocks, latest, (path) => host.readFile(path)),
  });
  let canPullSettings = false;
  let canWatchFolders = false;
  let canRefreshLenses = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    analysis.folders = initialFolders(params);
    canPullSettings = params.capabilities.workspace?.configuration === true;
    canWatchFolders = params.capabilities.workspace?.workspaceFolders === true;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    readWorkspaceTrust(params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['(', ',', '.'] },
        definitionProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: {},
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        inlayHintProvider: true,
        selectionRangeProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'Migration Lens' },
    };
  });

  connection.onInitialized(async () => {
    if (canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => uriToPath(folder.uri)));
        const added = event.added.map((folder) => uriToPath(folder.uri)).filter(isDefined);
        analysis.folders = [...analysis.folders.filter((folder) => !removed.has(folder)), ...added];
        analysis.schedule();
      });
    }
    await refreshSettings(undefined);
    settingsRead();
    analysis.schedule();
  });

  /** Pulls the section when the client can answer, else uses what it pushed. */
  async function refreshSettings(pushed: unknown): Promise<void> {
    try {
      const section = canPullSettings ? await connection.workspace.getConfiguration(SETTINGS_SECTION) : pushed;
      analysis.settings = readEditorSettings(section);
    } catch (error) {
      connection.console.error(`Migration Lens: could not read settings, using defaults: ${String(error)}`);
    }
  }

  connection.onDidChangeConfiguration(async (params) => {
    const pushed = (params.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    await refreshSettings(pushed);
    analysis.schedule();
  });

  // Fires on open as well as on every edit.
  documents.onDidChangeContent(({ document }) => {
    const path = uriToPath(document.uri);
    if (!path) return analysis.schedule();
    openByPath.set(path, document);
    disk.noteChanged(path);
    analysis.documentEdited(path);
  });
  documents.onDidOpen(({ document }) => {
    const path = uriToPath(document.uri);
    if (path) deletedWhileOpen.delete(path);
  });
  documents.onDidClose(({ document }) => {
    const path = uriToPath(document.uri);
    if (path) {
      openByPath.delete(path);
      deletedWhileOpen.delete(path);
      disk.noteChanged(path);
    }
    analysis.schedule();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (!path) continue;
      disk.changedOnDisk(path);
      if (change.type !== FileChangeType.Deleted) deletedWhileOpen.delete(path);
      else for (const open of openByPath.keys()) if (open === path || open.startsWith(`${path}/`)) deletedWhileOpen.add(open);
    }
    analysis.schedule();
  });

  connection.onCodeAction((params) => {
    const path = uriToPath(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!path || !document) return [];
    const fileExists = (file: string) => host.readFile(file) !== undefined;
    return codeActions({ analysis: analysis.latest(), findings: analysis.findingsAt(path), text: document.getText(), range: params.range, fileExists });
  });

  connection.onHover((params) => {
    const path = uriToPath(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!path || !document) return undefined;
    const latest = analysis.latest();
    const offset = document.offsetAt(params.position);
    const observed = observedFactsIn(observedLocks, latest, path).find(({ range }) => range.start <= offset && offset <= range.end);
    return hoverAt(latest, path, offset, params.position, observed);
  });

  // Lenses show the states status reads remember; the editor asks for them again when those change.
  const knownStates = new KnownStates(() => {
    if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });
  registerNavigation(connection, documents, analysis, host, knownStates);
  registerFormatting(connection, documents, analysis);

  connection.onRequest(RuleDocsRequest, ({ rule }): RuleDocsResult => ({ markdown: ruleDocsMarkdown(rule) }));
  connection.onRequest(RuleListRequest, ruleList);

  connection.onRequest(ListSetsRequest, async (): Promise<ListSetsResult> => summariseSets(await analysis.runNow()));

  registerRunnerRequests(connection, analysis, host, observedLocks, knownStates);
  registerDockerRequests(connection, analysis);
  registerSchemaRequest(connection, analysis, host);
  registerSetDatabaseRequests(connection, analysis);
  registerHistoryRequest(connection, analysis, host);
  registerMigrationFileRequests(connection, analysis, host);
  registerWorkspaceTrust(connection);

  connection.onShutdown(() => analysis.dispose());
  documents.listen(connection);
  connection.listen();
}

function initialFolders(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(uriToPath).filter(isDefined);
}

function summariseSets({ sets, findings }: Analysis): ListSetsResult {
  return {
    sets: sets.map((set) => {
      const inSet = findings.filter((finding) => finding.file.startsWith(`${set.root}/`));
      return {
        root: set.root,
        rootUri: pathToUri(set.root),
        framework: set.framework,
        frameworkReason: set.frameworkReason,
        dialect: set.dialect,
        dialectReason: set.dialectReason,
        migrations: set.migrations.length,
        errors: inSet.filter((finding) => finding.severity === 'error').length,
        warnings: inSet.filter((finding) => finding.severity === 'warning').length,
      };
    }),
  };
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
