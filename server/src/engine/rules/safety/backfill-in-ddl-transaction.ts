import { describeLock } from '../../locks/index.js';
import type { Change, Name } from '../../model/changes.js';
import { objectKey } from '../../schema/index.js';
import type { Rule } from '../rule.js';
import { partSteps, type PartStep } from './part-steps.js';
import { createdInSameTransaction } from './shared/new-table.js';

/** The table a statement changes the structure of, holding a lock until commit. */
function ddlTable(change: Change | undefined): Name | undefined {
  if (change?.kind === 'alter-table') return change.table;
  if (change?.kind === 'create-index' && !change.index.concurrently) return change.index.table;
  return undefined;
}

/** The table a backfill writes: UPDATE, or INSERT … SELECT. */
function backfillTable(step: PartStep): Name | undefined {
  const change = step.change;
  if (change?.kind !== 'data') return undefined;
  if (change.operation === 'update') return change.tables[0];
  // A skimmed row is an INSERT … VALUES of literals (its tokens are not worth reading).
  if (change.operation === 'insert' && !step.statement.skimmed && step.tokens().some((token) => token.lower === 'select')) return change.tables[0];
  return undefined;
}

export const backfillInDdlTransaction: Rule = {
  id: 'backfill-in-ddl-transaction',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports a backfill (UPDATE, INSERT … SELECT) that runs in the same transaction as DDL on the same table.',
    why:
      'The ALTER TABLE (or CREATE INDEX) takes its lock — usually ACCESS EXCLUSIVE — and keeps it until the transaction ' +
      'commits. A backfill in the same transaction therefore runs entirely under that lock: for as long as it rewrites ' +
      'the rows, nobody can read or write the table.',
    fix:
      'Commit the DDL first and backfill in a separate migration (or in batches from a job), then add constraints such as ' +
      'NOT NULL once the data is there. Whether statements share a transaction comes from the framework: goose, dbmate, ' +
      'sql-migrate, Flyway and node-pg-migrate wrap a migration in one; golang-migrate and Prisma wrap a multi-statement file.',
    differences: 'Not a squawk rule. Tables created earlier in the same transaction are empty and invisible to other sessions, and not reported.',
    examples: [{ bad: "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free' WHERE plan IS NULL;" }],
  },
  checkMigration(ctx) {
    for (const steps of partSteps(ctx)) {
      const transactional = steps.filter((step) => step.transaction !== undefined);
      for (const backfill of transactional) {
        const table = backfillTable(backfill);
        if (!table || createdInSameTransaction(backfill, table)) continue;
        const key = objectKey(ctx.set.dialect, table);
        const ddl = transactional.find((step) => {
          const changed = step.transaction === backfill.transaction ? ddlTable(step.change) : undefined;
          return changed !== undefined && objectKey(ctx.set.dialect, changed) === key;
        });
        if (!ddl) continue;
        const lock = describeLock(ddl.change!, ctx.set.dialect, { text: ddl.statement.text, schemaBefore: ddl.schemaBefore() });
        ctx.report({
          file: backfill.part.file,
          range: backfill.statement.range,
          related: [{ file: ddl.part.file, range: ddl.statement.range, message: `DDL on \`${table.raw}\` in the same transaction` }],
          message:
            `This backfill of \`${table.raw}\` runs in the same transaction as DDL on it (${backfill.explicitTransaction ? 'between BEGIN and COMMIT in this file' : backfill.part.transaction.reason}), so the DDL's lock is held while every row is written` +
            `${lock ? `: it ${lock.sentence}` : ''}. Move the backfill to its own migration.`,
        });
      }
    }
  },
};
