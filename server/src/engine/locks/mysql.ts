// MySQL 8 / MariaDB 10.6+ InnoDB online DDL, per operation (MySQL "Online DDL Operations",
// MariaDB "InnoDB Online DDL Operations with the INSTANT/NOCOPY/INPLACE/COPY Alter Algorithm").
//
// Every ALTER TABLE also takes an exclusive metadata lock (MDL) on the table at its start and its
// end. Waiting for that lock is what takes sites down: it waits for every open transaction that
// touched the table, and every query that arrives after it waits behind it, reads included.

import type { AlterTableAction, AlterTableChange, ColumnDef, Change, Constraint, IndexDef } from '../model/changes.js';
import type { Dialect } from '../model/source.js';
import type { Column, Schema } from '../schema/model.js';
import { findColumn, findTable } from '../schema/lookup.js';
import { normalizeType, sameType } from '../schema/types.js';
import { blocksRank, lockSentence, quoted, strongerBlocks, workRank, type Algorithm, type Blocks, type LockInfo, type LockWork } from './lock-info.js';

export const METADATA_LOCK_NOTE =
  'It also needs an exclusive metadata lock on the table at its start and end: that waits for every open transaction on the table, and every query that arrives meanwhile waits behind it.';

interface MysqlLock {
  algorithm: Algorithm;
  blocks: Blocks;
  work: LockWork;
  note?: string;
  /** The previous column definition was unknown and this is a guess. */
  assumption?: string;
}

const ALGORITHM_RANK: Record<Algorithm, number> = { instant: 0, inplace: 1, copy: 2 };

const op = (algorithm: Algorithm, blocks: Blocks, work: LockWork, extra: Partial<MysqlLock> = {}): MysqlLock => ({ algorithm, blocks, work, ...extra });
const INSTANT = op('instant', 'nothing', 'metadata');
const INPLACE_METADATA = op('inplace', 'nothing', 'metadata');
const INPLACE_REBUILD = op('inplace', 'nothing', 'rebuild');
/** ALGORITHM=COPY permits reads at best (LOCK=SHARED); MariaDB 11.2+ can copy with LOCK=NONE. */
const copy = (note: string): MysqlLock => op('copy', 'writes', 'copy', { note });

/** `foreignKeyChecksOff`: a `SET FOREIGN_KEY_CHECKS = 0` earlier in the session, under which MySQL adds foreign keys in place. */
export function describeMysqlLock(change: Change, dialect: Dialect, schema: Schema | undefined, foreignKeyChecksOff = false): LockInfo | undefined {
  switch (change.kind) {
    case 'alter-table': {
      const locks = change.actions.map((action) => alterAction(action, change, dialect, schema, foreignKeyChecksOff));
      const strongest = forced(strongestOf(locks) ?? INSTANT, change.algorithm, change.lock);
      return info(dialect, strongest, quoted(change.table.raw));
    }
    case 'create-index':
      return info(dialect, forced(addIndexLock(change.index), change.algorithm, change.lock), quoted(change.index.table.raw));
    case 'drop':
      if (change.objectKind === 'index' && change.table) return info(dialect, forced(INPLACE_METADATA, change.algorithm, change.lock), quoted(change.table.raw));
      if (change.objectKind === 'table' && !change.temporary && change.names[0]) return info(dialect, op('instant', 'reads-and-writes', 'metadata'), quoted(change.names[0].raw), EXCLUSIVE_MDL);
      return undefined;
    case 'rename-table':
      return info(dialect, op('instant', 'reads-and-writes', 'metadata'), quoted(change.renames[0].from.raw), EXCLUSIVE_MDL);
    case 'data':
      if (change.operation === 'truncate' && change.tables[0]) return info(dialect, op('instant', 'reads-and-writes', 'metadata'), quoted(change.tables[0].raw), EXCLUSIVE_MDL);
      return undefined;
    default:
      return undefined;
  }
}

function alterAction(action: AlterTableAction, change: AlterTableChange, dialect: Dialect, schema: Schema | undefined, foreignKeyChecksOff: boolean): MysqlLock {
  switch (action.kind) {
    case 'add-column':
      return addColumnLock(action.column, action.constraints, action.position !== undefined, dialect, foreignKeyChecksOff);
    case 'drop-column':
      return op('instant', 'nothing', 'metadata', {
        note: dialect === 'mariadb' ? 'MariaDB drops columns instantly from 10.4.' : 'MySQL drops columns instantly from 8.0.29; older versions rebuild the table in place.',
      });
    case 'rename-column':
    case 'set-default':
    case 'drop-default':
    case 'rename-table':
    case 'rename-index':
      return INSTANT;
    case 'redefine-column':
      return redefineColumnLock(action.from, action.column, action.position !== undefined, change, dialect, schema);
    case 'add-constraint':
      return constraintLock(action.constraint, foreignKeyChecksOff);
    case 'add-index':
      return addIndexLock(action.index);
    case 'drop-index':
    case 'drop-constraint':
      return INPLACE_METADATA;
    case 'drop-primary-key':
      // Dropping the clustered index without naming a new one rebuilds every row under a new key.
      return change.actions.some((other) => other.kind === 'add-constraint' && other.constraint.kind === 'primary-key')
        ? INPLACE_REBUILD
        : copy('Dropping a primary key without adding another in the same statement only works with ALGORITHM=COPY.');
    case 'set-table-option':
      return tableOptionLock(action.option, action.value, change, schema);
    case 'other':
      return otherActionLock(action.description);
    default:
      return INPLACE_METADATA;
  }
}

