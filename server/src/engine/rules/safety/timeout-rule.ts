// require-lock-timeout and require-statement-timeout: the first statement of a part that takes a
// lock on an object that exists outside the migration's transaction, however weak the lock, with no
// SET of the timeout before it, gets one finding per part, and a quick fix that sets the timeout at
// the top of the part. Even a lock that lets reads and writes through (COMMENT ON, a plain VACUUM,
// LOCK TABLE … IN ACCESS SHARE MODE, a CONCURRENTLY build) waits in the lock queue behind a long
// holder of a conflicting one — autovacuum, a long transaction — and without a timeout the
// migration waits with it, holding whatever it locked before. (Statements PostgreSQL refuses inside
// a transaction block are not counted where golang-migrate or Prisma send the file as one query: a
// SET in that file would wrap them in an implicit transaction and break the migration.)

import { describeLock, type LockInfo } from '../../locks/index.js';
import { lockSentence, quoted } from '../../locks/lock-info.js';
import type { AlterTableChange, Change, Name } from '../../model/changes.js';
import type { Rule, RuleMeta } from '../rule.js';
import { partSteps, sendsFileAsOneQuery, type PartStep } from './part-steps.js';
import { createdInSameTransaction } from './shared/new-table.js';

export interface TimeoutSetting {
  /** `lock_timeout`, `statement_timeout`. */
  name: string;
  /** The value the quick fix writes. */
  value: string;
  /** What the missing timeout lets happen, after "Without it, …", when the lock blocks reads or writes. */
  risk: string;
  /** The same for a lock that lets reads and writes through (or one the lock model does not describe). */
  weakLockRisk: string;
}

/** What both timeout rules report differently from squawk; `ruleId` names the setting that turns one on. */
export function timeoutDifferences(ruleId: string): string {
  return (
    `Off by default in Migration Lens, while squawk reports it by default: many teams set the timeout once for every run (Migration Lens's own runner sets \`lock_timeout\` by default), and a finding on every migration that touches a table would hide the real hazards. Turn it on with \`"rules": { "${ruleId}": "warning" }\` in \`.migration-lens.json\`. ` +
    'One finding per migration part, at the first statement that takes a lock on an existing object, as squawk reports the first such statement of a file. ' +
    'As in squawk, a weak lock counts too (COMMENT ON, a plain VACUUM including `VACUUM (FULL false)`, LOCK TABLE in ACCESS SHARE mode, CONCURRENTLY builds, VALIDATE CONSTRAINT): ' +
    'it still waits in the lock queue behind a long holder of a conflicting lock (autovacuum, a long transaction), and without a limit the migration waits with it, holding what it locked before. ' +
    'Not counted, where squawk counts them: statements on tables created earlier in the same transaction, which no other session can see, let alone lock, before it commits (outside a transaction a new table is committed and visible at once, and counts as squawk counts it); ' +
    'and statements that only create new objects — CREATE TYPE, CREATE FUNCTION, CREATE SEQUENCE, CREATE SCHEMA, CREATE EXTENSION — which lock no existing table, so there is no holder to queue behind and nothing that runs long (squawk counts every DDL statement but a CREATE TABLE without foreign keys). ' +
    'A CREATE TABLE with a foreign key counts in both: it takes SHARE ROW EXCLUSIVE on the referenced table. Plain data changes (INSERT, UPDATE, DELETE) count in neither. ' +
    'Where golang-migrate or Prisma send a file as one query, a statement PostgreSQL refuses in a transaction block (CREATE INDEX CONCURRENTLY, VACUUM …) is not counted: a SET in the same file would wrap it in an implicit transaction; set the timeout on the connection instead.'
  );
}

/** The existing tables a statement locks (empty when it locks nothing the rule can name). */
function tablesLocked(change: Change): Name[] {
  switch (change.kind) {
    case 'alter-table':
      return [change.table, ...foreignKeyTargets(change)];
    case 'create-index':
      return [change.index.table];
    case 'create-table':
      return change.constraints.flatMap((constraint) => (constraint.kind === 'foreign-key' ? [constraint.references.table] : []));
    case 'create-trigger':
      return [change.table];
    case 'rename-table':
      return change.renames.map((rename) => rename.from);
    case 'drop':
      return change.objectKind === 'table' ? change.names : [];
    case 'data':
      return change.tables;
    case 'reindex':
      return change.target === 'table' ? [change.name] : [];
    case 'comment':
      return change.objectKind === 'table' || change.objectKind === 'column' ? [change.target] : [];
    case 'create-view':
      return change.references;
    case 'other':
      // VACUUM, CLUSTER, LOCK TABLE; their lock (describeLock) decides whether they count.
      return change.tables ?? [];
    default:
      return [];
  }
}

