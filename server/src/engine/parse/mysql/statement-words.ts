// The words a MySQL statement can start with: statements.ts reads by them, and the body of a
// trigger or routine (routine-body.ts) is checked against them.

import type { DataChange } from '../../model/changes.js';

export const DATA_OPERATIONS: Record<string, DataChange['operation']> = {
  INSERT: 'insert',
  REPLACE: 'replace',
  UPDATE: 'update',
  DELETE: 'delete',
  TRUNCATE: 'truncate',
  SELECT: 'select',
  WITH: 'select',
  VALUES: 'select',
  TABLE: 'select',
};

export const TRANSACTION_WORDS = new Set(['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'XA']);

/**
 * Valid statements that change nothing the model tracks and that node-sql-parser's grammar
 * mostly lacks: recorded as `other` without a grammar check, so they never read as syntax errors.
 */
export const UNCHECKED_STATEMENTS = new Set([
  'ANALYZE', 'BINLOG', 'CACHE', 'CALL', 'CHANGE', 'CHECK', 'CHECKSUM', 'CLONE', 'DEALLOCATE', 'DELIMITER',
  'DESC', 'DESCRIBE', 'DO', 'EXECUTE', 'EXPLAIN', 'FLUSH', 'GET', 'GRANT', 'HANDLER', 'HELP', 'IMPORT',
  'INSTALL', 'KILL', 'LOAD', 'LOCK', 'OPTIMIZE', 'PREPARE', 'PURGE', 'REPAIR', 'RESET', 'RESIGNAL',
  'RESTART', 'REVOKE', 'SHOW', 'SHUTDOWN', 'SIGNAL', 'STOP', 'UNINSTALL', 'UNLOCK', 'USE', 'START',
]);

/** Leading words statements.ts reads by their own reader. */
const READ_WORDS = new Set(['CREATE', 'ALTER', 'DROP', 'RENAME', 'SET', 'START']);

/** True when MySQL or MariaDB has a statement starting with `word` (upper case). */
export function startsStatement(word: string): boolean {
  return Object.hasOwn(DATA_OPERATIONS, word) || TRANSACTION_WORDS.has(word) || UNCHECKED_STATEMENTS.has(word) || READ_WORDS.has(word);
}
