// Quick fixes that rewrite a breaking column change as expand–contract: the statement becomes an
// ADD COLUMN (expand), and the later steps go into new migration files after the last one of the
// set (see shared/new-migration.ts), each in its own transaction, away from the DDL.
//
// renaming-column: add the new name, backfill it, drop the old name once no client uses it.
// changing-column-type: add `<c>_new` of the new type, backfill it, swap the names, drop `<c>_old`.

import type { FixDraft } from '../../fixes/edits.js';
import type { Name } from '../../model/changes.js';
import { findColumn, formatType, quoteIdentifier } from '../../schema/index.js';
import type { Column } from '../../schema/model.js';
import type { StatementContext } from '../rule.js';
import { newMigrationEdits, type NewMigration } from './shared/new-migration.js';
import { statementEnd, type ActionOf } from './shared/statement.js';

/**
 * The column as history defines it before the statement. Undefined for a table assumed to exist
 * (a lone file): it has no known columns, so there is no type to add or to restore.
 */
function knownColumn(ctx: StatementContext, table: Name, column: string): Column | undefined {
  return findColumn(ctx.schemaBefore(), table, column);
}

/** The fix: `expand` replaces the statement, `later` become the next migrations of the set, in order. */
function expandContract(ctx: StatementContext, title: string, expand: string, later: readonly NewMigration[]): FixDraft[] {
  const replace = { range: { start: ctx.statement.range.start, end: statementEnd(ctx) }, newText: expand };
  return [{ title, edits: [replace, ...newMigrationEdits(ctx.set, later)] }];
}

export function expandContractFix(ctx: StatementContext, table: Name, rename: ActionOf<'rename-column'>): FixDraft[] {
  const column = knownColumn(ctx, table, rename.from);
  if (!column) return [];
  const type = formatType(column.type);
  const { rawFrom: from, rawTo: to } = rename;
  const tableName = table.raw;
  return expandContract(ctx, `Rewrite as expand–contract: add \`${to}\` here, backfill and drop \`${from}\` in new migrations`, `ALTER TABLE ${tableName} ADD COLUMN ${to} ${type};`, [
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
}

/**
 * `ALTER COLUMN c TYPE t [USING e]` as expand–contract: ADD COLUMN c_new t in place; a backfill
 * migration; a swap migration renaming c → c_old and c_new → c in one transaction; a drop of
 * c_old in the last one, so the swap stays reversible until then.
 */
export function changeTypeFix(ctx: StatementContext, table: Name, change: ActionOf<'alter-column-type'>): FixDraft[] {
  const column = knownColumn(ctx, table, change.column);
  const newName = `${change.column}_new`;
  const oldName = `${change.column}_old`;
  // Unknown column, or the names we need are taken: no fix rather than a wrong one.
  if (!column || knownColumn(ctx, table, newName) || knownColumn(ctx, table, oldName)) return [];
  const q = (name: string) => quoteIdentifier(ctx.set.dialect, name);
  const [c, cNew, cOld, t] = [change.raw, q(newName), q(oldName), table.raw];
  const type = change.type.raw;
  const oldType = formatType(column.type);
  // Without USING, ALTER TYPE converts with the assignment cast: a plain assignment does the same
  // (an explicit `::` cast could differ, e.g. truncate instead of failing on varchar(n)).
  const value = change.using?.sql ?? c;
  return expandContract(ctx, `Rewrite as expand–contract: add \`${newName}\` here, backfill, swap and drop the old column in new migrations`, `ALTER TABLE ${t} ADD COLUMN ${cNew} ${type};`, [
    {
      name: `backfill_${newName}`,
      up:
        `-- Fills \`${newName}\` (${type}) from \`${c}\`. Until the swap, every write must fill both columns: the application\n` +
        `-- writes both between deploys, or a trigger (BEFORE INSERT OR UPDATE, setting NEW.${cNew} from NEW.${c}) keeps them in\n` +
        `-- sync, which also covers the release still running during the deploy.\n` +
        `-- On a large table, run this UPDATE in batches (add e.g. a primary-key range to the WHERE) so no transaction holds\n` +
        `-- row locks on the whole table; rerunning it only touches rows still missing.\n` +
        `UPDATE ${t} SET ${cNew} = ${value} WHERE ${cNew} IS NULL;`,
      down: '-- The backfill leaves nothing to undo: the down of the expand step drops the column.',
    },
    {
      name: `swap_${change.column}_type`,
      up:
        `-- Ship once the backfill is complete. Recreate on \`${newName}\` first what \`${c}\` has: NOT NULL, default, indexes,\n` +
        `-- constraints. Both renames run in this one transaction, so readers of \`${c}\` see the new type at once. A sync\n` +
        `-- trigger must be dropped here, before the renames; application code still writing \`${newName}\` fails after them.\n` +
        `-- migration-lens-ignore renaming-column\n` +
        `ALTER TABLE ${t} RENAME COLUMN ${c} TO ${cOld};\n` +
        `-- migration-lens-ignore renaming-column\n` +
        `ALTER TABLE ${t} RENAME COLUMN ${cNew} TO ${c};`,
      down: `ALTER TABLE ${t} RENAME COLUMN ${c} TO ${cNew};\nALTER TABLE ${t} RENAME COLUMN ${cOld} TO ${c};`,
    },
    {
      name: `drop_${oldName}`,
      up: `-- Ship once nothing reads or writes \`${oldName}\` (the old values, kept so the swap could be undone).\nALTER TABLE ${t} DROP COLUMN ${cOld};`,
      down: `-- The old values are gone; convert back from \`${c}\` if the type allows (UPDATE ${t} SET ${cOld} = ${c}::${oldType};).\nALTER TABLE ${t} ADD COLUMN ${cOld} ${oldType};`,
    },
  ]);
}
