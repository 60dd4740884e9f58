import { DIALECTS } from '../../model/source.js';
import { ASSUMED_WITHIN } from './references.js';
import { missingReferenceRule } from './missing-reference-rule.js';

export const missingTableReference = missingReferenceRule(
  {
    id: 'missing-table-reference',
    category: 'dependency',
    dialects: DIALECTS,
    severity: 'error',
    docs: {
      summary: 'A statement uses a table (or view) that does not exist at that point in the history: never created, created by a later migration, or dropped or renamed by an earlier one.',
      why:
        'The database rejects the statement, and the migration stops half-way (dirty, or rolled back). ' +
        'Foreign keys, ALTER TABLE, CREATE INDEX, triggers, views, INSERT/UPDATE/DELETE and DROP TABLE are all checked against the schema the earlier migrations built. ' +
        'Tables, columns and other objects are separate rules because they fail in different ways: a missing table usually means migrations run in the wrong order, a missing column a rename or a typo. ' +
        'IF EXISTS / IF NOT EXISTS clauses are respected. ' +
        `A lone .sql file assumes the tables it does not create exist (as squawk does), and so does a set whose first ${ASSUMED_WITHIN} migrations use tables no migration creates (see partial-migration-history).`,
      fix: 'Create the table in an earlier migration (or move this migration after the one that creates it); after a rename, use the new name.',
      examples: [
        {
          bad: '-- 007_wanted_movies.up.sql\nCREATE TABLE wanted_movies (quality_id int REFERENCES quality_definitions (id));\n-- 009_quality_definitions_fix.up.sql\nCREATE TABLE quality_definitions (id serial PRIMARY KEY);',
          good: '-- 006_quality_definitions.up.sql\nCREATE TABLE quality_definitions (id serial PRIMARY KEY);\n-- 007_wanted_movies.up.sql\nCREATE TABLE wanted_movies (quality_id int REFERENCES quality_definitions (id));',
        },
      ],
    },
  },
  ['table'],
);
