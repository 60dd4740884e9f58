import type { Framework } from '../../model/migration-set.js';
import { DIALECTS } from '../../model/source.js';
import type { Rule } from '../rule.js';
import { fileName } from './versions.js';

/**
 * Frameworks whose migrations normally carry a down part, and what a rollback does without one.
 * Flyway is absent on purpose: undo (U) files are an optional paid feature most teams never use.
 * Prisma and plain SQL have no down parts at all.
 */
const ROLLBACK_WITHOUT_DOWN: Partial<Record<Framework, { add: string; effect: string }>> = {
  'golang-migrate': { add: 'a `.down.sql` file', effect: 'golang-migrate records the rollback without running anything' },
  goose: { add: 'a `-- +goose Down` section', effect: 'goose records the rollback without running anything' },
  dbmate: { add: 'a `-- migrate:down` section', effect: 'dbmate records the rollback without running anything' },
  'sql-migrate': { add: 'a `-- +migrate Down` section', effect: 'sql-migrate records the rollback without running anything' },
  'node-pg-migrate': { add: 'a `-- Down Migration` section', effect: 'node-pg-migrate cannot roll it back' },
};

export const missingDownMigration: Rule = {
  id: 'missing-down-migration',
  category: 'integrity',
  dialects: DIALECTS,
  severity: 'warning',
  docs: {
    summary: 'A migration has an up part but no down part, in a framework where downs are expected.',
    why:
      'Rolling back such a migration changes the version in the tracking table but not the schema (golang-migrate, ' +
      'goose, dbmate, sql-migrate), or fails (node-pg-migrate), so the database no longer matches the version it ' +
      'claims. Checked for golang-migrate, goose, dbmate, sql-migrate and node-pg-migrate. Not checked for Flyway, ' +
      'whose undo (U) files are optional (a Teams feature), nor for Prisma and plain SQL, which have no downs. An ' +
      'empty down part (an empty `.down.sql`, a `-- +goose Down` with nothing after it) is a deliberate ' +
      '"irreversible" marker and is accepted. A warning, because many teams roll forward only.',
    fix: 'Add the down part that undoes the up, or an empty one to state that the migration is irreversible.',
    examples: [{ bad: '003_create_orders.up.sql (no 003_create_orders.down.sql)', good: '003_create_orders.up.sql\n003_create_orders.down.sql' }],
  },
  checkMigration(ctx) {
    const expected = ROLLBACK_WITHOUT_DOWN[ctx.set.framework];
    const { up, down } = ctx.migration;
    if (!expected || !up || down || ctx.migration.kind !== 'versioned') return;
    ctx.report({
      file: up.file,
      range: ctx.anchor(up),
      message: `\`${fileName(up.file)}\` has no down migration: ${expected.effect}. Add ${expected.add}, empty if the migration cannot be undone.`,
    });
  },
};
