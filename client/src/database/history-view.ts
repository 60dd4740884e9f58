// The History view: per set, what its tracking table records (migrationLens/history), newest
// first, with when and how long where the framework keeps that, failed ones marked. Read under
// the same rules as the Migrations view's states (read-gate.ts), and again whenever those change
// (a run, a refresh, a new target). Nothing is read in Restricted Mode: the view's welcome says why.

import { commands, EventEmitter, window, workspace, type ExtensionContext, type TreeDataProvider, type TreeItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { HistoryRequest, ListSetsRequest, type HistoryEntryItem, type HistoryResult, type MigrationSetSummary, type SetDatabase } from '../../../server/src/lsp/protocol.js';
import { setFolder } from '../set-item.js';
import { toTreeItem } from '../views/tree-item.js';
import type { Row } from '../views/row.js';
import { historyRow, historySummary } from './history-rows.js';
import type { MigrationsTree } from './migrations-tree.js';
import type { ReadPermissions } from './read-gate.js';
import { setsWithDatabases } from './set-databases.js';
import { chooseTarget } from './target.js';

export const READ_HISTORY_COMMAND = 'migrationLens.readHistory';
const VIEW_ID = 'migrationLens.history';

type HistoryNode =
  | { kind: 'set'; root: string; set: MigrationSetSummary; database?: SetDatabase }
  | { kind: 'entry'; root: string; entry: HistoryEntryItem }
  | { kind: 'row'; root: string; row: Row };

export class HistoryTree implements TreeDataProvider<HistoryNode> {
  private readonly changed = new EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Per set root: the last history read, or why it could not be read. */
  private readonly histories = new Map<string, HistoryResult | { error: string }>();

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: LanguageClient,
    private readonly permissions: ReadPermissions,
  ) {}

  /** Forgets what was read (one set, or all) and shows the view again. */
  refresh(root?: string): void {
    if (root) this.histories.delete(root);
    else this.histories.clear();
    this.changed.fire(undefined);
  }

  /** Reads a set's history now, asking for a password or a confirmation where its database needs one. */
  async read(root: string): Promise<void> {
    this.permissions.grant(root);
    this.histories.delete(root);
    const { sets } = await this.client.sendRequest(ListSetsRequest);
    const set = sets.find((candidate) => candidate.root === root);
    if (set) await this.load(set);
    this.changed.fire(undefined);
  }

  async getChildren(node?: HistoryNode): Promise<HistoryNode[]> {
    if (!workspace.isTrusted) return [];
    if (!node) {
      return (await setsWithDatabases(this.context, this.client)).map(({ set, database }) => ({ kind: 'set', root: set.root, set, database }));
    }
    if (node.kind !== 'set') return [];
    const row = (row: Row): HistoryNode => ({ kind: 'row', root: node.root, row });
    const { database } = node;
    if (!database || database.needsTarget) return [row({ label: 'No database yet', icon: { id: 'info' }, tooltip: 'Choose a database for this folder in the Migrations view.' })];
    let history = this.histories.get(node.root);
    if (!history) {
      const waitFor = await this.permissions.reasonToWait(this.context, node.root, database.target);
      if (waitFor) {
        return [row({ label: 'Read the history…', icon: { id: 'plug' }, tooltip: `Read the history from ${database.target.description}. ${waitFor}`, command: { command: READ_HISTORY_COMMAND, title: 'Read History', arguments: [{ root: node.root }] } })];
      }
      history = await this.load(node.set);
    }
    if ('error' in history) return [row({ label: history.error, icon: { id: 'error', color: 'errorForeground' }, tooltip: history.error })];
    return [row(historySummary(history)), ...history.entries.map((entry): HistoryNode => ({ kind: 'entry', root: node.root, entry }))];
  }

  getTreeItem(node: HistoryNode): TreeItem {
    if (node.kind === 'set') {
      return toTreeItem({ label: setFolder(node.set), description: node.database?.label, icon: { id: 'database' }, collapsible: 'expanded', contextValue: 'historySet', tooltip: node.database && `History of ${setFolder(node.set)} on ${node.database.target.description}.` });
    }
    return toTreeItem(node.kind === 'entry' ? historyRow(node.entry) : node.row);
  }

  private async load(set: MigrationSetSummary): Promise<HistoryResult | { error: string }> {
    let history: HistoryResult | { error: string };
    try {
      const target = await chooseTarget(this.context, this.client, set, `read the migration history of ${setFolder(set)}`);
      history = target ? await this.client.sendRequest(HistoryRequest, { ...target, root: set.root }) : { error: 'Not read: the database needs a password or a confirmation. Refresh to try again.' };
    } catch (error) {
      history = { error: error instanceof Error ? error.message : String(error) };
    }
    this.histories.set(set.root, history);
    return history;
  }
}

/** The view, read again whenever the Migrations view's states change. */
export function createHistoryView(context: ExtensionContext, client: LanguageClient, migrations: MigrationsTree, permissions: ReadPermissions): HistoryTree {
  const tree = new HistoryTree(context, client, permissions);
  context.subscriptions.push(
    window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    migrations.onDidChangeStates((root) => tree.refresh(root)),
    commands.registerCommand('migrationLens.refreshHistory', () => tree.refresh()),
  );
  return tree;
}