function addColumnLock(column: ColumnDef, constraints: readonly Constraint[], positioned: boolean, dialect: Dialect, foreignKeyChecksOff: boolean): MysqlLock {
  const locks = constraints.map((constraint) => constraintLock(constraint, foreignKeyChecksOff));
  if (column.autoIncrement) locks.push(op('inplace', 'writes', 'rebuild', { note: 'Adding an AUTO_INCREMENT column rebuilds the table and does not permit concurrent writes.' }));
  else if (column.generated?.stored) locks.push(copy('Adding a STORED generated column copies the table.'));
  else if (positioned && dialect === 'mysql') locks.push(op('instant', 'nothing', 'metadata', { note: 'MySQL adds a column at any position instantly from 8.0.29; from 8.0.12 only as the last column, otherwise it rebuilds the table in place.' }));
  else locks.push(op('instant', 'nothing', 'metadata', { note: dialect === 'mariadb' ? 'MariaDB adds columns instantly from 10.3 (at any position from 10.4).' : 'MySQL adds columns instantly from 8.0.12.' }));
  return strongestOf(locks) ?? INSTANT;
}

function constraintLock(constraint: Constraint, foreignKeyChecksOff: boolean): MysqlLock {
  switch (constraint.kind) {
    case 'foreign-key':
      if (foreignKeyChecksOff) return op('inplace', 'nothing', 'metadata', { note: 'With foreign_key_checks=0 the foreign key is added in place, without checking existing rows.' });
      return copy('Adding a foreign key copies the table unless foreign_key_checks=0 (then it is in place and checks no existing rows).');
    case 'check':
      return constraint.notEnforced ? INPLACE_METADATA : copy('Adding an enforced CHECK constraint copies the table to check every row.');
    case 'primary-key':
      return op('inplace', 'nothing', 'rebuild', { note: 'Adding a primary key rebuilds the table (the rows are stored in primary-key order).' });
    default:
      return op('inplace', 'nothing', 'index-build');
  }
}

function addIndexLock(index: IndexDef): MysqlLock {
  if (index.method === 'fulltext') {
    return op('inplace', 'writes', 'index-build', { note: 'Adding a FULLTEXT index blocks writes; the first one on a table also rebuilds it to add the hidden FTS_DOC_ID column.' });
  }
  if (index.method === 'spatial') return op('inplace', 'writes', 'index-build', { note: 'Adding a SPATIAL index blocks writes.' });
  return op('inplace', 'nothing', 'index-build');
}

/**
 * MODIFY/CHANGE restate the whole column; what they cost depends on what differs from the
 * column before: only the name or default → instant; nullability or position → rebuild in
 * place; the type → copy, except appending ENUM/SET values and growing a VARCHAR within the
 * same number of length bytes.
 */
function redefineColumnLock(from: string, column: ColumnDef, positioned: boolean, change: AlterTableChange, dialect: Dialect, schema: Schema | undefined): MysqlLock {
  const before = schema && findColumn(schema, change.table, from);
  if (!before) {
    return { ...copy('Changing a column type copies the table.'), assumption: `the previous definition of ${quoted(from)} is unknown` };
  }
  const after = normalizeType(dialect, { name: column.type.name, args: column.type.args, unsigned: column.type.unsigned, values: column.type.enumValues });
  if (column.type.charset !== undefined || column.type.collation !== undefined) {
    return copy('Changing the character set or collation of a column copies the table.');
  }
  if (!sameType(before.type, after) && !cheapTypeChange(before, after.name, after.args, after.values)) {
    return copy('Changing a column type copies the table.');
  }
  if (before.nullable !== column.nullable) return op('inplace', 'nothing', 'rebuild', { note: 'Changing NULL/NOT NULL rebuilds the table in place.' });
  if (positioned) return op('inplace', 'nothing', 'rebuild', { note: dialect === 'mariadb' ? 'MariaDB reorders columns instantly from 10.4.' : 'Reordering columns rebuilds the table in place.' });
  return INSTANT;
}

