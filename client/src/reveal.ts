// Opening a file the server names at the range it names (LSP positions are 0-based, as VS Code's).

import { Range, Uri, window } from 'vscode';
import type { FileRange } from '../../server/src/lsp/protocol.js';

export async function reveal(location: FileRange): Promise<void> {
  const { start, end } = location.range;
  await window.showTextDocument(Uri.parse(location.uri), { selection: new Range(start.line, start.character, end.line, end.character), preview: true });
}
