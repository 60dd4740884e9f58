// The Migrations view: each migration set with the database it runs on (its own, named after it,
// for the embedded and Docker targets), and under it every migration with its findings and its
// state there (applied, pending, failed part-way, changed since it was applied, applied but its
// file missing) and when it was applied. The server reads the state (migrationLens/status) and
// the findings (migrationLens/setMigrations); a database that would ask or start something is
// read only when asked (read-gate.ts), and none is read in Restricted Mode. A set with no
// database of its dialect gets the actions that give it one instead (set-database-rows.ts).
// Migration rows are built in migration-rows.ts; the states also mark the files in the Explorer
// (file-decorations.ts).

import { EventEmitter, ThemeColor, ThemeIcon, TreeItem, TreeItemCollapsibleState, Uri, window, workspace, type ExtensionContext, type TreeDataProvider } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ListSetsRequest,
  SetMigrationsRequest,
  StatusRequest,
  type MigrationSetSummary,
  type MigrationStatusItem,
  type SetDatabase,
  type SetMigrationItem,
  type StatusResult,
} from '../../../server/src/lsp/protocol.js';
import { refreshWhenVisible } from '../refresh-when-visible.js';
import { setFolder, setItemText } from '../set-item.js';
import { restrictedRow } from '../trust.js';
import { findingsText } from '../views/row.js';
import { toTreeItem } from '../views/tree-item.js';
import { migrationRow, migrationRows, type MigrationRow } from './migration-rows.js';
import type { ReadPermissions } from './read-gate.js';
import { needsTargetRows, sharedHistoryRow, type ActionRow } from './set-database-rows.js';
import { setsWithDatabases } from './set-databases.js';
import { chooseTarget } from './target.js';

/** What the view's commands receive: a set's root, and a migration's version on migration rows. */
export type TreeNode =
  | { kind: 'set'; root: string; set: MigrationSetSummary }
  | ({ kind: 'migration' } & MigrationRow)
  | { kind: 'message'; root: string; text: string; detail?: string; error: boolean; readOnRequest?: boolean }
  | ({ kind: 'action'; root: string } & ActionRow);

/** A migration file's state in its set's database, as the view last read it. */
export interface FileState {
  state: MigrationStatusItem['state'];
  appliedAt?: string;
  /** The database, printable. */
  target: string;
}

export const READ_STATUS_COMMAND = 'migrationLens.readStatus';

const VIEW_ID = 'migrationLens.migrations';
const REFRESH_DELAY_MS = 1000;

/**
 * The view and its tree, read again a moment after a migration file is saved, created, deleted
 * or renamed (a new file is a new pending migration; an edited applied one is "changed") — at
 * once while the view is shown, else when it is shown next.
 */
