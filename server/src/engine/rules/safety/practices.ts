// The PostgreSQL practice rules (squawk's naming where the meaning is the same, plus the ones the
// engine can add because it knows the history and the framework), in rule-table order.

import type { Rule } from '../rule.js';
import { backfillInDdlTransaction } from './backfill-in-ddl-transaction.js';
import { cascadeOnUserData } from './cascade-on-user-data.js';
import { dataChangeWithoutWhere } from './data-change-without-where.js';
import { identifierTooLong } from './identifier-too-long.js';
import { preferBigintOverInt } from './prefer-bigint-over-int.js';
import { preferBigintOverSmallint } from './prefer-bigint-over-smallint.js';
import { preferIdentity } from './prefer-identity.js';
import { preferJsonb } from './prefer-jsonb.js';
import { preferRepack } from './prefer-repack.js';
import { preferRobustStmts } from './prefer-robust-stmts.js';
import { preferTextField } from './prefer-text-field.js';
import { preferTimestampTz } from './prefer-timestamp-tz.js';
import { renamingColumn } from './renaming-column.js';
import { renamingTable } from './renaming-table.js';
import { requireConcurrentIndexCreation } from './require-concurrent-index-creation.js';
import { requireConcurrentIndexDeletion } from './require-concurrent-index-deletion.js';
import { requireConcurrentPartitionDetach } from './require-concurrent-partition-detach.js';
import { requireConcurrentReindex } from './require-concurrent-reindex.js';
import { requireEnumValueOrdering } from './require-enum-value-ordering.js';
import { requireLockTimeout } from './require-lock-timeout.js';
import { requireStatementTimeout } from './require-statement-timeout.js';
import { requireTableSchema } from './require-table-schema.js';
import { transactionNesting } from './transaction-nesting.js';

export const PRACTICE_RULES: readonly Rule[] = [
  requireConcurrentIndexCreation,
  requireConcurrentIndexDeletion,
  requireConcurrentReindex,
  requireConcurrentPartitionDetach,
  transactionNesting,
  requireLockTimeout,
  requireStatementTimeout,
  preferRobustStmts,
  renamingColumn,
  renamingTable,
  preferBigintOverInt,
  preferBigintOverSmallint,
  preferIdentity,
  preferTextField,
  preferTimestampTz,
  preferJsonb,
  preferRepack,
  requireEnumValueOrdering,
  identifierTooLong,
  requireTableSchema,
  cascadeOnUserData,
  dataChangeWithoutWhere,
  backfillInDdlTransaction,
];
