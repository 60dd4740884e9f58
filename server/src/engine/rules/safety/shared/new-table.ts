// Tables a migration creates itself are empty while that migration runs, so what makes a change
// dangerous on a live table (a long exclusive lock, a rewrite, a validating scan) costs nothing
// there. Safety rules ask this before reporting lock or rewrite noise.

import type { Name } from '../../../model/changes.js';
import { findTable, type QualifiedName } from '../../../schema/index.js';
import type { StatementContext } from '../../rule.js';

type NewTableContext = Pick<StatementContext, 'part' | 'schemaBefore'>;

/**
 * True when `tableName` (as the statement names it) was created by an earlier statement of the
 * same migration part, renames included. A table filled by `CREATE TABLE … AS SELECT` is not
 * empty; its columns are unknown in the snapshot, as for `LIKE`, so both count as populated.
 */
export function createdInThisMigration(ctx: NewTableContext, tableName: Name | QualifiedName): boolean {
  const table = findTable(ctx.schemaBefore(), tableName);
  const created = table?.created;
  if (!table || !created || table.columnsUnknown) return false;
  return created.file === ctx.part.file && created.direction === ctx.part.direction && created.range.start >= ctx.part.range.start && created.range.end <= ctx.part.range.end;
}
