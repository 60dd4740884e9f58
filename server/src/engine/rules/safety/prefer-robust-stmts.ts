import type { FixDraft } from '../../fixes/edits.js';
import type { AlterTableAction, Change } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import type { Rule, StatementContext } from '../rule.js';
import { inCaseOf } from './keyword-case.js';
import { transactionAt } from './transaction-state.js';
import { escapeRegExp } from '../../model/text.js';

interface Fragile {
  range: SourceRange;
  message: string;
  fix?: FixDraft;
}

/** ALTER TABLE actions that succeed again when rerun as written: they are not reported. */
const RERUNNABLE = new Set<AlterTableAction['kind']>(['set-default', 'drop-default', 'set-not-null', 'drop-not-null', 'alter-column-type', 'validate-constraint', 'set-table-option', 'other']);

const RERUN = "the migration can't be rerun if it fails part way through";

function guard(ctx: StatementContext, at: number, words: string): FixDraft {
  const written = ctx.tokens[0]?.text ?? words;
  return { title: `Add ${words}`, edits: [{ range: { start: at, end: at }, newText: `${inCaseOf(written, words)} ` }], preferred: true };
}

/** The first token in `range` that spells `raw`: where a dropped column's or constraint's name is written. */
function nameAt(ctx: StatementContext, range: SourceRange, raw: string): number | undefined {
  return ctx.tokens.find((token) => token.start >= range.start && token.end <= range.end && token.text === raw)?.start;
}

/**
 * True when an earlier statement of the part drops constraint `name` IF EXISTS and nothing adds it
 * again in between: that drop makes this one ADD rerunnable, not a second ADD after it.
 */
function droppedEarlier(ctx: StatementContext, name: string): boolean {
  const escaped = escapeRegExp(name);
  const earlier = ctx.text.slice(ctx.part.range.start, ctx.statement.range.start);
  const drops = [...earlier.matchAll(new RegExp(`drop\\s+constraint\\s+if\\s+exists\\s+"?${escaped}"?(?![\\w$])`, 'gi'))];
  const lastDrop = drops[drops.length - 1];
  if (lastDrop?.index === undefined) return false;
  return !new RegExp(`add\\s+constraint\\s+"?${escaped}"?(?![\\w$])`, 'i').test(earlier.slice(lastDrop.index));
}

function fragileParts(ctx: StatementContext, change: Change): Fragile[] {
  switch (change.kind) {
    case 'create-table':
      return change.ifNotExists || change.temporary ? [] : [{ range: change.table.range, message: `Missing \`IF NOT EXISTS\`: ${RERUN}.`, fix: guard(ctx, change.table.range.start, 'IF NOT EXISTS') }];
    case 'create-index': {
      const { name } = change.index;
      // Without a name IF NOT EXISTS is not allowed; squawk stays quiet there too.
      return change.index.ifNotExists || !name ? [] : [{ range: name.range, message: `Missing \`IF NOT EXISTS\`: ${RERUN}.`, fix: guard(ctx, name.range.start, 'IF NOT EXISTS') }];
    }
    case 'drop':
      return change.ifExists || change.names.length === 0 ? [] : [{ range: change.names[0].range, message: `Missing \`IF EXISTS\`: ${RERUN}.`, fix: guard(ctx, change.names[0].range.start, 'IF EXISTS') }];
    case 'rename-table':
      return [{ range: change.renames[0].from.range, message: `A rename cannot be guarded with IF EXISTS: ${RERUN}. Run the migration in a transaction.` }];
    case 'alter-table':
      return change.actions.flatMap((action): Fragile[] => {
        switch (action.kind) {
          case 'add-column':
            return action.ifNotExists ? [] : [{ range: action.range, message: `Missing \`IF NOT EXISTS\`: ${RERUN}.`, fix: guard(ctx, action.column.range.start, 'IF NOT EXISTS') }];
          case 'drop-column':
          case 'drop-constraint': {
            const at = nameAt(ctx, action.range, action.raw);
            return action.ifExists ? [] : [{ range: action.range, message: `Missing \`IF EXISTS\`: ${RERUN}.`, fix: at === undefined ? undefined : guard(ctx, at, 'IF EXISTS') }];
          }
          case 'add-constraint': {
            const name = action.constraint.name;
            if (name && droppedEarlier(ctx, name)) return [];
            // PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS; dropping it first makes the pair rerunnable.
            const fix: FixDraft | undefined = name ? {
              title: `Drop \`${name}\` IF EXISTS first`,
              edits: [{ range: { start: ctx.statement.range.start, end: ctx.statement.range.start }, newText: `ALTER TABLE ${change.table.raw} DROP CONSTRAINT IF EXISTS ${name};\n` }],
            } : undefined;
            return [{ range: action.range, message: `ADD CONSTRAINT has no IF NOT EXISTS: ${RERUN}. Drop the constraint IF EXISTS first, or run the migration in a transaction.`, fix }];
          }
          default:
            return RERUNNABLE.has(action.kind) ? [] : [{ range: action.range, message: `This change cannot be guarded with IF [NOT] EXISTS: ${RERUN}. Run the migration in a transaction.` }];
        }
      });
    default:
      return [];
  }
}

