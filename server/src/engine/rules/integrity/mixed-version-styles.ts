import { DIALECTS } from '../../model/source.js';
import type { Rule } from '../rule.js';
import { fileName, isSequential, mainPart, timestampOf, versioned } from './versions.js';

export const mixedVersionStyles: Rule = {
  id: 'mixed-version-styles',
  category: 'integrity',
  dialects: DIALECTS,
  severity: 'warning',
  docs: {
    summary: 'A set mixes sequential numbers (001, 002) with timestamp versions (20240101120000).',
    why:
      'A timestamp among sequential numbers is larger than every number that will ever follow, so the next ' +
      'sequential migrations sort before it: databases that already ran it skip them (golang-migrate) or apply ' +
      'them out of order. A sequential number among timestamps sorts before all of them, with the same effect. ' +
      'The migrations in the smaller group are reported (sequential ones when the groups are equal). goose sets are ' +
      "not checked: goose's documented hybrid versioning (`goose fix`) mixes the two on purpose.",
    fix: 'Rename the odd migrations to the style of the rest before they run anywhere.',
    examples: [{ bad: '001_create_users.sql\n002_create_orders.sql\n20240301120000_add_index.sql', good: '001_create_users.sql\n002_create_orders.sql\n003_add_index.sql' }],
  },
  checkSet(ctx) {
    if (ctx.set.framework === 'goose') return;
    const migrations = versioned(ctx.set);
    const sequential = migrations.filter((m) => isSequential(m.version));
    const timestamps = migrations.filter((m) => timestampOf(m.version) !== undefined);
    if (sequential.length === 0 || timestamps.length === 0) return;
    const [odd, usual, oddStyle, usualStyle] =
      timestamps.length < sequential.length
        ? [timestamps, sequential, 'a timestamp version', 'sequential numbers']
        : [sequential, timestamps, 'a sequential version', 'timestamps'];
    const example = fileName(mainPart(usual[0]).file);
    for (const migration of odd) {
      const part = mainPart(migration);
      ctx.report({
        file: part.file,
        range: ctx.anchor(part),
        message: `\`${fileName(part.file)}\` has ${oddStyle} where the other migrations use ${usualStyle} (\`${example}\`): migrations added later will sort on the wrong side of it.`,
      });
    }
  },
};
