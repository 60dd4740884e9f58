// "Show documentation for <rule>" and "Show Rule Documentation": the rule's markdown page from
// the server, rendered in a read-only preview of a virtual document (nothing on disk, nothing to
// save). From the command palette, a pick list of every rule with its summary comes first.

import { commands, EventEmitter, Uri, window, workspace, type Disposable, type QuickPickItem, type TextDocumentContentProvider } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RuleDocsRequest, RuleListRequest } from '../../server/src/lsp/protocol.js';

/** Read-only documents of rule pages: `migration-lens-docs:/<rule>.md`. */
const SCHEME = 'migration-lens-docs';

const docsUri = (rule: string) => Uri.from({ scheme: SCHEME, path: `/${rule}.md` });

/** Serves the rule pages to the markdown preview. */
export function registerRuleDocsProvider(client: LanguageClient): Disposable {
  const changed = new EventEmitter<Uri>();
  const provider: TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: async (uri) => {
      const rule = uri.path.replace(/^\//, '').replace(/\.md$/, '');
      return (await client.sendRequest(RuleDocsRequest, { rule })).markdown ?? `# ${rule}\n\nMigration Lens has no rule called \`${rule}\`.\n`;
    },
  };
  return workspace.registerTextDocumentContentProvider(SCHEME, provider);
}

export async function showRuleDocs(client: LanguageClient, given: string | undefined): Promise<void> {
  const rule = given ?? (await pickRule(client));
  if (!rule) return;
  if ((await client.sendRequest(RuleDocsRequest, { rule })).markdown === undefined) {
    void window.showWarningMessage(`Migration Lens has no rule called "${rule}".`);
    return;
  }
  await commands.executeCommand('markdown.showPreview', docsUri(rule));
}

interface RulePick extends QuickPickItem {
  rule: string;
}

async function pickRule(client: LanguageClient): Promise<string | undefined> {
  const { rules } = await client.sendRequest(RuleListRequest);
  const items: RulePick[] = rules.map((rule) => ({
    rule: rule.id,
    label: rule.id,
    description: `${rule.category} · ${rule.defaultLevel} · ${rule.dialects.length === 3 ? 'all dialects' : rule.dialects.join(', ')}`,
    detail: rule.summary.replace(/`/g, ''),
  }));
  const picked = await window.showQuickPick(items, { title: 'Migration Lens: rule documentation', placeHolder: 'Type a rule id or what it is about', matchOnDescription: true, matchOnDetail: true });
  return picked?.rule;
}
