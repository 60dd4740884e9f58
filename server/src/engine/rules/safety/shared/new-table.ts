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

import type { Name, Statement } from '../../../model/changes.js';
import type { MigrationPart } from '../../../model/migration-set.js';
import type { Origin } from '../../../schema/model.js';
import { findTable, type QualifiedName } from '../../../schema/index.js';
import type { StatementContext } from '../../rule.js';

type NewTableContext = Pick<StatementContext, 'part' | 'schemaBefore'>;
type TransactionContext = Pick<StatementContext, 'part' | 'schemaBefore' | 'statement' | 'earlierStatements'>;

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
 * PostgreSQL rules: true when `tableName` was created by an earlier statement of the same part,
 * this statement runs inside a transaction block (the framework's, or a BEGIN in the file), and no
 * BEGIN/COMMIT/END/ROLLBACK boundary lies between the two: until that transaction commits, the
 * new table is invisible to other sessions, so it is empty and nobody else holds a lock on it.
 */
export function createdInSameTransaction(ctx: TransactionContext, tableName: Name | QualifiedName): boolean {
  const created = creationInPart(ctx, tableName);
  if (!created) return false;
  const earlier = ctx.earlierStatements;
  let creator = earlier.length - 1;
  while (creator >= 0 && !(earlier[creator].range.start <= created.range.start && created.range.end <= earlier[creator].range.end)) creator--;
  if (creator < 0) return false;
  const here = blockAt(ctx.part, earlier, ctx.statement, earlier.length);
  return here !== undefined && here === blockAt(ctx.part, earlier, ctx.statement, creator);
}

/** The transaction state after a statement, as transactions.ts walks it: the statement's own block (undefined outside one), then whether a block is open and its number. */
interface BlockState {
  own: number | undefined;
  open: boolean;
  block: number;
}

/**
 * Per part, the block state after each statement, filled on demand: rules ask statement after
 * statement, so each question resumes from the statement before it instead of rereading the part.
 * Keyed by part as well, since the framework's transaction mode (part.transaction) is where a
 * part starts from.
 */
const blockStates = new WeakMap<MigrationPart, WeakMap<Statement, BlockState>>();

/**
 * The transaction block statement `index` runs in (`earlier`, then `current` at index
 * earlier.length), numbered as in transactions.ts: 0 is the framework's own transaction, later
 * blocks open with a BEGIN in the file; undefined when the statement commits on its own.
 */
function blockAt(part: MigrationPart, earlier: readonly Statement[], current: Statement, index: number): number | undefined {
  const at = (i: number): Statement => (i === earlier.length ? current : earlier[i]);
  let states = blockStates.get(part);
  if (!states) blockStates.set(part, (states = new WeakMap()));
  let start = index;
  while (start >= 0 && !states.has(at(start))) start--;
  let state: BlockState = start >= 0 ? states.get(at(start))! : { own: undefined, open: part.transaction.inTransaction, block: 0 };
  for (let i = start + 1; i <= index; i++) {
    const change = at(i).change;
    let { open, block } = state;
    let own: number | undefined;
    if (change?.kind === 'transaction' && change.operation === 'begin') {
      if (!open) block++;
      open = true;
      own = block;
    } else if (change?.kind === 'transaction' && (change.operation === 'commit' || change.operation === 'rollback')) {
      own = open ? block : undefined;
      open = false;
      block++;
    } else {
      own = open ? block : undefined;
    }
    state = { own, open, block };
    states.set(at(i), state);
  }
  return state.own;
}
