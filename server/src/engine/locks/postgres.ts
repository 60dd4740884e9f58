// PostgreSQL table-level locks per statement, from the "Explicit Locking" chapter and the lock
// notes of each command's reference page (ALTER TABLE: "an ACCESS EXCLUSIVE lock is acquired
// unless explicitly noted"). PostgreSQL holds every lock until its transaction ends, so inside a
// migration transaction "until it finishes" means until the whole migration commits.

import { PG_LOCK_MODES, type AlterTableAction, type Change, type Constraint, type OtherChange, type PgLockMode, type ReindexChange, type TypeRef } from '../model/changes.js';
import type { Schema } from '../schema/model.js';
import { findColumn, findIndex } from '../schema/lookup.js';
import { isVolatileDefault } from '../schema/volatility.js';
import { lockSentence, quoted, workRank, type Blocks, type LockInfo, type LockWork } from './lock-info.js';

export { PG_LOCK_MODES, type PgLockMode };

/**
 * What each mode stops ordinary traffic from doing: SELECT takes ACCESS SHARE (conflicts only
 * with ACCESS EXCLUSIVE); INSERT/UPDATE/DELETE take ROW EXCLUSIVE (conflicts with SHARE and up).
 */
export function pgBlocks(mode: PgLockMode): Blocks {
  if (mode === 'ACCESS EXCLUSIVE') return 'reads-and-writes';
  return PG_LOCK_MODES.indexOf(mode) >= PG_LOCK_MODES.indexOf('SHARE') ? 'writes' : 'nothing';
}

/** What the weaker modes still stop, since they block neither reads nor writes. */
const NON_BLOCKING_NOTES: Partial<Record<PgLockMode, string>> = {
  'SHARE UPDATE EXCLUSIVE': 'SHARE UPDATE EXCLUSIVE lets reads and writes through but waits for, and blocks, VACUUM and other schema changes on the table.',
  'ROW EXCLUSIVE': 'ROW EXCLUSIVE is what every INSERT/UPDATE/DELETE takes; the changed rows stay locked against other writers until the transaction ends.',
};

interface PgLock {
  mode: PgLockMode;
  work: LockWork;
  /** Another table than the statement's (the referenced table of a foreign key). */
  target?: string;
  note?: string;
}

const lock = (mode: PgLockMode, work: LockWork = 'metadata', extra: Partial<PgLock> = {}): PgLock => ({ mode, work, ...extra });

export function describePostgresLock(change: Change, text: string, schema: Schema | undefined): LockInfo | undefined {
  switch (change.kind) {
    case 'alter-table': {
      const locks = change.actions.map((action) => alterAction(action, change.table.raw, schema));
      const strongest = strongestOf(locks);
      return strongest && info(strongest, quoted(change.table.raw));
    }
    case 'create-table': {
      // A new table is invisible to other sessions, but each foreign key locks its referenced table.
      const foreignKey = change.constraints.find((constraint) => constraint.kind === 'foreign-key');
      if (foreignKey?.kind !== 'foreign-key') return undefined;
      return info(lock('SHARE ROW EXCLUSIVE', 'metadata', { note: 'The foreign key locks the referenced table while the new table is created.' }), quoted(foreignKey.references.table.raw));
    }
    case 'rename-table':
      return info(lock('ACCESS EXCLUSIVE'), quoted(change.renames[0].from.raw));
    case 'drop':
      return dropLock(change.objectKind, change.names[0]?.raw, change.concurrently, indexTable(change.names[0], schema));
    case 'create-index':
      return change.index.concurrently
        ? info(lock('SHARE UPDATE EXCLUSIVE', 'index-build', { note: 'CONCURRENTLY scans the table twice and waits for every transaction that could use the index; it cannot run inside a transaction block.' }), quoted(change.index.table.raw))
        : info(lock('SHARE', 'index-build'), quoted(change.index.table.raw));
    case 'data':
      return dataLock(change.operation, change.hasWhere, change.tables[0]?.raw);
    case 'create-trigger':
      return info(lock('SHARE ROW EXCLUSIVE'), quoted(change.table.raw));
    case 'comment':
      return change.objectKind === 'table' || change.objectKind === 'column' ? info(lock('SHARE UPDATE EXCLUSIVE'), quoted(change.target.raw)) : undefined;
    case 'reindex':
      // `REINDEX (CONCURRENTLY false)` is a plain REINDEX: the parser reads the option's value.
      return change.concurrently
        ? info(lock('SHARE UPDATE EXCLUSIVE', 'index-build'), reindexTarget(change, schema))
        : info(lock('SHARE', 'index-build', { note: 'REINDEX also takes ACCESS EXCLUSIVE on each index it rebuilds: queries that would use that index wait too.' }), reindexTarget(change, schema));
    case 'other':
      return otherLock(change, text);
    default:
      return undefined;
  }
}

