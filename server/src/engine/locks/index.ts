// What a statement locks (see lock-info.ts): one description per statement, the strongest lock
// when an ALTER TABLE has several actions. Used by the safety rules' messages and by hovers.

import type { Change } from '../model/changes.js';
import type { Dialect } from '../model/source.js';
import type { Schema } from '../schema/model.js';
import { describeMysqlLock } from './mysql.js';
import { describePostgresLock } from './postgres.js';

import type { LockInfo } from './lock-info.js';

export type * from './lock-info.js';
export { PG_LOCK_MODES, pgBlocks, type PgLockMode } from './postgres.js';
export { METADATA_LOCK_NOTE } from './mysql.js';

export interface LockContext {
  /** The statement's text (REFRESH … CONCURRENTLY is not in the change model). */
  text?: string;
  /** The schema before the statement: tells a MySQL type change from a default change, finds an index's table. */
  schemaBefore?: Schema;
  /** MySQL: `SET FOREIGN_KEY_CHECKS = 0` is in effect, so foreign keys are added in place. */
  foreignKeyChecksOff?: boolean;
}

/** The lock a statement takes on an existing table; undefined when it locks none worth telling. */
export function describeLock(change: Change, dialect: Dialect, context: LockContext = {}): LockInfo | undefined {
  return dialect === 'postgres'
    ? describePostgresLock(change, context.text ?? '', context.schemaBefore)
    : describeMysqlLock(change, dialect, context.schemaBefore, context.foreignKeyChecksOff);
}