const foreignKeyTargets = (change: AlterTableChange): Name[] =>
  change.actions.flatMap((action) => (action.kind === 'add-constraint' && action.constraint.kind === 'foreign-key' ? [action.constraint.references.table] : []));

/** Statements PostgreSQL refuses inside a transaction block. */
function refusesTransaction(change: Change): boolean {
  switch (change.kind) {
    case 'create-index':
      return change.index.concurrently;
    case 'drop':
      return change.objectKind === 'index' && change.concurrently;
    case 'reindex':
      return change.concurrently;
    case 'alter-table':
      return change.actions.some((action) => action.kind === 'detach-partition' && action.concurrently);
    case 'other':
      return change.statementType === 'VacuumStmt';
    default:
      return false;
  }
}

/** Objects whose ALTER or DROP locks them, though the lock model names no table for it. */
const objectWords: Partial<Record<string, string>> = { 'alter-type': 'type', 'alter-domain': 'domain', 'alter-sequence': 'sequence' };

/**
 * What the statement locks that existed before the migration's transaction, as the sentence after
 * "which" ("takes ACCESS SHARE on `t`: reads and writes continue"); undefined when it locks nothing
 * existing. Plain data changes (not TRUNCATE) are left out, as squawk leaves them out: they take
 * the row locks the application itself takes.
 */
function existingObjectLock(step: PartStep): { sentence: string; lock?: LockInfo } | undefined {
  const change = step.change;
  if (!change || (change.kind === 'data' && change.operation !== 'truncate')) return undefined;
  if (sendsFileAsOneQuery(step.set) && refusesTransaction(change)) return undefined;
  const isNew = (table: Name) => createdInSameTransaction(step, table);
  const tables = tablesLocked(change);
  if (tables.length > 0 && tables.every(isNew)) return undefined;
  const lock = describeLock(change, step.set.dialect, { text: step.statement.text, schemaBefore: step.schemaBefore() });
  if (lock) return { sentence: lock.sentence, lock };
  switch (change.kind) {
    case 'create-view': {
      // The query is planned under ACCESS SHARE on every table it reads; OR REPLACE also locks the existing view.
      const read = change.references.filter((table) => !isNew(table));
      if (change.orReplace) return { sentence: `takes ACCESS EXCLUSIVE on view ${quoted(change.name.raw)} when it exists${read.length ? `, and ACCESS SHARE on ${read.map((t) => quoted(t.raw)).join(', ')}` : ''}` };
      return read.length ? { sentence: lockSentence('ACCESS SHARE', read.map((t) => quoted(t.raw)).join(', '), 'nothing', change.materialized ? 'scan' : 'metadata') } : undefined;
    }
    case 'alter-type':
    case 'alter-domain':
    case 'alter-sequence':
      return { sentence: `takes a lock on ${objectWords[change.kind]} ${quoted(change.name.raw)}` };
    case 'drop':
      return change.names[0] ? { sentence: `takes a lock on ${change.objectKind.replace('-', ' ')} ${quoted(change.names[0].raw)}` } : undefined;
    case 'comment':
      return { sentence: `takes a lock on ${change.objectKind.replace('-', ' ')} ${quoted(change.target.raw)}` };
    case 'other':
      // ALTER/RENAME of an index, view, function … the model keeps no change kind for.
      return change.object && /^(alter|rename)/i.test(change.statementType) ? { sentence: `takes a lock on ${change.object.kind.replace('-', ' ')} ${quoted(change.object.name.raw)}` } : undefined;
    default:
      return undefined;
  }
}

const setsTimeout = (step: PartStep, name: string): boolean =>
  step.change?.kind === 'set' && step.change.name === name && !/^'?0'?$/.test(step.change.value.trim());

export function timeoutRule(meta: RuleMeta, setting: TimeoutSetting): Rule {
  return {
    ...meta,
    checkMigration(ctx) {
      for (const steps of partSteps(ctx)) {
        let found: { sentence: string; lock?: LockInfo } | undefined;
        const first = steps.find((step) => (found = existingObjectLock(step)) !== undefined);
        if (!first || !found || steps.slice(0, first.index).some((step) => setsTimeout(step, setting.name))) continue;
        const { part } = first;
        const { sentence, lock } = found;
        const local = part.transaction.inTransaction && !sendsFileAsOneQuery(first.set);
        const header = `SET ${local ? 'LOCAL ' : ''}${setting.name} = '${setting.value}';\n`;
        const risk = lock && lock.blocks !== 'nothing' ? setting.risk : setting.weakLockRisk;
        ctx.report({
          file: part.file,
          range: first.statement.range,
          message: `No \`SET ${setting.name}\` before this statement, which ${sentence}. Without it, ${risk}.`,
          fixes: [{ title: `Add \`${header.trim()}\` at the top of the migration`, edits: [{ file: part.file, range: { start: part.range.start, end: part.range.start }, newText: header }] }],
        });
      }
    },
  };
}
