import type { Rule } from '../rule.js';
import { serverAtLeast } from './shared/pg-version.js';

export const preferRepack: Rule = {
  id: 'prefer-repack',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports `VACUUM FULL` and `CLUSTER` when PostgreSQL 19 or later is configured.',
    why: 'Both rewrite the whole table under an ACCESS EXCLUSIVE lock: no reads or writes until the rewrite finishes.',
    fix: 'From PostgreSQL 19 use `REPACK (CONCURRENTLY) table` (with `USING INDEX idx` for CLUSTER\'s ordering), which rewrites the table without blocking reads and writes. On older servers use the pg_repack extension, outside the migration.',
    differences:
      'Like squawk, only reported with a pgVersion of 19 or later, and not for `VACUUM (FULL false)` or `(FULL off)`, which are plain VACUUMs. ' +
      'squawk offers a rewrite to REPACK; the parser here predates REPACK, so there is no quick fix.',
    examples: [{ bad: 'VACUUM FULL orders;', good: 'REPACK (CONCURRENTLY) orders;' }],
  },
  checkStatement(ctx) {
    const change = ctx.change;
    // Unlike most version gates, this one needs a configured version: REPACK does not exist before 19.
    if (change?.kind !== 'other' || ctx.settings.pgVersion === undefined || !serverAtLeast(ctx.settings, 19)) return;
    // The parser reads FULL's value: `VACUUM (FULL false)` and `(FULL off)` are plain VACUUMs.
    const full = change.statementType === 'VacuumStmt' && change.full === true;
    const command = full ? 'VACUUM FULL' : change.statementType === 'ClusterStmt' ? 'CLUSTER' : undefined;
    if (!command) return;
    ctx.report({ range: ctx.statement.range, message: `${command} rewrites the table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes. Use \`REPACK (CONCURRENTLY)\`.` });
  },
};
