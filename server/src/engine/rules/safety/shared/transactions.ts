// Which statements of a part run inside a transaction: the framework's own wrapping (TransactionMode)
// and explicit BEGIN/COMMIT in the file. Statements of one block share a number, so a rule can tell
// "added NOT VALID and validated in the same transaction" from "validated in a later one".

import type { Statement } from '../../../model/changes.js';
import type { MigrationPart } from '../../../model/migration-set.js';

/** Per statement: the number of the transaction it runs in, or undefined when it commits on its own. */
export function transactionBlocks(part: MigrationPart, statements: readonly Statement[]): (number | undefined)[] {
  let block = 0;
  let open = part.transaction.inTransaction;
  return statements.map((statement) => {
    const change = statement.change;
    if (change?.kind !== 'transaction') return open ? block : undefined;
    if (change.operation === 'begin') {
      if (!open) block++;
      open = true;
      return block;
    }
    if (change.operation === 'commit' || change.operation === 'rollback') {
      const ended = open ? block : undefined;
      open = false;
      block++;
      return ended;
    }
    return open ? block : undefined;
  });
}
