// Transaction modes shared by more than one framework.

import type { TransactionMode } from '../model/migration-set.js';
import type { Dialect, SourceRange } from '../model/source.js';
import { scanSql, wholeFileScans } from './sql-scan.js';

/**
 * golang-migrate and Prisma send a file as one multi-statement query. PostgreSQL runs such a
 * query in one implicit transaction, so CREATE INDEX CONCURRENTLY fails unless it is the only
 * statement. MySQL runs the statements one by one, and its DDL commits implicitly anyway.
 */
export function implicitTransaction(framework: string, text: string, body: SourceRange, dialect: Dialect): TransactionMode {
  if (dialect !== 'postgres') {
    return {
      inTransaction: false,
      reason: `${framework} runs a ${dialect === 'mysql' ? 'MySQL' : 'MariaDB'} migration without a transaction: each statement commits on its own (DDL commits implicitly)`,
    };
  }
  const whole = body.start === 0 && body.end === text.length;
  const statements = (whole ? wholeFileScans.get(text) : scanSql(text, body.start, body.end)).statements;
  if (statements > 1) {
    return {
      inTransaction: true,
      reason: `${framework} sends the file's ${statements} statements as one query, which PostgreSQL runs in one implicit transaction; put CREATE INDEX CONCURRENTLY alone in its own migration file`,
    };
  }
  return {
    inTransaction: false,
    reason: `${framework} sends the file as one query; a single statement runs on its own, outside a transaction`,
  };
}