export function createMigrationsView(context: ExtensionContext, client: LanguageClient, permissions: ReadPermissions): MigrationsTree {
  const tree = new MigrationsTree(context, client, permissions);
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
  private readonly statesChanged = new EventEmitter<string | undefined>();
  /** Fires with a set's root (or undefined: every set) when what the view knows of its database may have changed. */
  readonly onDidChangeStates = this.statesChanged.event;
  /** Per set root: the last status read, or why it could not be read. */
  private readonly statuses = new Map<string, StatusResult | { error: string }>();
  /** Per set root, its database as the server describes it, read with the list of sets. */
  private databases = new Map<string, SetDatabase>();
  /** Per set root, its migrations as the analysis knows them. */
  private readonly analysed = new Map<string, SetMigrationItem[]>();
  /** Per set root, a status read under way. */
  private readonly reading = new Map<string, Promise<StatusResult | { error: string }>>();
  /** Per set root, what the last failed run there left, for the failed migration's tooltip. */
  private readonly outcomes = new Map<string, { version: string; outcome: string }>();

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: LanguageClient,
    private readonly permissions: ReadPermissions,
  ) {}

  /** Forgets what was read (all sets, or one) and shows the view again. */
  refresh(root?: string): void {
    const wereRead = [...this.statuses].filter(([read, status]) => (!root || read === root) && !('error' in status)).map(([read]) => read);
    if (root) this.statuses.delete(root);
    else this.statuses.clear();
    this.changed.fire(undefined);
    this.statesChanged.fire(root);
    void this.readAgainUnseen(wereRead);
  }

  /**
   * The Explorer's decorations follow the states even while the view is hidden (a run from the
   * palette, a refresh): what was read before is read again where that asks nothing and starts nothing.
   */
  private async readAgainUnseen(roots: readonly string[]): Promise<void> {
    if (roots.length === 0 || !workspace.isTrusted) return;
    const { sets } = await this.client.sendRequest(ListSetsRequest);
    for (const root of roots) {
      const set = sets.find((candidate) => candidate.root === root);
      const target = this.databases.get(root)?.target;
      if (!set || !target || this.statuses.has(root) || (await this.permissions.reasonToWait(this.context, root, target))) continue;
      await this.load(set);
      this.statesChanged.fire(root);
    }
  }

  /** Keeps what a failed run left, to show on its migration while the state says it failed. */
  rememberOutcome(root: string, version: string, outcome: string): void {
    this.outcomes.set(root, { version, outcome });
  }

  /** Shows a status a command has just read, instead of reading it again. */
  remember(root: string, status: StatusResult): void {
    this.statuses.set(root, status);
    this.changed.fire(undefined);
    this.statesChanged.fire(root);
  }

  /** Reads a set's status now, asking for a password or a confirmation where the target needs one. */
  async read(root: string): Promise<void> {
    const { sets } = await this.client.sendRequest(ListSetsRequest);
    const set = sets.find((candidate) => candidate.root === root);
    if (!set) return;
    this.permissions.grant(root);
    await this.load(set);
    this.changed.fire(undefined);
    this.statesChanged.fire(root);
  }

  /** The state of every migration file the view has read, by URI: up and down parts alike. */
  fileStates(): Map<string, FileState> {
    const states = new Map<string, FileState>();
    for (const [root, status] of this.statuses) {
      if ('error' in status) continue;
      for (const row of migrationRows(root, this.analysed.get(root) ?? [], status)) {
        const { state, appliedAt } = row.status!;
        for (const uri of [row.status!.uri, row.analysed?.downUri]) if (uri) states.set(uri, { state, appliedAt, target: status.target });
      }
    }
    return states;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const sets = await setsWithDatabases(this.context, this.client);
      this.databases = new Map(sets.flatMap(({ database }) => (database ? [[database.root, database]] : [])));
      return sets.map(({ set }) => ({ kind: 'set', root: set.root, set }));
    }
    if (node.kind !== 'set') return [];
    const database = this.databases.get(node.root);
    if (database?.needsTarget) return needsTargetRows(node.set).map((row) => ({ kind: 'action', root: node.root, ...row }));
    const warning: TreeNode[] = database?.warning ? [{ kind: 'action', root: node.root, ...sharedHistoryRow(database.warning) }] : [];
    const { migrations } = await this.client.sendRequest(SetMigrationsRequest, { root: node.root });
    this.analysed.set(node.root, migrations);
    return [...warning, ...(await this.stateRows(node, migrations))];
  }

  private async stateRows(node: Extract<TreeNode, { kind: 'set' }>, analysed: SetMigrationItem[]): Promise<TreeNode[]> {
    const fromAnalysis = (): TreeNode[] => migrationRows(node.root, analysed).map((row) => ({ kind: 'migration', ...row }));
    if (!workspace.isTrusted) return [{ kind: 'action', root: node.root, ...restrictedRow('the migrations\' states') }, ...fromAnalysis()];
    let status = this.statuses.get(node.root);
    if (!status) {
      const target = this.databases.get(node.root)?.target;
      if (!target) return fromAnalysis();
      const waitFor = await this.permissions.reasonToWait(this.context, node.root, target);
      // Short, so the sidebar shows it whole; the database and why it waits are in the tooltip.
      if (waitFor) return [{ kind: 'message', root: node.root, text: 'Read the state…', detail: `Read the state from ${target.description}. ${waitFor}`, error: false, readOnRequest: true }, ...fromAnalysis()];
      status = await this.load(node.set);
      this.statesChanged.fire(node.root);
    }
    if ('error' in status) return [{ kind: 'message', root: node.root, text: status.error, error: true }, ...fromAnalysis()];
    return migrationRows(node.root, analysed, status).map((row) => ({ kind: 'migration', ...row }));
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
      const findings = findingsText(node.set) ?? 'no findings';
      item.tooltip = [node.set.frameworkReason, node.set.dialectReason, findings, database && `Runs on ${database.target.description}.`].filter(Boolean).join('\n');
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
    // A migration failed part-way on a database the extension made offers the ways out: console, force, reset.
    const own = this.databases.get(node.root)?.target.kind !== 'url';
    const outcome = this.outcomes.get(node.root);
    return toTreeItem(migrationRow(node, own, outcome?.version === node.version ? outcome.outcome : undefined));
  }

  /** Reads the set's status; a read already under way for the set is the one waited for. */
  private load(set: MigrationSetSummary): Promise<StatusResult | { error: string }> {
    let reading = this.reading.get(set.root);
    if (!reading) {
      reading = this.readStatus(set).finally(() => this.reading.delete(set.root));
      this.reading.set(set.root, reading);
    }
    return reading;
  }

  private async readStatus(set: MigrationSetSummary): Promise<StatusResult | { error: string }> {
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
