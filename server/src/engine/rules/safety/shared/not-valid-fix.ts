// The quick fix shared by adding-foreign-key-constraint and constraint-missing-not-valid:
// `ADD CONSTRAINT … NOT VALID` where the constraint is, `VALIDATE CONSTRAINT` after it — right
// after the statement when the part autocommits, in a new migration file when it runs in a
// transaction. Unnamed constraints get a name, so VALIDATE can refer to them.

import type { FixDraft } from '../../../fixes/edits.js';
import type { AlterTableChange, Constraint } from '../../../model/changes.js';
import type { StatementContext } from '../../rule.js';
import { followUpEdits } from './new-migration.js';
import { defaultConstraintName } from './statement.js';

const SUFFIX: Partial<Record<Constraint['kind'], string>> = { 'foreign-key': 'fkey', check: 'check' };

export function notValidThenValidateFix(ctx: StatementContext, change: AlterTableChange, constraint: Constraint): FixDraft {
  const columns = 'columns' in constraint ? constraint.columns : [];
  const name = constraint.name ?? defaultConstraintName(change.table, columns, SUFFIX[constraint.kind] ?? 'constraint');
  const table = ctx.text.slice(change.table.range.start, change.table.range.end);
  const at = (offset: number) => ({ start: offset, end: offset });
  const naming = constraint.name ? [] : [{ range: at(constraint.range.start), newText: `CONSTRAINT ${name} ` }];
  return {
    title: 'Add the constraint NOT VALID and validate it separately',
    preferred: true,
    edits: [
      ...naming,
      { range: at(constraint.range.end), newText: ' NOT VALID' },
      ...followUpEdits(ctx, { name: `validate_${name}`, up: `ALTER TABLE ${table} VALIDATE CONSTRAINT ${name};`, down: '-- VALIDATE CONSTRAINT has nothing to undo.' }),
    ],
  };
}
