// The Migrations view's migration rows, as plain data (views/row.ts): each migration of a set
// with its state in the set's database when that was read, its findings from the analysis, and
// the context value its inline actions hang on — `migration.<state>`, `.own` on a failed one
// whose database the extension made, `.last` on the last applied one (Redo runs it again).
// Before the state is read (or in Restricted Mode) the rows come from the analysis alone:
// `migration.unread`.

import type { MigrationStatusItem, SetMigrationItem, StatusResult } from '../../../server/src/lsp/protocol.js';
import { findingsText, joinDescription, timeText, type Row } from '../views/row.js';
import { STATE_ICONS, STATE_WORDS } from './migration-state.js';

export interface MigrationRow {
  root: string;
  version: string;
  /** The state in the database, when it was read. */
  status?: MigrationStatusItem;
  /** The migration as the analysis knows it (absent for a record whose file is gone). */
  analysed?: SetMigrationItem;
  /** The last migration applied: Redo undoes and applies it. */
  last: boolean;
}

/** The set's migrations: in the order of the status when it was read (it holds records with no file too), else of the analysis. */
export function migrationRows(root: string, analysed: readonly SetMigrationItem[], status?: StatusResult): MigrationRow[] {
  if (!status) return analysed.map((item) => ({ root, version: item.version, analysed: item, last: false }));
  const byUri = new Map(analysed.filter((item) => item.uri).map((item) => [item.uri, item]));
  const applied = status.migrations.filter((item) => item.state === 'applied' || item.state === 'changed');
  const last = applied[applied.length - 1];
  return status.migrations.map((item) => ({
    root,
    version: item.version,
    status: item,
    analysed: item.uri ? byUri.get(item.uri) : undefined,
    last: item === last,
  }));
}

/** `own`: the set's database is one the extension made (embedded, Docker); `lastRun`: what the last failed run left, for its row. */
export function migrationRow(row: MigrationRow, own: boolean, lastRun?: string): Row {
  const { status, analysed } = row;
  const name = status?.name ?? analysed?.name ?? '';
  const findings = analysed && findingsText(analysed);
  const uri = status?.uri ?? analysed?.uri;
  const open = uri ? { uri } : undefined;
  if (!status) {
    return {
      label: `${row.version} ${name}`.trim(),
      description: findings,
      icon: { id: 'file', color: analysed && analysed.errors > 0 ? 'errorForeground' : undefined },
      tooltip: [`${row.version} ${name}`, findings ?? 'no findings', 'Its state in the database has not been read.'].join('\n'),
      contextValue: 'migration.unread',
      resourceUri: uri,
      open,
    };
  }
  const { id, color } = STATE_ICONS[status.state];
  // An applied row says when (the icon says applied), where the framework records it.
  const state = status.state === 'applied' && status.appliedAt ? timeText(status.appliedAt) : STATE_WORDS[status.state];
  const failedOwn = status.state === 'failed' && own;
  return {
    label: `${status.version} ${name}`.trim(),
    description: joinDescription(state, findings),
    icon: { id, color },
    tooltip: [`${status.version} ${name}: ${state}`, status.detail, status.state === 'failed' ? lastRun : undefined, findings].filter(Boolean).join('\n'),
    contextValue: `migration.${status.state}${failedOwn ? '.own' : ''}${row.last ? '.last' : ''}`,
    resourceUri: uri,
    open,
  };
}
