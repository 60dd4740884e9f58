import { DIALECTS } from '../../model/source.js';
import type { Rule } from '../rule.js';
import { kindWord } from './describe.js';
import { ASSUMED_WITHIN, dependencyFacts, type MissingReference } from './references.js';

/** How many assumed names the message lists before "and N more". */
const LISTED = 5;

export const partialMigrationHistory: Rule = {
  id: 'partial-migration-history',
  category: 'dependency',
  dialects: DIALECTS,
  severity: 'info',
  docs: {
    summary: 'The set\'s history starts on an existing database: its first migrations use tables that no migration creates. Reported once per set.',
    why:
      'Teams often adopt a migration tool on a database that already exists, so the first migration alters tables created by hand. ' +
      'Those tables are then assumed to exist instead of reported on every use, but only on evidence: `"assumeExistingSchema": true` in .migration-lens.json, ' +
      'or a first migration that creates no table and uses one that no migration creates. A first migration that creates tables and uses one it does not create ' +
      'has lost a CREATE TABLE or a file, and the database rejects it: that is an error (missing-table-reference), not an assumption. ' +
      `With that evidence, an object is assumed to pre-exist when it is first used in one of the first ${ASSUMED_WITHIN} migrations, no migration creates it (before or after), and it was not dropped or renamed before the use. ` +
      'A table used before a later migration creates it is still an error (missing-table-reference): that is a migration order bug, not partial history. ' +
      'Columns and constraints of tables the set creates are never assumed. With a `baseline` configured, nothing is assumed and this is not reported.',
    fix:
      'Dump the schema the history started from (`pg_dump --schema-only`, `mysqldump --no-data`) and set `"baseline": "db/schema.sql"` in `.migration-lens.json`: ' +
      'it is replayed before the first migration, so every reference is checked against it.',
    examples: [{ bad: '-- 001_add_last_login.up.sql (the first migration)\nALTER TABLE users ADD COLUMN last_login_at timestamptz;', good: '// .migration-lens.json\n{ "baseline": "db/schema.sql" }' }],
  },
  checkSet(ctx) {
    if (ctx.set.standalone) return;
    const { assumed } = dependencyFacts(ctx);
    if (assumed.length === 0) return;
    const firstUses = new Map<string, MissingReference>();
    for (const reference of assumed) if (!firstUses.has(`${reference.objectKind}:${reference.key}`)) firstUses.set(`${reference.objectKind}:${reference.key}`, reference);
    const uses = [...firstUses.values()];
    const names = uses.map((use) => `\`${use.name}\``);
    const listed = names.length > LISTED ? `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more` : names.join(', ');
    const kinds = new Set(uses.map((use) => kindWord(use.objectKind)));
    const what = kinds.size === 1 && kinds.has('table') ? 'tables' : 'objects';
    const first = assumed[0].at;
    const why = ctx.settings.assumeExistingSchema
      ? `"assumeExistingSchema" is set${ctx.settings.configFile ? ` in ${ctx.settings.configFile}` : ''}`
      : 'its first migration creates no table and changes existing ones';
    ctx.report({
      file: first.part.file,
      range: ctx.anchor(first.part),
      message:
        `History starts on an existing database (${why}): the first migrations use ${what} that no migration creates (${listed}); they are assumed to exist. ` +
        'Set "baseline" in .migration-lens.json to a schema dump to check them.',
      related: uses.map((use) => ({ file: use.at.part.file, range: use.range, message: `first use of \`${use.name}\`` })),
    });
  },
};
