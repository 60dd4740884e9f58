import type { Framework } from '../../model/migration-set.js';
import { DIALECTS } from '../../model/source.js';
import type { Rule } from '../rule.js';
import { fileName, mainPart, versioned, versionKeyOf } from './versions.js';

/** What the framework does when two files share a version. */
const CONSEQUENCE: Record<Framework, string> = {
  'golang-migrate': 'golang-migrate stops with "duplicate migration file"',
  goose: 'goose stops with "found duplicate migration version"',
  dbmate: 'dbmate records versions, not names, so it runs the first and takes the other for already applied',
  'sql-migrate': 'sql-migrate cannot tell them apart',
  flyway: 'Flyway fails validation with "Found more than one migration with version"',
  prisma: 'Prisma cannot tell them apart',
  'node-pg-migrate': 'node-pg-migrate cannot tell them apart',
  plain: 'a runner that orders by number cannot tell which runs first',
};

export const duplicateVersion: Rule = {
  id: 'duplicate-version',
  category: 'integrity',
  dialects: DIALECTS,
  severity: 'error',
  docs: {
    summary: 'Two migrations of a set have the same version, as the framework compares versions.',
    why:
      'Versions are the identity a framework records in its tracking table. Two files with one version ' +
      '(`007_a.up.sql` and `7_b.up.sql` for golang-migrate, `V1.1__a.sql` and `V1_1__b.sql` for Flyway) ' +
      'either stop the framework or make it skip one of them for good. This usually happens when two ' +
      'branches each add "the next" migration.',
    fix: 'Renumber the migration that was added last so that it comes after every existing version.',
    examples: [{ bad: '007_wanted_movies.up.sql\n007_collections.up.sql', good: '007_wanted_movies.up.sql\n008_collections.up.sql' }],
  },
  checkSet(ctx) {
    const byKey = new Map<string, ReturnType<typeof versioned>>();
    for (const migration of versioned(ctx.set)) {
      const key = versionKeyOf(migration);
      if (key === '') continue;
      byKey.set(key, [...(byKey.get(key) ?? []), migration]);
    }
    for (const [key, group] of byKey) {
      if (group.length < 2) continue;
      for (const migration of group) {
        const others = group.filter((other) => other !== migration);
        const part = mainPart(migration);
        ctx.report({
          file: part.file,
          range: ctx.anchor(part),
          message:
            `Version ${key} of \`${fileName(part.file)}\` is also the version of ` +
            `${others.map((other) => `\`${fileName(mainPart(other).file)}\``).join(', ')}: ${CONSEQUENCE[ctx.set.framework]}.`,
          related: others.map((other) => ({
            file: mainPart(other).file,
            range: ctx.anchor(mainPart(other)),
            message: `also version ${key}`,
          })),
        });
      }
    }
  },
};
