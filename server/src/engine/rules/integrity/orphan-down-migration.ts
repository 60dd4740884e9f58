import type { Framework, Migration } from '../../model/migration-set.js';
import { DIALECTS } from '../../model/source.js';
import type { Rule } from '../rule.js';
import { fileName, FRAMEWORK_NAMES } from './versions.js';

/** Where the missing up would be, and what the framework does without it. */
const MISSING_UP: Partial<Record<Framework, (m: Migration) => string>> = {
  'golang-migrate': (m) =>
    `\`${m.version}_${m.name}.up.sql\` does not exist: golang-migrate records version ${m.version} as applied without running anything`,
  flyway: (m) => `there is no \`V${m.version}__${m.name}.sql\`: Flyway fails validation on an undo migration without its versioned migration`,
};

export const orphanDownMigration: Rule = {
  id: 'orphan-down-migration',
  category: 'integrity',
  dialects: DIALECTS,
  severity: 'error',
  docs: {
    summary: 'A down part (down file, Flyway U file, down section) has no up part to undo.',
    why:
      'A down without its up is almost always an up that was renamed, deleted or misspelt. golang-migrate then ' +
      'records the version as applied without running anything, Flyway fails validation, and a sectioned file ' +
      '(sql-migrate) with only a down section changes nothing when it is applied.',
    fix: 'Restore or rename the up part so that it carries the same version (and, for golang-migrate, the same title), or delete the stray down.',
    examples: [{ bad: '004_add_last_login.down.sql (no up)', good: '004_add_last_login.up.sql\n004_add_last_login.down.sql' }],
  },
  checkMigration(ctx) {
    const { up, down } = ctx.migration;
    if (up || !down) return;
    const consequence =
      MISSING_UP[ctx.set.framework]?.(ctx.migration) ?? `applying it runs nothing, yet ${FRAMEWORK_NAMES[ctx.set.framework]} records it as applied`;
    ctx.report({ file: down.file, range: ctx.anchor(down), message: `\`${fileName(down.file)}\` has no up migration: ${consequence}.` });
  },
};