function alterAction(action: AlterTableAction, table: string, schema: Schema | undefined): PgLock {
  switch (action.kind) {
    case 'add-column':
      return addColumnLock(action.column.default && (isVolatileDefault(action.column.default, schema) ? 'volatile' : 'stored once'), action.column.generated?.stored === true || action.column.identity !== undefined, action.constraints);
    case 'alter-column-type': {
      const before = schema && findColumn(schema, { name: table, raw: table, range: action.range }, action.column);
      if (before && binaryCoercible(before.type.name, before.type.args, action.type)) return lock('ACCESS EXCLUSIVE');
      return lock('ACCESS EXCLUSIVE', 'rebuild', { note: 'Changing a column type rewrites the table and rebuilds its indexes, unless the new type is binary-compatible (varchar(n) → larger varchar or text).' });
    }
    case 'set-not-null':
      return lock('ACCESS EXCLUSIVE', 'scan', { note: 'SET NOT NULL scans every row, unless a validated CHECK (col IS NOT NULL) constraint already proves it (PostgreSQL 12+).' });
    case 'add-constraint':
      return constraintLock(action.constraint);
    case 'validate-constraint':
      return lock('SHARE UPDATE EXCLUSIVE', 'scan');
    case 'attach-partition':
      return lock('SHARE UPDATE EXCLUSIVE', 'scan', { note: 'ATTACH PARTITION takes ACCESS EXCLUSIVE on the partition being attached and scans it unless a CHECK constraint proves the bounds (PostgreSQL 12+; older versions lock the parent with ACCESS EXCLUSIVE).' });
    case 'detach-partition':
      return lock(action.concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE');
    case 'set-table-option':
      return tableOptionLock(action.option);
    case 'other':
      return otherActionLock(action.description);
    default:
      // DROP COLUMN, SET/DROP DEFAULT, DROP NOT NULL, renames, DROP CONSTRAINT: catalog-only, but ACCESS EXCLUSIVE.
      return lock('ACCESS EXCLUSIVE');
  }
}

function addColumnLock(defaultKind: 'volatile' | 'stored once' | undefined, fillsEveryRow: boolean, constraints: readonly Constraint[]): PgLock {
  const locks = constraints.map(constraintLock);
  if (defaultKind === 'volatile' || fillsEveryRow) {
    locks.push(lock('ACCESS EXCLUSIVE', 'rebuild', { note: 'A volatile default, an identity or a stored generated column fills every existing row: the table is rewritten.' }));
  } else {
    locks.push(lock('ACCESS EXCLUSIVE', 'metadata', defaultKind ? { note: 'A non-volatile default is stored in the catalog (PostgreSQL 11+); PostgreSQL 10 and older rewrite the table.' } : {}));
  }
  return strongestOf(locks) ?? lock('ACCESS EXCLUSIVE');
}

function constraintLock(constraint: Constraint): PgLock {
  switch (constraint.kind) {
    case 'foreign-key':
      return lock('SHARE ROW EXCLUSIVE', constraint.notValid ? 'metadata' : 'scan', {
        note: `A foreign key takes SHARE ROW EXCLUSIVE on both tables, including ${quoted(constraint.references.table.raw)}${constraint.notValid ? '' : ', and checks every existing row while holding it (add it NOT VALID, then VALIDATE CONSTRAINT)'}.`,
      });
    case 'check':
      return lock('ACCESS EXCLUSIVE', constraint.notValid ? 'metadata' : 'scan');
    case 'primary-key':
    case 'unique':
      return lock('ACCESS EXCLUSIVE', constraint.usingIndex ? 'metadata' : 'index-build');
    case 'exclude':
      return lock('ACCESS EXCLUSIVE', 'index-build');
  }
}

/** Storage parameters PostgreSQL changes under SHARE UPDATE EXCLUSIVE (ALTER TABLE … SET (…)). */
const LIGHT_STORAGE_PARAMETERS = /^(fillfactor|toast_tuple_target|parallel_workers|autovacuum_\w+|toast\.\w+)$/;

function tableOptionLock(option: string): PgLock {
  if (option === 'logged' || option === 'tablespace' || option === 'access method') return lock('ACCESS EXCLUSIVE', 'rebuild');
  const parameters = option.split(',').map((name) => name.trim());
  return parameters.every((name) => LIGHT_STORAGE_PARAMETERS.test(name)) ? lock('SHARE UPDATE EXCLUSIVE') : lock('ACCESS EXCLUSIVE');
}

function otherActionLock(description: string): PgLock {
  // SET STATISTICS and per-column options (ALTER COLUMN c SET (n_distinct = …)) are SHARE UPDATE EXCLUSIVE too.
  if (/\bset statistics\b|\bcluster on\b|\bset without cluster\b|^alter\s+(?:column\s+)?\S+\s+(?:set|reset)\s*\(/i.test(description)) return lock('SHARE UPDATE EXCLUSIVE');
  if (/^(enable|disable)\s+trigger\b/i.test(description)) return lock('SHARE ROW EXCLUSIVE');
  return lock('ACCESS EXCLUSIVE');
}

/** varchar(n) → varchar(m ≥ n) or text, and text → varchar: no rewrite (binary-compatible). */
function binaryCoercible(fromName: string, fromArgs: readonly string[], to: TypeRef): boolean {
  const textual = (name: string): boolean => name === 'text' || name === 'character varying' || name === 'varchar';
  if (!textual(fromName) || !textual(to.name) || to.arrayDims > 0) return false;
  if (to.name === 'text' || to.args.length === 0) return true;
  return fromArgs.length > 0 && Number(to.args[0]) >= Number(fromArgs[0]) && fromName !== 'text';
}

function dropLock(objectKind: string, name: string | undefined, concurrently: boolean, indexTableName: string | undefined): LockInfo | undefined {
  if (name === undefined) return undefined;
  if (objectKind === 'index') {
    const target = indexTableName ? quoted(indexTableName) : `the table of index ${quoted(name)}`;
    return info(lock(concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE'), target);
  }
  if (objectKind === 'table' || objectKind === 'view' || objectKind === 'materialized-view' || objectKind === 'sequence') {
    return info(lock('ACCESS EXCLUSIVE'), quoted(name));
  }
  return undefined;
}

function indexTable(name: { name: string; schema?: string; raw: string } | undefined, schema: Schema | undefined): string | undefined {
  return name && schema ? findIndex(schema, name)?.table.name : undefined;
}

function dataLock(operation: string, hasWhere: boolean, table: string | undefined): LockInfo | undefined {
  if (table === undefined) return undefined;
  switch (operation) {
    case 'truncate':
      return info(lock('ACCESS EXCLUSIVE'), quoted(table));
    case 'select':
      return info(lock('ACCESS SHARE', 'rows'), quoted(table));
    default:
      return info(lock('ROW EXCLUSIVE', hasWhere || operation === 'insert' || operation === 'copy' ? 'rows' : 'scan'), quoted(table));
  }
}

/** The table a REINDEX locks: the index's table when the schema knows it. */
function reindexTarget(change: ReindexChange, schema: Schema | undefined): string {
  if (change.target === 'table') return quoted(change.name.raw);
  if (change.target === 'system') return 'the system catalogs';
  if (change.target !== 'index') return `every table in ${change.target} ${quoted(change.name.raw)}`;
  const table = indexTable(change.name, schema);
  return table ? quoted(table) : `the table of index ${quoted(change.name.raw)}`;
}

/** VACUUM, CLUSTER and LOCK TABLE: what they lock comes from their options (see parse/postgres/options.ts). */
function tableCommandLock(change: OtherChange): LockInfo | undefined {
  const tables = change.tables ?? [];
  const target = (everything: string): string => (tables.length === 0 ? everything : tables.map((table) => quoted(table.raw)).join(', '));
  switch (change.statementType) {
    case 'VacuumStmt':
      return change.full
        ? info(lock('ACCESS EXCLUSIVE', 'rebuild', { note: 'VACUUM FULL writes a new copy of the table; REPACK (CONCURRENTLY) (PostgreSQL 19+) or pg_repack do it without blocking.' }), target('every table in the database'))
        : info(lock('SHARE UPDATE EXCLUSIVE', 'scan'), target('every table in the database'));
    case 'ClusterStmt':
      return info(lock('ACCESS EXCLUSIVE', 'rebuild', { note: 'CLUSTER writes a new copy of the table in index order.' }), target('every table clustered before'));
    case 'LockStmt': {
      return tables.length === 0 ? undefined : info(lock(change.lockMode ?? 'ACCESS EXCLUSIVE', 'metadata', { note: 'LOCK TABLE holds its lock until the transaction ends.' }), target(''));
    }
    default:
      return undefined;
  }
}

function otherLock(change: OtherChange, text: string): LockInfo | undefined {
  const commandLock = tableCommandLock(change);
  if (commandLock) return commandLock;
  const { statementType } = change;
  const object = change.object?.name.raw;
  if (object === undefined) return undefined;
  if (statementType === 'RefreshMatViewStmt') {
    return /\bconcurrently\b/i.test(text) ? info(lock('EXCLUSIVE', 'rebuild'), quoted(object)) : info(lock('ACCESS EXCLUSIVE', 'rebuild'), quoted(object));
  }
  if (statementType === 'AlterObjectSchemaStmt') return info(lock('ACCESS EXCLUSIVE'), quoted(object));
  return undefined;
}

function strongestOf(locks: readonly PgLock[]): PgLock | undefined {
  let strongest: PgLock | undefined;
  for (const candidate of locks) {
    const byMode = strongest ? PG_LOCK_MODES.indexOf(candidate.mode) - PG_LOCK_MODES.indexOf(strongest.mode) : 1;
    if (byMode > 0 || (byMode === 0 && strongest && workRank(candidate.work) > workRank(strongest.work))) strongest = candidate;
  }
  // Notes of every action still matter (a rewrite next to a foreign key).
  return strongest && { ...strongest, note: [...new Set(locks.flatMap((l) => (l.note ? [l.note] : [])))].join(' ') || undefined };
}

function info(found: PgLock, target: string): LockInfo {
  const blocks = pgBlocks(found.mode);
  const notes = [found.note, NON_BLOCKING_NOTES[found.mode]].filter((note): note is string => note !== undefined);
  return { dialect: 'postgres', target: found.target ?? target, mode: found.mode, blocks, work: found.work, sentence: lockSentence(found.mode, found.target ?? target, blocks, found.work), notes };
}
