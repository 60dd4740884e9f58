// Document and range formatting: the engine formats statement by statement and changes only
// whitespace (see engine/format/format-statements.ts); this turns its edits into the editor's.

import type { Connection, DocumentFormattingParams, DocumentRangeFormattingParams, TextDocuments, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatStatements } from '../engine/format/format-statements.js';
import { LineIndex } from '../engine/model/source.js';
import { uriToPath } from './uri.js';
import type { WorkspaceAnalysis } from './workspace-analysis.js';

export function registerFormatting(connection: Connection, documents: TextDocuments<TextDocument>, analysis: WorkspaceAnalysis): void {
  const edits = ({ textDocument, options, range }: DocumentFormattingParams & Partial<Pick<DocumentRangeFormattingParams, 'range'>>): TextEdit[] => {
    const path = uriToPath(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!path || !document) return [];
    const text = document.getText();
    const lines = new LineIndex(text);
    const within = range && { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    return formatStatements(analysis.latest(), path, text, { tabSize: options.tabSize, insertSpaces: options.insertSpaces, ...(within && { range: within }) }).map((edit) => ({
      range: lines.range(edit.range),
      newText: edit.text,
    }));
  };
  connection.onDocumentFormatting(edits);
  connection.onDocumentRangeFormatting(edits);
}