export const preferRobustStmts: Rule = {
  id: 'prefer-robust-stmts',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'info',
  optIn: true,
  docs: {
    summary: 'Reports statements that fail when rerun, in a migration that does not run in a transaction.',
    why:
      'Without a transaction a migration that fails half-way leaves its first statements applied. Rerunning it then stops ' +
      'at the first of them ("relation already exists"), and someone has to repair the database by hand.',
    fix:
      'Make each statement rerunnable: `CREATE TABLE/INDEX IF NOT EXISTS`, `DROP … IF EXISTS`, `ADD COLUMN IF NOT EXISTS`, ' +
      '`DROP CONSTRAINT IF EXISTS` before `ADD CONSTRAINT`. Statements that cannot be guarded (renames) belong in a ' +
      'migration that runs in a transaction. The quick fix adds the guard.',
    differences:
      'Off by default in Migration Lens, while squawk reports it by default: it is a preference, not a hazard at this point in history, and reported on every column it drowns the findings that are. Turn it on with `"rules": { "prefer-robust-stmts": "warning" }` in `.migration-lens.json`. ' +
      'Whether the migration runs in a transaction comes from the framework (goose, dbmate, sql-migrate, Flyway wrap ' +
      'each migration; golang-migrate and Prisma wrap a multi-statement file), not only from BEGIN in the file. ALTER ' +
      'TABLE actions that succeed again when rerun (SET/DROP DEFAULT, SET/DROP NOT NULL, ALTER COLUMN TYPE, VALIDATE ' +
      'CONSTRAINT) are not reported; squawk reports every unguarded ALTER TABLE action outside a transaction ("missing transaction"). ' +
      'As in squawk, the only statement of a migration is reported too: the runner records the migration in a step of its own after ' +
      'the statement commits, so a failure in between (or a CREATE INDEX CONCURRENTLY that fails half-way and leaves an INVALID ' +
      'index behind) still leaves the statement applied and the migration to be rerun. ' +
      'In a folder of plain numbered .sql files the runner, and so whether it uses a transaction, is unknown: the rule ' +
      'reports there only for a file checked on its own, as squawk does.',
    examples: [{ bad: 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);', good: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id);' }],
  },
  checkStatement(ctx) {
    // A folder of plain .sql files has an unknown runner; a lone file is checked as squawk checks it.
    const runnerKnown = ctx.set.framework !== 'plain' || ctx.set.standalone === true;
    if (!ctx.change || !runnerKnown || transactionAt(ctx).inTransaction) return;
    const found = fragileParts(ctx, ctx.change);
    if (found.length === 0) return;
    for (const fragile of found) {
      ctx.report({ range: fragile.range, message: fragile.message, fixes: fragile.fix ? [fragile.fix] : [] });
    }
  },
};
