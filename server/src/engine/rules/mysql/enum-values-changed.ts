import { findColumn } from '../../schema/index.js';
import type { Rule } from '../rule.js';
import { createdInSameMigration } from '../safety/shared/new-table.js';
import { alterActions } from '../safety/shared/statement.js';

const list = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

export const mysqlEnumValuesChanged: Rule = {
  id: 'mysql-enum-values-changed',
  category: 'safety',
  dialects: ['mysql', 'mariadb'],
  severity: 'warning',
  docs: {
    summary: 'Reports MODIFY/CHANGE of an ENUM or SET column that removes values or changes their order, compared with the column before the statement.',
    why:
      'InnoDB stores an ENUM as the position of its value. Appending values at the end is instant; anything else copies the whole ' +
      'table while writes wait. A removed value cannot be kept: strict mode fails the migration ("Data truncated") if any row ' +
      'holds it, non-strict mode silently turns it into the empty string. Reordering changes ORDER BY results and every ' +
      'comparison with the numeric index.',
    fix: 'Only append new values at the end. To retire a value, first UPDATE the rows that use it, deploy code that no longer writes it, then remove it in a maintenance window or with an online schema-change tool.',
    differences: 'Columns of tables created in the same migration are not reported; a column whose previous definition is unknown is not reported.',
    examples: [{ bad: "ALTER TABLE orders MODIFY status ENUM('paid', 'new');", good: "ALTER TABLE orders MODIFY status ENUM('new', 'paid', 'refunded');" }],
  },
  checkStatement(ctx) {
    for (const { change, action } of alterActions(ctx, 'redefine-column')) {
      const after = action.column.type.enumValues;
      const before = findColumn(ctx.schemaBefore(), change.table, action.from)?.type.values;
      if (!after || !before || createdInSameMigration(ctx, change.table)) continue;
      const removed = before.filter((value) => !after.includes(value));
      const kept = before.filter((value) => after.includes(value));
      const reordered = kept.some((value, i) => after[i] !== value);
      if (removed.length > 0) {
        ctx.report({
          range: action.column.type.range,
          message:
            `Removes ${list(removed)} from \`${action.column.raw}\`: rows holding ${removed.length === 1 ? 'it' : 'them'} make the migration fail in strict mode ` +
            '(or become empty strings otherwise), and the table is copied while writes wait.',
        });
      } else if (reordered) {
        ctx.report({
          range: action.column.type.range,
          message: `Reorders the values of \`${action.column.raw}\` (was ${list(before)}): the table is copied while writes wait, and ORDER BY and index comparisons change meaning. Only append values at the end.`,
        });
      }
    }
  },
};
