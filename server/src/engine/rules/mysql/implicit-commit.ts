// Which statements change the schema on MySQL and MariaDB: each commits the open transaction
// before and after it runs, so a migration holding several cannot be rolled back as a whole.

import type { Change } from '../../model/changes.js';

const DDL_KINDS: ReadonlySet<Change['kind']> = new Set([
  'create-table',
  'alter-table',
  'rename-table',
  'drop',
  'create-index',
  'create-view',
  'create-function',
  'create-trigger',
  'create-schema',
  'create-sequence',
  'alter-sequence',
]);

/** A change of one of the schema kinds the change model reads in full. */
export const changesSchema = (change: Change | undefined): boolean => change !== undefined && DDL_KINDS.has(change.kind);
