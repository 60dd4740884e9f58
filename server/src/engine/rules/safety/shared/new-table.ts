// A table a migration creates itself is empty while nobody else can see it, so what makes a change
// dangerous on a live table (a long exclusive lock, a rewrite, a validating scan, a client that
// reads the old name) costs nothing there. Safety rules ask one of these two helpers before
// reporting lock or rewrite noise:
//
// - createdInSameTransaction (PostgreSQL rules): the table was created earlier in the same
//   transaction block as this statement. Outside a transaction every statement commits on its own,
//   so the new table is visible to other sessions at once: it may already hold rows and be locked
//   by them, and a change to it is as risky as on any other table. That is squawk's semantics
//   for the rules where squawk exempts new tables at all (squawk keeps exempting one after its
//   transaction commits, though, and some of its rules never exempt one; the rules' docs say so).
// - createdInSameMigration (MySQL/MariaDB rules): the table was created earlier in the same
//   migration part. MySQL and MariaDB commit every DDL statement implicitly, so "the same
//   transaction" would never hold; a table created a few statements earlier is still new and empty
//   in practice, and there is no squawk verdict to match there.

import type { Name } from '../../../model/changes.js';
import type { Origin } from '../../../schema/model.js';
import { findTable, type QualifiedName } from '../../../schema/index.js';
import type { StatementContext } from '../../rule.js';

type NewTableContext = Pick<StatementContext, 'part' | 'schemaBefore'>;
type TransactionContext = Pick<StatementContext, 'part' | 'schemaBefore' | 'earlierStatements' | 'transactionBlocks'>;

/**
 * Where the table as the statement names it was created, when that was an earlier statement of
 * the same migration part (renames included). A table filled by `CREATE TABLE … AS SELECT` is not
 * empty; its columns are unknown in the snapshot, as for `LIKE`, so both count as populated.
 */
export function creationInPart(ctx: NewTableContext, tableName: Name | QualifiedName): Origin | undefined {
  const table = findTable(ctx.schemaBefore(), tableName);
  const created = table?.created;
  if (!table || !created || table.columnsUnknown) return undefined;
  const inPart = created.file === ctx.part.file && created.direction === ctx.part.direction && created.range.start >= ctx.part.range.start && created.range.end <= ctx.part.range.end;
  return inPart ? created : undefined;
}

/**
 * MySQL/MariaDB rules: true when `tableName` was created by an earlier statement of the same
 * migration part. (Every DDL statement commits there, so a transaction boundary means nothing.)
 */
export function createdInSameMigration(ctx: NewTableContext, tableName: Name | QualifiedName): boolean {
  return creationInPart(ctx, tableName) !== undefined;
}

/**
 * PostgreSQL rules: true when `tableName` was created by an earlier statement of the same part and
 * both run in the same transaction block (the framework's, or one a BEGIN in the file opened), so
 * no COMMIT lies between them: until that transaction commits, the new table is invisible to other
 * sessions, so it is empty and nobody else holds a lock on it.
 */
export function createdInSameTransaction(ctx: TransactionContext, tableName: Name | QualifiedName): boolean {
  const created = creationInPart(ctx, tableName);
  if (!created) return false;
  const earlier = ctx.earlierStatements;
  let creator = earlier.length - 1;
  while (creator >= 0 && !(earlier[creator].range.start <= created.range.start && created.range.end <= earlier[creator].range.end)) creator--;
  const here = ctx.transactionBlocks[earlier.length];
  return creator >= 0 && here !== undefined && here === ctx.transactionBlocks[creator];
}
