// "Show documentation for <rule>": asks the server for the rule's markdown page and shows it
// rendered, from an untitled document so nothing is written to disk.

import { commands, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RuleDocsRequest } from '../../server/src/lsp/protocol.js';

export async function showRuleDocs(client: LanguageClient, given: string | undefined): Promise<void> {
  // From the command palette there is no finding to take the id from.
  const rule = given ?? (await window.showInputBox({ prompt: 'Rule id, e.g. mysql-alter-blocks-writes' }));
  if (!rule) return;
  const { markdown } = await client.sendRequest(RuleDocsRequest, { rule });
  if (markdown === undefined) {
    void window.showWarningMessage(`Migration Lens has no rule called "${rule}".`);
    return;
  }
  const document = await workspace.openTextDocument({ language: 'markdown', content: markdown });
  await commands.executeCommand('markdown.showPreview', document.uri);
}
