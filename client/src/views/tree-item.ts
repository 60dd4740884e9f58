// A Row (row.ts) as VS Code's TreeItem.

import { Position, Range, ThemeColor, ThemeIcon, TreeItem, TreeItemCollapsibleState, Uri } from 'vscode';
import type { Row } from './row.js';

const COLLAPSIBLE = {
  none: TreeItemCollapsibleState.None,
  collapsed: TreeItemCollapsibleState.Collapsed,
  expanded: TreeItemCollapsibleState.Expanded,
};

export function toTreeItem(row: Row): TreeItem {
  const item = new TreeItem(row.label, COLLAPSIBLE[row.collapsible ?? 'none']);
  item.description = row.description;
  if (row.icon) item.iconPath = new ThemeIcon(row.icon.id, row.icon.color ? new ThemeColor(row.icon.color) : undefined);
  item.tooltip = row.tooltip;
  item.contextValue = row.contextValue;
  if (row.resourceUri) item.resourceUri = Uri.parse(row.resourceUri);
  if (row.command) item.command = row.command;
  if (row.open) {
    const at = new Position(row.open.line ?? 0, row.open.character ?? 0);
    item.command = { command: 'vscode.open', title: 'Open', arguments: [Uri.parse(row.open.uri), { selection: new Range(at, at), preview: true }] };
  }
  return item;
}
