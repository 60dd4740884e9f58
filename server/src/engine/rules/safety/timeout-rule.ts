// require-lock-timeout and require-statement-timeout: the first statement of a part that takes a
// blocking lock on an existing table, with no SET of the timeout before it, gets one finding per
// part, and a quick fix that sets the timeout at the top of the part. (CONCURRENTLY statements
// block no reads or writes, so a one-statement golang-migrate CONCURRENTLY file never gets a SET
// that would wrap it in an implicit transaction.)

import { describeLock } from '../../locks/index.js';
import type { AlterTableChange, Change, Name } from '../../model/changes.js';
import type { Rule, RuleMeta } from '../rule.js';
import { partSteps, sendsFileAsOneQuery, type PartStep } from './part-steps.js';
import { createdInThisMigration } from './shared/new-table.js';

export interface TimeoutSetting {
  /** `lock_timeout`, `statement_timeout`. */
  name: string;
  /** The value the quick fix writes. */
  value: string;
  /** What the missing timeout lets happen, after "Without `name`, …". */
  risk: string;
}

/** What both timeout rules report differently from squawk; `ruleId` names the setting that turns one on. */
export function timeoutDifferences(ruleId: string): string {
  return (
    `Off by default in Migration Lens, while squawk reports it by default: many teams set the timeout once for every run (Migration Lens's own runner sets \`lock_timeout\` by default), and a finding on every migration that touches a table would hide the real hazards. Turn it on with \`"rules": { "${ruleId}": "warning" }\` in \`.migration-lens.json\`. ` +
    'One finding per migration part, at the first statement that takes a lock blocking reads or writes of a table in use; ' +
    'squawk reports the first statement that takes any lock. So these do not count: locks of SHARE UPDATE EXCLUSIVE or ' +
    'weaker, which let reads and writes through (CONCURRENTLY index builds, drops and reindexes, DETACH PARTITION ' +
    'CONCURRENTLY, VALIDATE CONSTRAINT, SET STATISTICS, storage parameters, CLUSTER ON, COMMENT ON, a plain VACUUM ' +
    'including `VACUUM (FULL false)`, and LOCK TABLE in ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE or SHARE UPDATE ' +
    'EXCLUSIVE mode); statements on tables created earlier in the same migration (squawk reports ' +
    '`CREATE TABLE users …; ALTER TABLE users …`), which nobody else can be using before the migration commits; ' +
    'CREATE TYPE and plain data changes, which lock no table anyone waits on. VACUUM FULL, CLUSTER, LOCK TABLE in a ' +
    'stronger mode and REINDEX with `(CONCURRENTLY false)` count like other DDL.'
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
    case 'other':
      // VACUUM, CLUSTER, LOCK TABLE; their lock (describeLock) decides whether they count.
      return change.tables ?? [];
    default:
      return [];
  }
}

const foreignKeyTargets = (change: AlterTableChange): Name[] =>
  change.actions.flatMap((action) => (action.kind === 'add-constraint' && action.constraint.kind === 'foreign-key' ? [action.constraint.references.table] : []));

/** True when the statement waits for a lock that blocks others, on a table someone else may be using. */
function locksLiveTable(step: PartStep): boolean {
  const lock = step.change && describeLock(step.change, step.set.dialect, { text: step.statement.text, schemaBefore: step.schemaBefore() });
  if (!step.change || !lock || lock.blocks === 'nothing') return false;
  const tables = tablesLocked(step.change);
  return tables.length === 0 || tables.some((table) => !createdInThisMigration(step, table));
}

const setsTimeout = (step: PartStep, name: string): boolean =>
  step.change?.kind === 'set' && step.change.name === name && !/^'?0'?$/.test(step.change.value.trim());

export function timeoutRule(meta: RuleMeta, setting: TimeoutSetting): Rule {
  return {
    ...meta,
    checkMigration(ctx) {
      for (const steps of partSteps(ctx)) {
        const first = steps.find((step) => locksLiveTable(step));
        if (!first || steps.slice(0, first.index).some((step) => setsTimeout(step, setting.name))) continue;
        const { part } = first;
        const lock = describeLock(first.change!, first.set.dialect, { text: first.statement.text, schemaBefore: first.schemaBefore() });
        const local = part.transaction.inTransaction && !sendsFileAsOneQuery(first.set);
        const header = `SET ${local ? 'LOCAL ' : ''}${setting.name} = '${setting.value}';\n`;
        ctx.report({
          file: part.file,
          range: first.statement.range,
          message:
            `No \`SET ${setting.name}\` before this statement, which ${lock?.sentence ?? 'takes a lock on a table in use'}. Without it, ${setting.risk}.`,
          fixes: [{ title: `Add \`${header.trim()}\` at the top of the migration`, edits: [{ file: part.file, range: { start: part.range.start, end: part.range.start }, newText: header }] }],
        });
      }
    },
  };
}
