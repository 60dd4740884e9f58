// Plain numbered .sql files with no framework: our own `migration_lens_history`, one row per
// migration by file name with its SHA-256, so edits after applying are detected. A failure that
// left changes behind is a success=false row; one fully rolled back leaves none.

import type { Tracking } from './types.js';
import { deleteHistory, ensureHistoryTable, HISTORY_TABLE, historyRecord, readHistory, writeHistory } from './history.js';
import { sha256Hex } from './checksums.js';
import { migrationLensLock } from './locks.js';

export const plainTracking: Tracking = {
  table: HISTORY_TABLE,
  key: (migration) => migration.id,
  checksum: (_migration, fileText) => sha256Hex(fileText),
  checksumMatches: (stored, _migration, fileText) => stored === sha256Hex(fileText),
  transactionScope: 'migration',
  lockKey: (connection) => migrationLensLock(connection, HISTORY_TABLE),
  ensureTable: ensureHistoryTable,
  read: async (connection) => (await readHistory(connection)).map((row) => historyRecord(row, row.name)),
  started: async () => undefined,
  finished: (connection, step) =>
    step.direction === 'up' ? writeHistory(connection, step.migration, step.fileText, true) : deleteHistory(connection, [step.migration.id]),
  async failed(connection, step, _message, changesRemain) {
    if (changesRemain) await writeHistory(connection, step.migration, step.fileText, false);
  },
  async force(connection, set, target, fileText) {
    const targetIndex = target ? set.migrations.indexOf(target) : -1;
    await deleteHistory(connection, set.migrations.slice(targetIndex + 1).map((m) => m.id));
    if (target) await writeHistory(connection, target, fileText(target), true);
  },
};
