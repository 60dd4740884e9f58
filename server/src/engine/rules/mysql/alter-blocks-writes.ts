import { describeLock } from '../../locks/index.js';
import type { Rule } from '../rule.js';
import { createdInSameMigration } from '../safety/shared/new-table.js';
import { describeTable } from '../safety/shared/statement.js';
import { foreignKeyChecksOff } from '../session-settings.js';

export const mysqlAlterBlocksWrites: Rule = {
  id: 'mysql-alter-blocks-writes',
  category: 'safety',
  dialects: ['mysql', 'mariadb'],
  severity: 'warning',
  docs: {
    summary: 'Reports ALTER TABLE / CREATE INDEX operations that InnoDB cannot run online: they copy the table (ALGORITHM=COPY) or block writes while they run.',
    why:
      'Changing a column type or charset, reordering or removing ENUM values, dropping the primary key, adding a foreign key, a CHECK ' +
      'constraint, a STORED generated column or an AUTO_INCREMENT column copy or rebuild the whole table, and adding a FULLTEXT or ' +
      'SPATIAL index blocks writes: on a large table every INSERT/UPDATE/DELETE waits for minutes or hours. Every ALTER also needs an ' +
      'exclusive metadata lock at its start and end, which queues all queries behind any long-running transaction on the table.',
    fix:
      'Run such changes with an online schema-change tool (gh-ost, pt-online-schema-change) or in a maintenance window; prefer ' +
      'operations InnoDB does instantly or in place (append ENUM values, add nullable columns, grow a VARCHAR within its length ' +
      'bytes); add `ALGORITHM=INPLACE, LOCK=NONE` so the server refuses instead of locking when it cannot. Set ' +
      '`lock_wait_timeout` low so a waiting ALTER gives up instead of stalling the site.',
    differences: 'Tables created earlier in the same migration are empty and not reported. Statements that ask for COPY or a lock themselves are reported by mysql-locking-algorithm-clause instead.',
    examples: [{ bad: 'ALTER TABLE movies MODIFY title TEXT NOT NULL;', good: 'ALTER TABLE movies ADD COLUMN title_long TEXT NULL, ALGORITHM=INSTANT;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    if (change?.kind !== 'alter-table' && change?.kind !== 'create-index') return;
    // The clause rule reports statements that ask for the copy or the lock themselves.
    if (change.algorithm === 'copy' || change.lock === 'shared' || change.lock === 'exclusive') return;
    const table = change.kind === 'alter-table' ? change.table : change.index.table;
    const lock = describeLock(change, ctx.set.dialect, { text: ctx.statement.text, schemaBefore: ctx.schemaBefore(), foreignKeyChecksOff: foreignKeyChecksOff(ctx.earlierStatements) });
    if (!lock || lock.assumption || (lock.algorithm !== 'copy' && lock.blocks === 'nothing')) return;
    if (createdInSameMigration(ctx, table)) return;
    const { label, related } = describeTable(ctx, table);
    const cause = lock.notes[0] === undefined || lock.notes[0].includes('metadata lock') ? '' : `${lock.notes[0]} `;
    ctx.report({
      range: ctx.statement.range,
      related,
      message: `${cause}On ${label} this statement ${lock.sentence}.`,
    });
  },
};
