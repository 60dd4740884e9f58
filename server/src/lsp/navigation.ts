// Completion, go to definition, find references, rename, outlines, workspace symbols, folding and
// the lenses, answered from the latest analysis (its replays hold every statement with the schema
// around it): no analysis runs for a request. Offsets become positions with each file's own text.

import { CompletionItemKind, ErrorCodes, FoldingRange, InlayHintKind, ResponseError, SemanticTokensBuilder, SymbolKind, type TextEdit, type WorkspaceEdit, type InlayHint, type SelectionRange, type SemanticTokensLegend, type CodeLens, type CompletionItem, type Connection, type DocumentSymbol, type Location, type SymbolInformation, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileHost } from '../engine/index.js';
import { LineIndex, type SourceRange } from '../engine/model/source.js';
import { completionsAt } from '../engine/symbols/complete.js';
import { inlayFacts } from '../engine/symbols/hints.js';
import { renamableAt, renameAt, type Refusal } from '../engine/symbols/rename.js';
import { createdTablesIn, definitionAt, namesIn, partsIn, referencesAt, useAt, workspaceSymbols, type NameUse, type Place, type WorkspaceSymbol } from '../engine/symbols/navigate.js';
import type { KnownStates } from './known-states.js';
import { MIGRATION_STATE_WORDS, SHOW_REFERENCES_COMMAND } from './protocol.js';
import { enclosingRanges, fileOutline, foldingRanges, type OutlineEntry, type OutlineKind } from '../engine/symbols/outline.js';
import { pathToUri, uriToPath } from './uri.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  part: SymbolKind.Namespace,
  table: SymbolKind.Struct,
  view: SymbolKind.Interface,
  index: SymbolKind.Key,
  type: SymbolKind.Enum,
  function: SymbolKind.Function,
  trigger: SymbolKind.Event,
  sequence: SymbolKind.Number,
  data: SymbolKind.Event,
  other: SymbolKind.Object,
};

const WORKSPACE_KINDS: Record<WorkspaceSymbol['kind'], SymbolKind> = {
  table: SymbolKind.Struct,
  view: SymbolKind.Interface,
  type: SymbolKind.Enum,
  function: SymbolKind.Function,
  sequence: SymbolKind.Number,
  index: SymbolKind.Key,
};

/**
 * Semantic token types: objects that exist at that point of the history by kind, and
 * `unknownObject` for a name the statement needs but the history does not have (the package
 * maps it to the theme's "invalid" colour), so a typo shows before any diagnostic arrives.
 */
const TOKEN_TYPES = ['class', 'interface', 'property', 'type', 'function', 'variable', 'unknownObject'] as const;
const TOKEN_MODIFIERS = ['declaration'] as const;
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

function tokenType(use: NameUse): (typeof TOKEN_TYPES)[number] | undefined {
  if (!use.resolved) return use.checked ? 'unknownObject' : undefined;
  switch (use.kind) {
    case 'table':
      return 'class';
    case 'view':
      return 'interface';
    case 'column':
      return 'property';
    case 'type':
      return 'type';
    case 'function':
    case 'trigger':
      return 'function';
    default:
      return 'variable';
  }
}

const COMPLETION_KINDS = {
  table: CompletionItemKind.Struct,
  view: CompletionItemKind.Interface,
  column: CompletionItemKind.Field,
  keyword: CompletionItemKind.Keyword,
  type: CompletionItemKind.TypeParameter,
  sequence: CompletionItemKind.Value,
  schema: CompletionItemKind.Module,
} as const;

/** The client's commands the migration lens runs (client/src/database/commands.ts). */
const APPLY_UP_TO = 'migrationLens.migrateUpTo';
const ROLL_BACK_TO = 'migrationLens.migrateDownTo';
const READ_STATE = 'migrationLens.readStatus';

/** "2026-12-05T17:20:31.000Z" → "2026-12-05 17:20"; other spellings as they are. */
const appliedWhen = (at: string | undefined): string => (at ? ` ${/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(at) ? at.slice(0, 16).replace('T', ' ') : at}` : '');

