// Transaction control and settings.

import type { Node, TransactionStmt, VariableSetStmt } from 'libpg-query';
import type { SetChange, TransactionChange } from '../../model/changes.js';
import { constantText } from './expressions.js';

const TRANSACTION_OPERATIONS: Record<string, TransactionChange['operation']> = {
  TRANS_STMT_BEGIN: 'begin',
  TRANS_STMT_START: 'begin',
  TRANS_STMT_COMMIT: 'commit',
  TRANS_STMT_ROLLBACK: 'rollback',
  TRANS_STMT_SAVEPOINT: 'savepoint',
  TRANS_STMT_RELEASE: 'release',
  TRANS_STMT_ROLLBACK_TO: 'rollback-to',
  TRANS_STMT_PREPARE: 'prepare',
};

export function transaction(stmt: TransactionStmt): TransactionChange {
  return { kind: 'transaction', operation: TRANSACTION_OPERATIONS[stmt.kind ?? ''] ?? 'other' };
}

export function setting(stmt: VariableSetStmt): SetChange {
  const resets = stmt.kind === 'VAR_RESET' || stmt.kind === 'VAR_SET_DEFAULT';
  return {
    kind: 'set',
    name: (stmt.name ?? (stmt.kind === 'VAR_RESET_ALL' ? 'all' : '')).toLowerCase(),
    value: resets || stmt.kind === 'VAR_RESET_ALL' ? 'default' : settingValue(stmt.args),
    scope: stmt.is_local ? 'local' : 'session',
  };
}

function settingValue(args: Node[] | undefined): string {
  return (args ?? []).map(constantText).join(', ');
}
