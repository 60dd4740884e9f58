import { DIALECTS } from '../../model/source.js';
import { missingReferenceRule } from './missing-reference-rule.js';

export const missingColumnReference = missingReferenceRule(
  {
    id: 'missing-column-reference',
    category: 'dependency',
    dialects: DIALECTS,
    severity: 'error',
    docs: {
      summary: 'A statement uses a column its table does not have at that point: never added, added later, or dropped or renamed earlier.',
      why:
        'The database rejects the statement and the migration stops half-way. Checked: foreign key target columns, ALTER/DROP/RENAME COLUMN, index columns, and the columns INSERT and UPDATE name. ' +
        'Columns of tables whose definition is unknown (CREATE TABLE … AS SELECT, tables assumed to pre-exist) are not checked.',
      fix: 'Use the column\'s current name (a rename earlier in the history is named in the message), or add the column in an earlier migration.',
      examples: [{ bad: '-- 012_rename.up.sql\nALTER TABLE users RENAME COLUMN name TO full_name;\n-- 013_backfill.up.sql\nUPDATE users SET name = trim(name);', good: 'UPDATE users SET full_name = trim(full_name);' }],
    },
  },
  ['column'],
);
