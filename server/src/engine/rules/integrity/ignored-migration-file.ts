import type { MigrationSet } from '../../model/migration-set.js';
import { DIALECTS } from '../../model/source.js';
import type { Rule } from '../rule.js';
import { fileName, FRAMEWORK_NAMES, nextVersion } from './versions.js';

export const ignoredMigrationFile: Rule = {
  id: 'ignored-migration-file',
  category: 'integrity',
  dialects: DIALECTS,
  severity: 'warning',
  docs: {
    summary: 'A file in a migrations folder looks like a migration, but the framework will never run it.',
    why:
      'A misnamed file (`.SQL`, one underscore in a Flyway name, no `.up` for golang-migrate, a loose `.sql` next ' +
      "to Prisma's migration folders) is skipped silently: the change it holds never reaches any database, while " +
      'reviewers believe it shipped. Files the framework stops on (a goose file without `-- +goose Up`) are ' +
      'reported here too.',
    fix: 'Rename the file as the message suggests, or move it out of the migrations folder if it is not a migration (seed data, a schema dump).',
    examples: [{ bad: 'V2_add_last_login.sql', good: 'V2__add_last_login.sql' }],
  },
  checkSet(ctx) {
    for (const ignored of ctx.set.ignored) {
      const name = fileName(ignored.file);
      const rename = suggestedName(ctx.set, name);
      ctx.report({
        file: ignored.file,
        range: { start: 0, end: 0 },
        message: `${FRAMEWORK_NAMES[ctx.set.framework]} will not run \`${name}\`: ${ignored.reason}.${rename ? ` Rename it to \`${rename}\`.` : ''}`,
      });
    }
  },
};

/** The name the framework would run, when the problem is the name (not the content). */
function suggestedName(set: MigrationSet, name: string): string | undefined {
  const extension = /\.sql$/i.exec(name)?.[0];
  if (extension && extension !== '.sql') return name.slice(0, -extension.length) + '.sql';
  const stem = name.replace(/\.sql$/i, '');
  const next = nextVersion(set);
  switch (set.framework) {
    case 'golang-migrate':
      return /^\d+_/.test(name) ? `${stem}.up.sql` : `${next}_${stem}.up.sql`;
    case 'flyway': {
      const oneUnderscore = /^([VU]\d+(?:[._]\d+)*)_([^_].*)$/.exec(stem);
      return oneUnderscore ? `${oneUnderscore[1]}__${oneUnderscore[2]}.sql` : `V${next}__${stem}.sql`;
    }
    case 'prisma':
      return `${next}_${stem}/migration.sql`;
    case 'goose':
    case 'dbmate':
    case 'plain':
      return /^\d/.test(name) ? undefined : `${next}_${stem}.sql`;
    default:
      return undefined;
  }
}
