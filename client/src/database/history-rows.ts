// The History view's rows, as plain data (views/row.ts): what the set's tracking table records,
// newest first — when each migration ran and for how long where the framework keeps that, and
// the ones that failed marked as failed.

import type { HistoryEntryItem, HistoryResult } from '../../../server/src/lsp/protocol.js';
import { durationText, joinDescription, timeText, type Row } from '../views/row.js';
import { STATE_ICONS, STATE_WORDS } from './migration-state.js';

export function historyRow(entry: HistoryEntryItem): Row {
  const { id, color } = STATE_ICONS[entry.state];
  const when = entry.appliedAt ? timeText(entry.appliedAt) : undefined;
  const took = entry.durationMs !== undefined ? durationText(entry.durationMs) : undefined;
  // Applied is the common case: the icon says it, the words say when; the others say what they are.
  const state = entry.state === 'applied' ? undefined : STATE_WORDS[entry.state];
  const label = `${entry.version} ${entry.name}`.trim();
  return {
    label,
    description: joinDescription(state, when, took),
    icon: { id, color },
    tooltip: [
      `${label}: ${STATE_WORDS[entry.state]}`,
      when && `ran at ${when}${entry.appliedAt?.endsWith('Z') ? ' UTC' : ''}`,
      took && `took ${took}`,
      entry.detail,
    ].filter(Boolean).join('\n'),
    contextValue: `history.${entry.state}`,
    resourceUri: entry.uri,
    open: entry.uri ? { uri: entry.uri } : undefined,
  };
}

/** The line above the entries: which table, how many, and whether it keeps times. */
export function historySummary(history: HistoryResult): Row {
  const count = history.entries.length;
  const timed = history.entries.some((entry) => entry.appliedAt);
  return {
    label: count === 0 ? `Nothing recorded in ${history.table} yet` : `${count} recorded in ${history.table}`,
    description: count > 0 && !timed ? 'it keeps no times' : undefined,
    icon: { id: 'history' },
    tooltip: `${history.table} on ${history.target}, newest first.${count > 0 && !timed ? ` ${history.table} records which migrations ran, not when.` : ''}`,
    contextValue: 'history.table',
  };
}
