// The Migrations view: each migration set with the database it runs on (its own, named after it,
// for the embedded and Docker targets), and under it every migration with its state there
// (applied, pending, failed part-way, changed since it was applied, applied but its file missing)
// and when it was applied. The server reads the state (migrationLens/status); a target that is
// not on this machine is read only when asked, since each read asks first. A set with no database
// of its dialect gets the actions that give it one instead (set-database-rows.ts).

import { EventEmitter, ThemeColor, ThemeIcon, TreeItem, TreeItemCollapsibleState, Uri, window, workspace, type ExtensionContext, type TreeDataProvider } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListSetsRequest, SetDatabasesRequest, StatusRequest, type MigrationSetSummary, type MigrationStatusItem, type SetDatabase, type StatusResult } from '../../../server/src/lsp/protocol.js';
import { refreshWhenVisible } from '../refresh-when-visible.js';
import { setFolder, setItemText } from '../set-item.js';
import { STATE_ICONS, STATE_WORDS } from './migration-state.js';
import { needsTargetRows, sharedHistoryRow, type ActionRow } from './set-database-rows.js';
import { targetOfSet } from './set-target.js';
import { chooseTarget, needsPasswordPrompt, storageFolder } from './target.js';

/** What the view's commands receive: a set's root, and a migration's version on migration rows. */
export type TreeNode =
  | { kind: 'set'; root: string; set: MigrationSetSummary }
  | { kind: 'migration'; root: string; version: string; item: MigrationStatusItem }
  | { kind: 'message'; root: string; text: string; detail?: string; error: boolean; readOnRequest?: boolean }
  | ({ kind: 'action'; root: string } & ActionRow);

export const READ_STATUS_COMMAND = 'migrationLens.readStatus';

const VIEW_ID = 'migrationLens.migrations';
const REFRESH_DELAY_MS = 1000;

/**
 * The view and its tree, read again a moment after a migration file is saved, created, deleted
 * or renamed (a new file is a new pending migration; an edited applied one is "changed") — at
 * once while the view is shown, else when it is shown next.
 */
export function createMigrationsView(context: ExtensionContext, client: LanguageClient): MigrationsTree {
  const tree = new MigrationsTree(context, client);
  const view = window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const refresh = refreshWhenVisible(view, () => tree.refresh(), REFRESH_DELAY_MS);
  const filesChanged = (uris: readonly Uri[]) => {
    if (uris.some((uri) => uri.path.endsWith('.sql'))) refresh.schedule();
  };
  context.subscriptions.push(
    view,
    refresh,
    workspace.onDidSaveTextDocument((document) => filesChanged([document.uri])),
    workspace.onDidCreateFiles((event) => filesChanged(event.files)),
    workspace.onDidDeleteFiles((event) => filesChanged(event.files)),
    workspace.onDidRenameFiles((event) => filesChanged(event.files.flatMap((file) => [file.oldUri, file.newUri]))),
  );
  return tree;
}

