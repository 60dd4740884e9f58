import type { Statement } from '../../model/changes.js';
import type { Rule } from '../rule.js';

export const banUncommittedTransaction: Rule = {
  id: 'ban-uncommitted-transaction',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'error',
  docs: {
    summary: 'Reports a `BEGIN` with no `COMMIT` or `ROLLBACK` after it in the same migration part.',
    why: 'The open transaction holds every lock the migration took until the connection ends, and whatever follows (the migration tool writing its version row, the next migration) runs inside it or fails.',
    fix: 'End the transaction with `COMMIT;`, or drop the `BEGIN` when the migration tool already wraps the file in a transaction.',
    examples: [{ bad: 'BEGIN;\nALTER TABLE users ADD COLUMN email text;', good: 'BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;' }],
  },
  checkMigration(ctx) {
    for (const part of [ctx.migration.up, ctx.migration.down]) {
      const statements = part && ctx.statements(part);
      if (!part || !statements) continue;
      let open: Statement | undefined;
      for (const statement of statements) {
        const change = statement.change;
        if (change?.kind !== 'transaction') continue;
        if (change.operation === 'begin') open ??= statement;
        else if (change.operation === 'commit' || change.operation === 'rollback') open = undefined;
      }
      if (!open) continue;
      ctx.report({
        file: part.file,
        range: open.range,
        message: 'This transaction is never committed or rolled back: its locks stay held and later statements run inside it.',
      });
    }
  },
};
