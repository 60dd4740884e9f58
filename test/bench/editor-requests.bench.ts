// `npm run bench -- editor-requests`: how long each editor request takes on a migration in the
// middle of a 2,000-migration history, as a user meets it: right after an edit has been
// re-analysed (the edited file's and its dependent's diagnostics are out), so caches built per
// analysis (the references index) are paid for in the figures. Side by side with squawk's server
// on the same file and positions, for the requests it offers.
//
// BENCH_ROUNDS sets the number of edit + request rounds (default 30); BENCH_SHAPES narrows the
// workspaces (`postgres-2000-downs`, `mysql-2000-downs`). Budgets are read, never asserted.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, ServerCapabilities } from 'vscode-languageserver-protocol';
import { ms, percentile, table } from './figures.js';
import { LspSession } from './lsp-session.js';
import { generateWorkspace, shapeName, type GeneratedWorkspace, type WorkspaceShape } from './workspaces.js';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/node-flags.js';

const REPO = resolve(__dirname, '../..');
const SERVER = join(REPO, 'dist/server.js');
const SQUAWK = join(REPO, 'node_modules/@squawk-cli/linux-x64/bin/squawk');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const SHAPES: WorkspaceShape[] = [
  { dialect: 'postgres', count: 2000, downs: true },
  { dialect: 'mysql', count: 2000, downs: true },
];

interface Request {
  label: string;
  method: string;
  /** The capability a server must announce for the request to be sent to it. */
  capability: keyof ServerCapabilities;
  params: (uri: string, position: { line: number; character: number }) => object;
}

const REQUESTS: Request[] = [
  { label: 'hover', method: 'textDocument/hover', capability: 'hoverProvider', params: (uri, position) => ({ textDocument: { uri }, position }) },
  { label: 'completion', method: 'textDocument/completion', capability: 'completionProvider', params: (uri, position) => ({ textDocument: { uri }, position }) },
  { label: 'go to definition', method: 'textDocument/definition', capability: 'definitionProvider', params: (uri, position) => ({ textDocument: { uri }, position }) },
  { label: 'find references', method: 'textDocument/references', capability: 'referencesProvider', params: (uri, position) => ({ textDocument: { uri }, position, context: { includeDeclaration: true } }) },
  { label: 'prepare rename', method: 'textDocument/prepareRename', capability: 'renameProvider', params: (uri, position) => ({ textDocument: { uri }, position }) },
  { label: 'document symbols', method: 'textDocument/documentSymbol', capability: 'documentSymbolProvider', params: (uri) => ({ textDocument: { uri } }) },
  { label: 'folding ranges', method: 'textDocument/foldingRange', capability: 'foldingRangeProvider', params: (uri) => ({ textDocument: { uri } }) },
  { label: 'selection ranges', method: 'textDocument/selectionRange', capability: 'selectionRangeProvider', params: (uri, position) => ({ textDocument: { uri }, positions: [position] }) },
  { label: 'semantic tokens', method: 'textDocument/semanticTokens/full', capability: 'semanticTokensProvider', params: (uri) => ({ textDocument: { uri } }) },
  { label: 'code lens', method: 'textDocument/codeLens', capability: 'codeLensProvider', params: (uri) => ({ textDocument: { uri } }) },
  { label: 'formatting', method: 'textDocument/formatting', capability: 'documentFormattingProvider', params: (uri) => ({ textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }) },
  { label: 'workspace symbols ("t1")', method: 'workspace/symbol', capability: 'workspaceSymbolProvider', params: () => ({ query: 't1' }) },
];

/** Each request's times over the rounds; absent for requests the server does not offer. */
type Times = Map<string, number[]>;

async function measure(command: string[], workspace: GeneratedWorkspace, withDependent: boolean): Promise<Times> {
  const session = await LspSession.start(command, workspace.root);
  const times: Times = new Map();
  try {
    const { path, text, table: created } = workspace.edited;
    const uri = pathToFileURL(path).href;
    await session.open(path, text);
    await session.settle();
    // The cursor on the table the edited migration's foreign key references: created far earlier.
    const offset = text.indexOf(' REFERENCES ') + ' REFERENCES '.length;
    const lines = text.slice(0, offset).split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1].length + 1 };
    const broken = `${text.replaceAll(created, `${created}_renamed`)}ALTER TABEL ${created}_renamed ADD COLUMN x integer;\n`;
    const offered = REQUESTS.filter((request) => session.capabilities[request.capability] !== undefined);
    for (let round = 0; round < ROUNDS; round++) {
      const loses = round % 2 === 0;
      const expected = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === 'missing-table-reference') === loses;
      await session.change(path, round + 2, loses ? broken : text, withDependent ? { path: workspace.dependent, expected } : undefined);
      for (const request of offered) {
        const list = times.get(request.label) ?? [];
        list.push(await session.timeRequest(request.method, request.params(uri, position)));
        times.set(request.label, list);
      }
    }
    return times;
  } finally {
    await session.stop();
  }
}

export async function run(): Promise<void> {
  const only = process.env.BENCH_SHAPES?.split(',');
  const shapes = SHAPES.filter((shape) => !only || only.includes(`${shape.dialect}-${shape.count}${shape.downs ? '-downs' : ''}`));
  const parent = mkdtempSync(join(tmpdir(), 'migration-lens-bench-'));
  try {
    for (const shape of shapes) {
      const workspace = generateWorkspace(parent, shape);
      process.stderr.write(`measuring editor requests on ${shapeName(shape)}…\n`);
      const ours = await measure([process.execPath, ...SERVER_NODE_FLAGS, SERVER, '--stdio'], workspace, true);
      const squawk = shape.dialect === 'postgres' ? await measure([SQUAWK, 'server'], workspace, false) : undefined;
      const figures = (times: number[] | undefined) => (times ? `${ms(percentile(times, 0.5))}, ${ms(percentile(times, 0.95))}` : '—');
      const lines = [[`${shapeName(shape)} (${workspace.files} files): median, p95`, 'Migration Lens', ...(squawk ? ['squawk server'] : [])]];
      for (const request of REQUESTS) lines.push([request.label, figures(ours.get(request.label)), ...(squawk ? [figures(squawk.get(request.label))] : [])]);
      console.log(`${table(lines)}\n`);
    }
    console.log(`${ROUNDS} rounds: an edit of the middle migration, its diagnostics and its dependent's re-published, then each request once. "—": the server does not offer the request.`);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