export class MigrationsTree implements TreeDataProvider<TreeNode> {
  private readonly changed = new EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Per set root: the last status read, or why it could not be read. */
  private readonly statuses = new Map<string, StatusResult | { error: string }>();
  /** Sets whose container the user had the view read: later refreshes read it again by themselves. */
  private readonly containerRead = new Set<string>();
  /** Per set root, its database as the server describes it, read with the list of sets. */
  private databases = new Map<string, SetDatabase>();
  /** Per set root, what the last failed run there left, for the failed migration's tooltip. */
  private readonly outcomes = new Map<string, { version: string; outcome: string }>();

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: LanguageClient,
  ) {}

  /** Forgets what was read (all sets, or one) and shows the view again. */
  refresh(root?: string): void {
    if (root) this.statuses.delete(root);
    else this.statuses.clear();
    this.changed.fire(undefined);
  }

  /** Keeps what a failed run left, to show on its migration while the state says it failed. */
  rememberOutcome(root: string, version: string, outcome: string): void {
    this.outcomes.set(root, { version, outcome });
  }

  /** Shows a status a command has just read, instead of reading it again. */
  remember(root: string, status: StatusResult): void {
    this.statuses.set(root, status);
    this.changed.fire(undefined);
  }

  /** Reads a set's status now, asking for a password or a confirmation where the target needs one. */
  async read(root: string): Promise<void> {
    const { sets } = await this.client.sendRequest(ListSetsRequest);
    const set = sets.find((candidate) => candidate.root === root);
    if (!set) return;
    this.containerRead.add(root);
    await this.load(set);
    this.changed.fire(undefined);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const { sets } = await this.client.sendRequest(ListSetsRequest);
      const chosen = sets.map((set) => ({ root: set.root, target: targetOfSet(set) }));
      const { sets: databases } = await this.client.sendRequest(SetDatabasesRequest, { sets: chosen, storageDir: storageFolder(this.context) });
      this.databases = new Map(databases.map((database) => [database.root, database]));
      return sets.map((set) => ({ kind: 'set', root: set.root, set }));
    }
    if (node.kind !== 'set') return [];
    const database = this.databases.get(node.root);
    if (database?.needsTarget) return needsTargetRows(node.set).map((row) => ({ kind: 'action', root: node.root, ...row }));
    const warning: TreeNode[] = database?.warning ? [{ kind: 'action', root: node.root, ...sharedHistoryRow(database.warning) }] : [];
    return [...warning, ...(await this.stateRows(node))];
  }

  private async stateRows(node: Extract<TreeNode, { kind: 'set' }>): Promise<TreeNode[]> {
    let status = this.statuses.get(node.root);
    if (!status) {
      const target = this.databases.get(node.root)?.target;
      if (!target) return [];
      // Opening the view must not pop up a dialog or start a container: those reads wait for a click.
      const waitFor = target.problem
        ? undefined
        : !target.local
          ? 'That database is not on this machine: it is read only when you ask, after a confirmation.'
          : target.kind === 'docker' && !this.containerRead.has(node.root)
            ? 'Reading starts the container (and pulls its image) if it is not running.'
            : (await needsPasswordPrompt(this.context, target))
              ? 'The first read asks for its password.'
              : undefined;
      // Short, so the sidebar shows it whole; the database and why it waits are in the tooltip.
      if (waitFor) return [{ kind: 'message', root: node.root, text: 'Read the state…', detail: `Read the state from ${target.description}. ${waitFor}`, error: false, readOnRequest: true }];
      status = await this.load(node.set);
    }
    if ('error' in status) return [{ kind: 'message', root: node.root, text: status.error, error: true }];
    return status.migrations.map((item) => ({ kind: 'migration', root: node.root, version: item.version, item }));
  }

  getTreeItem(node: TreeNode): TreeItem {
    if (node.kind === 'set') {
      const { description } = setItemText(node.set);
      const item = new TreeItem(setFolder(node.set), TreeItemCollapsibleState.Expanded);
      const database = this.databases.get(node.root);
      item.description = database ? `${description} · ${database.label}` : description;
      item.iconPath = new ThemeIcon('database');
      // Sets on a database the extension made offer its console and reset too.
      item.contextValue = database && database.target.kind !== 'url' && !database.needsTarget ? 'migrationSet.own' : 'migrationSet';
      item.tooltip = [node.set.frameworkReason, node.set.dialectReason, database && `Runs on ${database.target.description}.`].filter(Boolean).join('\n');
      return item;
    }
    if (node.kind === 'action') {
      const item = new TreeItem(node.label, TreeItemCollapsibleState.None);
      item.iconPath = new ThemeIcon(node.icon, node.color ? new ThemeColor(node.color) : undefined);
      item.tooltip = node.tooltip;
      if (node.command) item.command = { command: node.command, title: node.label, arguments: [{ root: node.root }] };
      return item;
    }
    if (node.kind === 'message') {
      const item = new TreeItem(node.text, TreeItemCollapsibleState.None);
      item.iconPath = new ThemeIcon(node.error ? 'error' : 'plug', node.error ? new ThemeColor('errorForeground') : undefined);
      item.tooltip = node.detail ?? node.text;
      if (node.readOnRequest) item.command = { command: READ_STATUS_COMMAND, title: 'Read Migration State', arguments: [{ root: node.root }] };
      return item;
    }
    const { item: migration } = node;
    const item = new TreeItem(`${migration.version} ${migration.name}`, TreeItemCollapsibleState.None);
    const { id, color } = STATE_ICONS[migration.state];
    item.iconPath = new ThemeIcon(id, color ? new ThemeColor(color) : undefined);
    // An applied row says when (the icon says applied), where the framework records it.
    item.description = migration.state === 'applied' && migration.appliedAt ? migration.appliedAt : STATE_WORDS[migration.state];
    const outcome = this.outcomes.get(node.root);
    const lastRun = migration.state === 'failed' && outcome?.version === migration.version ? outcome.outcome : undefined;
    item.tooltip = [`${migration.version} ${migration.name}: ${item.description}`, migration.detail, lastRun].filter(Boolean).join('\n');
    // A migration failed part-way on a database the extension made offers the ways out: console, force, reset.
    const own = this.databases.get(node.root)?.target.kind !== 'url';
    item.contextValue = migration.state === 'failed' && own ? 'migration.failed.own' : `migration.${migration.state}`;
    if (migration.uri) {
      item.resourceUri = Uri.parse(migration.uri);
      item.command = { command: 'vscode.open', title: 'Open Migration', arguments: [item.resourceUri] };
    }
    return item;
  }

  private async load(set: MigrationSetSummary): Promise<StatusResult | { error: string }> {
    let status: StatusResult | { error: string };
    try {
      const target = await chooseTarget(this.context, this.client, set, `read the migration history of ${setFolder(set)}`);
      status = target ? await this.client.sendRequest(StatusRequest, { ...target, root: set.root }) : { error: 'The state was not read: the target needs a password or a confirmation. Refresh to try again.' };
    } catch (error) {
      status = { error: error instanceof Error ? error.message : String(error) };
    }
    this.statuses.set(set.root, status);
    return status;
  }
}
