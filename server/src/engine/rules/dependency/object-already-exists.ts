import { DIALECTS } from '../../model/source.js';
import type { Rule } from '../rule.js';
import { kindWord, where } from './describe.js';
import { findObject } from './objects.js';

export const objectAlreadyExists: Rule = {
  id: 'object-already-exists',
  category: 'dependency',
  dialects: DIALECTS,
  severity: 'error',
  docs: {
    summary: 'A statement creates a table, column, index, type, view, trigger or key that already exists at that point of the history.',
    why:
      'Without IF NOT EXISTS (or OR REPLACE), creating what exists fails: PostgreSQL says "relation already exists", MySQL and MariaDB ' +
      '"Table already exists" or "Duplicate column name", and the migration stops there. It happens when two branches each add the same ' +
      'table, when a migration is copied forward, or when a down file forgot to drop what its up created and the up runs again. ' +
      'Objects the history only assumes to exist (a partial history without a baseline) are not known, so they are not reported.',
    fix: 'Give the new object another name, drop the old one first in the same migration, or — when the earlier definition is the one you want — delete the statement. `IF NOT EXISTS` silences the error but keeps the earlier definition, whatever this statement says.',
    examples: [
      {
        bad: '-- 001_users.up.sql\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- 007_users.up.sql\nCREATE TABLE users (id bigint PRIMARY KEY, email text);',
        good: '-- 007_users_email.up.sql\nALTER TABLE users ADD COLUMN email text;',
      },
    ],
  },
  checkStatement(ctx) {
    for (const event of ctx.replayEvents()) {
      if (event.kind !== 'exists') continue;
      const created = findObject(ctx.schemaBefore(), event.objectKind, event.key)?.created;
      const earlier = created && (created.file !== ctx.part.file || created.range.start !== ctx.statement.range.start) ? created : undefined;
      ctx.report({
        range: event.range,
        message: `${kindWord(event.objectKind)[0].toUpperCase()}${kindWord(event.objectKind).slice(1)} \`${event.name}\` already exists here${earlier ? ` (created in ${where(earlier)})` : ''}: the database refuses to create it again and the migration stops.`,
        related: earlier ? [{ file: earlier.file, range: earlier.range, message: `\`${event.name}\` is created here` }] : [],
      });
    }
  },
};