export function registerNavigation(connection: Connection, documents: TextDocuments<TextDocument>, analysis: WorkspaceAnalysis, host: FileHost, known: KnownStates): void {
  /** Each file's line index, from the open document's text or the file's; kept while the text is the same (a thousand workspace symbols would otherwise index their files a thousand times). */
  const lineIndexes = new Map<string, LineIndex>();
  const linesOf = (path: string): LineIndex | undefined => {
    const text = documents.get(pathToUri(path))?.getText() ?? host.readFile(path);
    if (text === undefined) return undefined;
    const kept = lineIndexes.get(path);
    if (kept?.text === text) return kept;
    const lines = new LineIndex(text);
    lineIndexes.set(path, lines);
    return lines;
  };
  const location = ({ file, range }: Place): Location | undefined => {
    const lines = linesOf(file);
    return lines && { uri: pathToUri(file), range: lines.range(range) };
  };
  const at = (uri: string, position: { line: number; character: number }) => {
    const path = uriToPath(uri);
    const document = documents.get(uri);
    return path && document ? { path, offset: document.offsetAt(position), lines: new LineIndex(document.getText()) } : undefined;
  };

  connection.onCompletion(({ textDocument, position }): CompletionItem[] => {
    const path = uriToPath(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!path || !document) return [];
    const text = document.getText();
    const offset = document.offsetAt(position);
    // The statement being typed: from the last `;` before the cursor.
    const typed = text.slice(text.lastIndexOf(';', offset - 1) + 1, offset);
    const semicolon = text.indexOf(';', offset);
    const rest = text.slice(offset, semicolon < 0 ? text.length : semicolon);
    return completionsAt(analysis.latest(), path, offset, typed, rest).map((item) => ({ label: item.label, kind: COMPLETION_KINDS[item.kind], detail: item.detail }));
  });

  connection.onDefinition(({ textDocument, position }) => {
    const here = at(textDocument.uri, position);
    const place = here && definitionAt(analysis.latest(), here.path, here.offset);
    return (place && location(place)) ?? null;
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const here = at(textDocument.uri, position);
    if (!here) return [];
    return referencesAt(analysis.latest(), here.path, here.offset, context.includeDeclaration).flatMap((place) => location(place) ?? []);
  });

  /** A refused rename as the editor shows it, with the line of the mention that stopped it. */
  const refusal = ({ refused, at }: Refusal): ResponseError<void> => {
    const where = at && location(at);
    const suffix = where ? ` (line ${where.range.start.line + 1} of ${at.file.slice(at.file.lastIndexOf('/') + 1)})` : '';
    return new ResponseError(ErrorCodes.InvalidRequest, refused + suffix);
  };

  connection.onPrepareRename(({ textDocument, position }) => {
    const here = at(textDocument.uri, position);
    if (!here) return null;
    const renamable = renamableAt(analysis.latest(), here.path, here.offset);
    if ('refused' in renamable) throw refusal(renamable);
    return { range: here.lines.range(renamable.range), placeholder: renamable.name };
  });

  connection.onRenameRequest(({ textDocument, position, newName }): WorkspaceEdit | null => {
    const here = at(textDocument.uri, position);
    if (!here) return null;
    const plan = renameAt(analysis.latest(), here.path, here.offset, newName);
    if ('refused' in plan) throw refusal(plan);
    const changes: Record<string, TextEdit[]> = {};
    for (const edit of plan.edits) {
      const place = location(edit);
      if (place) (changes[place.uri] ??= []).push({ range: place.range, newText: edit.text });
    }
    return { changes };
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const path = uriToPath(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!path || !document) return [];
    const lines = new LineIndex(document.getText());
    const symbol = (entry: OutlineEntry): DocumentSymbol => ({
      name: entry.name,
      kind: SYMBOL_KINDS[entry.kind],
      range: lines.range(entry.range),
      selectionRange: lines.range(within(entry.selection, entry.range)),
      children: entry.children.map(symbol),
    });
    return fileOutline(analysis.latest(), path).map(symbol);
  });

  connection.onWorkspaceSymbol(({ query }): SymbolInformation[] =>
    workspaceSymbols(analysis.latest(), query).flatMap((symbol) => {
      const place = location(symbol.place);
      return place ? [{ name: symbol.name, kind: WORKSPACE_KINDS[symbol.kind], location: place, containerName: symbol.set }] : [];
    }),
  );

  /**
   * Above each migration's up part: its state in the set's database as last read, and "Apply up
   * to here" (pending) or "Roll back to here" (applied) — the Migrations view's commands.
   */
  const migrationLenses = (path: string, lines: LineIndex): CodeLens[] => {
    const latest = analysis.latest();
    return partsIn(latest, path).flatMap(({ set, part }): CodeLens[] => {
      if (part.part.direction !== 'up') return [];
      const { root, migrations } = latest.sets[set];
      const migration = migrations.find((candidate) => candidate.up === part.part) ?? migrations.find((candidate) => candidate.up?.file === path);
      if (!migration) return [];
      const line = lines.positionAt(part.part.range.start).line;
      const range = { start: { line, character: 0 }, end: { line, character: 0 } };
      const state = known.of(root, path);
      if (!state) return [{ range, command: { title: 'Migration state not read yet', command: READ_STATE, arguments: [{ root }] } }];
      const item = state.item;
      const words = item ? `${MIGRATION_STATE_WORDS[item.state]}${item.state === 'applied' ? appliedWhen(item.appliedAt) : ''}` : 'pending (new since the last read)';
      // A click reads the state again.
      const lenses: CodeLens[] = [{ range, command: { title: words, command: READ_STATE, arguments: [{ root }] } }];
      const argument = { root, version: migration.version };
      if (!item || item.state === 'pending') lenses.push({ range, command: { title: 'Apply up to here', command: APPLY_UP_TO, arguments: [argument] } });
      if (item?.state === 'applied' || item?.state === 'changed') lenses.push({ range, command: { title: 'Roll back to here', command: ROLL_BACK_TO, arguments: [argument] } });
      return lenses;
    });
  };

  // Above each migration: its state and what to run; above each CREATE TABLE: how many other migrations use the table (a click lists them).
  connection.onCodeLens(({ textDocument }): CodeLens[] => {
    const path = uriToPath(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!path || !document) return [];
    const lines = new LineIndex(document.getText());
    return [...migrationLenses(path, lines), ...createdTablesIn(analysis.latest(), path).map(({ name, range, usedBy }) => {
      const at = lines.range(range);
      const title = usedBy === 0 ? `${name}: no other migration uses it` : `${name}: used by ${usedBy} other migration${usedBy === 1 ? '' : 's'}`;
      return { range: at, command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [textDocument.uri, at.start] } };
    })];
  });

  connection.languages.semanticTokens.on(({ textDocument }) => {
    const path = uriToPath(textDocument.uri);
    const document = documents.get(textDocument.uri);
    const builder = new SemanticTokensBuilder();
    if (!path || !document) return builder.build();
    const lines = new LineIndex(document.getText());
    const uses = namesIn(analysis.latest(), path).sort((a, b) => a.range.start - b.range.start);
    for (const use of uses) {
      const type = tokenType(use);
      if (type === undefined) continue;
      const { start, end } = lines.range(use.range);
      if (start.line !== end.line) continue;
      builder.push(start.line, start.character, end.character - start.character, TOKEN_TYPES.indexOf(type), use.role === 'create' ? 1 : 0);
    }
    return builder.build();
  });

  connection.languages.inlayHint.on(({ textDocument, range }): InlayHint[] => {
    const path = uriToPath(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!path || !document || !analysis.settings.inlayHints) return [];
    const lines = new LineIndex(document.getText());
    return inlayFacts(analysis.latest(), path).flatMap((fact) => {
      const position = lines.positionAt(fact.offset);
      if (position.line < range.start.line || position.line > range.end.line) return [];
      return [{ position, label: fact.label, kind: fact.kind === 'origin' ? InlayHintKind.Type : InlayHintKind.Parameter, paddingLeft: true }];
    });
  });

  // Expand selection: the name, then its statement, then its up or down part.
  connection.onSelectionRanges(({ textDocument, positions }): SelectionRange[] => {
    const path = uriToPath(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!path || !document) return [];
    const lines = new LineIndex(document.getText());
    const latest = analysis.latest();
    return positions.map((position) => {
      const offset = document.offsetAt(position);
      const ranges = enclosingRanges(latest, path, offset, useAt(latest, path, offset)?.placed.use.range);
      let selection: SelectionRange | undefined;
      for (const range of [...ranges].reverse()) selection = { range: lines.range(range), parent: selection };
      return selection ?? { range: { start: position, end: position } };
    });
  });

  connection.onFoldingRanges(({ textDocument }) => {
    const path = uriToPath(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!path || !document) return [];
    const lines = new LineIndex(document.getText());
    // One fold per span of lines: a part of one statement folds as that statement does.
    const spans = new Map<string, FoldingRange>();
    for (const range of foldingRanges(analysis.latest(), path).map((source) => lines.range(source))) {
      if (range.end.line > range.start.line) spans.set(`${range.start.line}:${range.end.line}`, FoldingRange.create(range.start.line, range.end.line));
    }
    return [...spans.values()];
  });
}

/** LSP requires the selection inside the symbol's range. */
function within(selection: SourceRange, range: SourceRange): SourceRange {
  return selection.start >= range.start && selection.end <= range.end ? selection : { start: range.start, end: range.start };
}
