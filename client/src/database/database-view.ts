// The Database view: each set's database (embedded, a database in the workspace's Docker
// container with the container's state, or a URL without its password), with its actions in
// the manifest's menus — start, stop, reset, switch target, baseline, drift — and under it the
// differences the last drift check found. The container's state is asked of `docker` (which
// starts nothing); the rest comes from what the server says of each set's target. Nothing is
// read in Restricted Mode: the view's welcome says why.

import { commands, EventEmitter, window, workspace, type ExtensionContext, type TreeDataProvider, type TreeItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DockerRequest, type DockerResult, type DriftResult, type MigrationSetSummary, type SetDatabase } from '../../../server/src/lsp/protocol.js';
import { setFolder } from '../set-item.js';
import type { Row } from '../views/row.js';
import { toTreeItem } from '../views/tree-item.js';
import { containerRow, databaseRow, differenceRow, driftRow, targetRow } from './database-rows.js';
import type { MigrationsTree } from './migrations-tree.js';
import { needsTargetRows } from './set-database-rows.js';
import { setsWithDatabases } from './set-databases.js';
import { containerSettings } from './target.js';

const VIEW_ID = 'migrationLens.database';

type DatabaseNode =
  | { kind: 'database'; root: string; set: MigrationSetSummary; database: SetDatabase }
  | { kind: 'drift'; root: string }
  | { kind: 'row'; root: string; row: Row };

type Drift = DriftResult & { checkedAt: string };

export class DatabaseTree implements TreeDataProvider<DatabaseNode> {
  private readonly changed = new EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Per set root: the last drift check, kept until the database changes. */
  private readonly drifts = new Map<string, Drift>();
  /** Per set root: the container as `docker` reported it, until the next refresh. */
  private readonly containers = new Map<string, DockerResult | { error: string }>();

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: LanguageClient,
  ) {}

  /** Reads the databases again; `root`'s drift check no longer holds (its database changed). */
  refresh(root?: string): void {
    if (root) this.drifts.delete(root);
    this.containers.clear();
    this.changed.fire(undefined);
  }

  /** Shows what a drift check found, under the set's database. */
  showDrift(root: string, drift: DriftResult): void {
    this.drifts.set(root, { ...drift, checkedAt: new Date().toISOString() });
    this.changed.fire(undefined);
  }

  async getChildren(node?: DatabaseNode): Promise<DatabaseNode[]> {
    if (!workspace.isTrusted) return [];
    if (!node) {
      return (await setsWithDatabases(this.context, this.client)).flatMap(({ set, database }): DatabaseNode[] => (database ? [{ kind: 'database', root: set.root, set, database }] : []));
    }
    const row = (row: Row): DatabaseNode => ({ kind: 'row', root: node.root, row });
    if (node.kind === 'drift') return (this.drifts.get(node.root)?.differences ?? []).map((difference) => row(differenceRow(difference)));
    if (node.kind !== 'database') return [];
    const { set, database } = node;
    if (database.needsTarget) {
      // The database's own row already says there is none: its children are the two ways to get one.
      return needsTargetRows(set).filter((action) => action.command).map((action) => row({ label: action.label, icon: { id: action.icon, color: action.color }, tooltip: action.tooltip, command: action.command ? { command: action.command, title: action.label, arguments: [{ root: set.root }] } : undefined }));
    }
    const container = database.target.kind === 'docker' ? [row(containerRow(await this.container(set)))] : [];
    return [row(targetRow(database)), ...container, { kind: 'drift', root: set.root }];
  }

  getTreeItem(node: DatabaseNode): TreeItem {
    if (node.kind === 'database') return toTreeItem(databaseRow(node.database, setFolder(node.set)));
    if (node.kind === 'drift') return toTreeItem(driftRow(node.root, this.drifts.get(node.root)));
    return toTreeItem(node.row);
  }

  /** The workspace's container as `docker` reports it (`status` starts nothing). */
  private async container(set: MigrationSetSummary): Promise<DockerResult | { error: string }> {
    let known = this.containers.get(set.root);
    if (!known) {
      try {
        known = await this.client.sendRequest(DockerRequest, { root: set.root, action: 'status', ...containerSettings(this.context, set) });
      } catch (error) {
        known = { error: error instanceof Error ? error.message : String(error) };
      }
      this.containers.set(set.root, known);
    }
    return known;
  }
}

/** The view, read again whenever the Migrations view's states change (a run, a refresh, a new target). */
export function createDatabaseView(context: ExtensionContext, client: LanguageClient, migrations: MigrationsTree): DatabaseTree {
  const tree = new DatabaseTree(context, client);
  context.subscriptions.push(
    window.createTreeView(VIEW_ID, { treeDataProvider: tree }),
    migrations.onDidChangeStates((root) => tree.refresh(root)),
    commands.registerCommand('migrationLens.refreshDatabase', () => tree.refresh()),
  );
  return tree;
}
