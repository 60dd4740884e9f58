// Small questions most safety rules ask of a statement: which ALTER TABLE actions of a kind it
// holds, what the table it touches is called in messages, what lock it takes, where it ends.

import { basename } from '../../../host.js';
import { describeLock } from '../../../locks/index.js';
import type { AlterTableAction, AlterTableChange, Constraint, Name } from '../../../model/changes.js';
import { findTable } from '../../../schema/index.js';
import type { RelatedReport, StatementContext } from '../../rule.js';
import { creationInPart } from './new-table.js';

export type ActionOf<K extends AlterTableAction['kind']> = Extract<AlterTableAction, { kind: K }>;

/** The actions of kind `kind` in an ALTER TABLE statement, with the statement's change. */
export function alterActions<K extends AlterTableAction['kind']>(ctx: StatementContext, kind: K): { change: AlterTableChange; action: ActionOf<K> }[] {
  const change = ctx.change;
  if (change?.kind !== 'alter-table') return [];
  return change.actions.filter((action): action is ActionOf<K> => action.kind === kind).map((action) => ({ change, action }));
}

/**
 * "`movies` (created in 001_init.up.sql)" and a related location pointing there, when known. A
 * table made earlier in the same file is only reported when it was committed before the statement
 * (no transaction, or a COMMIT between): the label says so, since the reader just made the table.
 */
export function describeTable(ctx: StatementContext, table: Name): { label: string; related: RelatedReport[] } {
  const created = findTable(ctx.schemaBefore(), table)?.created;
  const label = `\`${table.raw}\``;
  if (!created) return { label, related: [] };
  if (creationInPart(ctx, table)) {
    // A plain file's transaction mode is an assumption the user can correct.
    const setting = ctx.set.framework === 'plain' && !ctx.part.transaction.inTransaction ? '; if your runner wraps each file in a transaction, set "assumeInTransaction": true in .migration-lens.json' : '';
    return {
      label: `${label} (created earlier in this file, but committed before this statement runs, so other sessions can already use it)`,
      related: [{ file: created.file, range: created.range, message: `\`${table.raw}\` is created here and committed on its own${setting}` }],
    };
  }
  return { label: `${label} (created in ${basename(created.file)})`, related: [{ file: created.file, range: created.range, message: `\`${table.raw}\` is created here` }] };
}

/** " It takes ACCESS EXCLUSIVE on `movies`: …" for messages whose danger is the lock; empty when unknown. */
export function lockNote(ctx: StatementContext): string {
  if (!ctx.change) return '';
  const lock = describeLock(ctx.change, ctx.set.dialect, { text: ctx.statement.text, schemaBefore: ctx.schemaBefore() });
  if (!lock || lock.assumption) return '';
  return ` It ${lock.sentence}.`;
}

/** The offset just past the statement's terminating `;` (or its end when it has none). */
export function statementEnd(ctx: Pick<StatementContext, 'statement' | 'text'>): number {
  const end = ctx.statement.range.end;
  return ctx.text[end] === ';' ? end + 1 : end;
}

export interface AddedConstraint {
  change: AlterTableChange;
  constraint: Constraint;
  /** Declared on an added column (`ADD COLUMN a int UNIQUE`) rather than with ADD CONSTRAINT. */
  onNewColumn: boolean;
}

/** Constraints an ALTER TABLE adds: ADD CONSTRAINT and those declared on ADD COLUMN. */
export function addedConstraints(ctx: StatementContext): AddedConstraint[] {
  return [
    ...alterActions(ctx, 'add-constraint').map(({ change, action }) => ({ change, constraint: action.constraint, onNewColumn: false })),
    ...alterActions(ctx, 'add-column').flatMap(({ change, action }) => action.constraints.map((constraint) => ({ change, constraint, onNewColumn: true }))),
  ];
}

/** The name PostgreSQL gives an unnamed constraint: `<table>_<columns>_<suffix>`. */
export function defaultConstraintName(table: Name, columns: readonly string[], suffix: string): string {
  return [table.name, ...columns, suffix].join('_').slice(0, 63);
}
