// The Schema view: the schema the migrations produce, replayed by the server with no database —
// after the migration in the active editor (what the next one runs on), or after the last one.
// Tables open to their columns, keys and indexes; every object shows its definition, goes to the
// statement that created it, and lists in its tooltip the migrations that changed it since.

import { commands, EventEmitter, MarkdownString, ThemeIcon, TreeItem, TreeItemCollapsibleState, Uri, window, workspace, type ExtensionContext, type TreeDataProvider } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListSetsRequest, SchemaRequest, type SchemaOrigin, type SchemaTreeItem } from '../../server/src/lsp/protocol.js';
import { refreshWhenVisible } from './refresh-when-visible.js';
import { reveal } from './reveal.js';
import { setFolder, setOfActiveEditor } from './set-item.js';

const VIEW_ID = 'migrationLens.schema';
const REVEAL_COMMAND = 'migrationLens.revealSchemaObject';
const REFRESH_DELAY_MS = 400;

const ICONS: Record<string, string> = {
  table: 'table',
  column: 'symbol-field',
  'primary-key': 'key',
  unique: 'symbol-constant',
  'foreign-key': 'references',
  check: 'check',
  index: 'list-ordered',
  view: 'eye',
  'materialized-view': 'eye',
  enum: 'symbol-enum',
  function: 'symbol-method',
  trigger: 'zap',
  sequence: 'symbol-number',
  extension: 'extensions',
  schema: 'symbol-namespace',
  history: 'history',
};

class SchemaTree implements TreeDataProvider<SchemaTreeItem> {
  private readonly changed = new EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The set shown last: kept while the active editor is not in any set. */
  private root: string | undefined;
  /** A migration the user asked to see the schema after ("Show Schema Here"), until another editor becomes active. */
  pinned: { root: string; uri: string } | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly describe: (text: string | undefined) => void,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(item?: SchemaTreeItem): Promise<SchemaTreeItem[]> {
    if (item) return item.children ?? [];
    const { sets } = await this.client.sendRequest(ListSetsRequest);
    const pinned = this.pinned && sets.find((candidate) => candidate.root === this.pinned?.root);
    const active = pinned ? { set: pinned, uri: Uri.parse(this.pinned!.uri) } : setOfActiveEditor(sets);
    const set = active?.set ?? sets.find((candidate) => candidate.root === this.root) ?? sets[0];
    if (!set) {
      this.describe(undefined);
      return [];
    }
    this.root = set.root;
    const schema = await this.client.sendRequest(SchemaRequest, { root: set.root, uri: active?.uri.toString() });
    const after = schema.after;
    this.describe(after ? `${setFolder(set)} · after ${after.version} ${after.migration} (${after.position} of ${after.count})` : `${setFolder(set)} · no migrations`);
    return schema.items;
  }

  getTreeItem(object: SchemaTreeItem): TreeItem {
    const item = new TreeItem(object.name, object.children?.length ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
    item.description = object.detail;
    item.iconPath = new ThemeIcon(ICONS[object.kind] ?? 'symbol-misc');
    item.contextValue = `schema.${object.kind}`;
    item.tooltip = tooltip(object);
    // A table's row opens and closes its columns; the rest go to the statement that made them.
    if (object.created && !object.children?.length) item.command = { command: REVEAL_COMMAND, title: 'Go to Definition', arguments: [object] };
    return item;
  }
}

function tooltip(object: SchemaTreeItem): MarkdownString {
  const where = (origin: SchemaOrigin) => `${origin.version} ${origin.migration} (${workspace.asRelativePath(Uri.parse(origin.uri))}:${origin.range.start.line + 1})`;
  const lines = [`**${object.kind.replace('-', ' ')}** \`${object.name}\`${object.detail ? ` — ${object.detail}` : ''}`];
  if (object.created) lines.push(`${object.removed ?? 'created'} in ${where(object.created)}`);
  for (const event of object.events) lines.push(`- ${event.action} in ${where(event.origin)}: ${event.detail}`);
  return new MarkdownString(lines.join('\n\n'));
}


/** Shows the schema after one migration of a set, in place of the active editor's. */
export interface SchemaView {
  showAfter(root: string, uri: string): Promise<void>;
}

/** The view, shown again after the active editor changes or a migration is edited, while it is visible. */
export function createSchemaView(context: ExtensionContext, client: LanguageClient): SchemaView {
  let view: ReturnType<typeof window.createTreeView<SchemaTreeItem>> | undefined;
  const tree = new SchemaTree(client, (text) => {
    if (view) view.description = text;
  });
  view = window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const refresh = refreshWhenVisible(view, () => tree.refresh(), REFRESH_DELAY_MS);
  /** The file the view itself opened: showing it must not switch the view to its migration's schema. */
  let revealing: string | undefined;
  context.subscriptions.push(
    view,
    refresh,
    window.onDidChangeActiveTextEditor((editor) => {
      const opened = editor?.document.uri.toString();
      if (revealing !== undefined && opened === revealing) return;
      revealing = undefined;
      tree.pinned = undefined;
      refresh.schedule();
    }),
    commands.registerCommand(REVEAL_COMMAND, async (object: SchemaTreeItem) => {
      if (!object.created) return;
      revealing = Uri.parse(object.created.uri).toString();
      await reveal(object.created);
    }),
    workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.path.endsWith('.sql') && event.contentChanges.length > 0) refresh.schedule();
    }),
  );
  return {
    async showAfter(root, uri) {
      tree.pinned = { root, uri };
      tree.refresh();
      await commands.executeCommand(`${VIEW_ID}.focus`);
    },
  };
}