function cheapTypeChange(before: Column, name: string, args: readonly string[], values: readonly string[] | undefined): boolean {
  if (before.type.name !== name) return false;
  if (values && before.type.values) {
    // Appending at the end keeps every stored index; 256+ values need a second byte.
    return before.type.values.every((value, i) => values[i] === value) && (values.length <= 255) === (before.type.values.length <= 255);
  }
  if (name === 'varchar' && args.length && before.type.args.length) {
    const oldLength = Number(before.type.args[0]);
    const newLength = Number(args[0]);
    // One length byte up to 255 bytes: sure for any charset only below 64 characters (utf8mb4: 4 bytes each).
    return newLength >= oldLength && (newLength <= 63 || oldLength >= 256);
  }
  return false;
}

function tableOptionLock(option: string, value: string, change: AlterTableChange, schema: Schema | undefined): MysqlLock {
  switch (option) {
    case 'charset':
    case 'collate':
      // Changes the default for new columns only; existing columns keep theirs.
      return op('inplace', 'writes', 'metadata', { note: 'Changing the table default character set does not convert existing columns (CONVERT TO CHARACTER SET does, by copying).' });
    case 'engine':
      return sameEngine(value, change, schema) ? INPLACE_REBUILD : copy('Changing the storage engine copies the table.');
    case 'row_format':
    case 'key_block_size':
      return INPLACE_REBUILD;
    default:
      return INPLACE_METADATA;
  }
}

function sameEngine(value: string, change: AlterTableChange, schema: Schema | undefined): boolean {
  // The schema snapshot does not track engines; InnoDB is the default and the usual case.
  return value.toLowerCase() === 'innodb' && (schema === undefined || findTable(schema, change.table) !== undefined);
}

function otherActionLock(description: string): MysqlLock {
  if (/^convert\b/i.test(description)) return copy('CONVERT TO CHARACTER SET rewrites every text column: it copies the table.');
  if (/^force\b/i.test(description)) return INPLACE_REBUILD;
  return INPLACE_METADATA;
}

/** ALGORITHM=… and LOCK=… clauses override the server's choice (or make the statement fail). */
function forced(found: MysqlLock, algorithm: string | undefined, lockClause: string | undefined): MysqlLock {
  let result = found;
  if (algorithm === 'copy' && found.algorithm !== 'copy') result = { ...result, algorithm: 'copy', work: 'copy', blocks: strongerBlocks(result.blocks, 'writes') };
  if (lockClause === 'exclusive') result = { ...result, blocks: 'reads-and-writes' };
  if (lockClause === 'shared') result = { ...result, blocks: strongerBlocks(result.blocks, 'writes') };
  return result;
}

function strongestOf(locks: readonly MysqlLock[]): MysqlLock | undefined {
  let strongest: MysqlLock | undefined;
  for (const candidate of locks) {
    if (!strongest || compare(candidate, strongest) > 0) strongest = candidate;
  }
  const notes = [...new Set(locks.flatMap((found) => (found.note ? [found.note] : [])))];
  const assumption = locks.find((found) => found.assumption)?.assumption;
  return strongest && { ...strongest, note: notes.join(' ') || undefined, ...(assumption ? { assumption } : {}) };
}

function compare(a: MysqlLock, b: MysqlLock): number {
  return blocksRank(a.blocks) - blocksRank(b.blocks) || ALGORITHM_RANK[a.algorithm] - ALGORITHM_RANK[b.algorithm] || workRank(a.work) - workRank(b.work);
}

/** DROP/RENAME/TRUNCATE TABLE: no online DDL, just the metadata lock for their whole (short) run. */
const EXCLUSIVE_MDL = 'an exclusive metadata lock';

const LOCK_CLAUSE: Record<Blocks, string> = { nothing: 'NONE', writes: 'SHARED', 'reads-and-writes': 'EXCLUSIVE' };

function info(dialect: Dialect, found: MysqlLock, target: string, mode = `ALGORITHM=${found.algorithm.toUpperCase()}, LOCK=${LOCK_CLAUSE[found.blocks]}`): LockInfo {
  const notes = [found.note, mode === EXCLUSIVE_MDL ? undefined : METADATA_LOCK_NOTE].filter((note): note is string => note !== undefined);
  if (dialect === 'mariadb' && found.algorithm === 'copy') notes.push('MariaDB 11.2+ can copy with LOCK=NONE, letting writes continue (they are replayed at the end).');
  const result: LockInfo = { dialect, target, mode, blocks: found.blocks, work: found.work, algorithm: found.algorithm, sentence: lockSentence(mode, target, found.blocks, found.work), notes };
  if (found.assumption) result.assumption = found.assumption;
  return result;
}
