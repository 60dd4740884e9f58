// The renaming-column quick fix: a rename rewritten as expand–contract. The rename becomes an
// ADD COLUMN of the new name (expand); a new migration copies the data across (backfill, its own
// transaction, away from the DDL); a second new migration drops the old column (contract), to
// ship once no client uses the old name.

import type { FixDraft } from '../../fixes/edits.js';
import type { Name } from '../../model/changes.js';
import { findColumn, formatType } from '../../schema/index.js';
import type { StatementContext } from '../rule.js';
import { newMigrationEdits } from './shared/new-migration.js';
import { statementEnd, type ActionOf } from './shared/statement.js';

export function expandContractFix(ctx: StatementContext, table: Name, rename: ActionOf<'rename-column'>): FixDraft[] {
  const column = findColumn(ctx.schemaBefore(), table, rename.from);
  // A table assumed to exist has no known columns: without the type there is nothing to add.
  if (!column) return [];
  const type = formatType(column.type);
  const { rawFrom: from, rawTo: to } = rename;
  const tableName = table.raw;
  const followUps = newMigrationEdits(ctx.set, [
    {
      name: `backfill_${rename.to}`,
      up: `-- Copies \`${from}\` into \`${to}\`; until the contract step, the application writes both columns.\nUPDATE ${tableName} SET ${to} = ${from} WHERE ${to} IS NULL AND ${from} IS NOT NULL;`,
      down: '-- The backfill leaves nothing to undo: the down of the expand step drops the column.',
    },
    {
      name: `drop_${rename.from}`,
      up: `-- Ship once no client reads or writes \`${from}\` any more.\nALTER TABLE ${tableName} DROP COLUMN ${from};`,
      down: `ALTER TABLE ${tableName} ADD COLUMN ${from} ${type};\nUPDATE ${tableName} SET ${from} = ${to};`,
    },
  ]);
  return [
    {
      title: `Rewrite as expand–contract: add \`${to}\` here, backfill and drop \`${from}\` in new migrations`,
      edits: [{ range: { start: ctx.statement.range.start, end: statementEnd(ctx) }, newText: `ALTER TABLE ${tableName} ADD COLUMN ${to} ${type};` }, ...followUps],
    },
  ];
}
