// The PostgreSQL practice rules (squawk's naming where the meaning is the same, plus the ones the
// engine can add because it knows the history and the framework), in rule-table order.

import type { Rule } from '../rule.js';
import { banConcurrentIndexCreationInTransaction } from './ban-concurrent-index-creation-in-transaction.js';
import { requireConcurrentIndexCreation } from './require-concurrent-index-creation.js';
import { requireConcurrentIndexDeletion } from './require-concurrent-index-deletion.js';

export const PRACTICE_RULES: readonly Rule[] = [
  requireConcurrentIndexCreation,
  requireConcurrentIndexDeletion,
  banConcurrentIndexCreationInTransaction,
];
