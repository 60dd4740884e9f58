// The Radarr case (../shared/seeds/000_e20734554fe83d27.txt), rebuilt as golang-migrate trees for
// PostgreSQL and MySQL: 007 references quality_definitions through foreign keys, 009 is missing,
// and 010's refactor drops quality_definitions while those foreign keys still reference it. The
// engine must report exactly what a careful reviewer would, and stay silent on the clean trees.

import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyze, initEngine } from '../../../server/src/engine/analyze.js';
import { findRuleMeta } from '../../../server/src/engine/rules/index.js';
import { createNodeFileHost } from '../../../server/src/node-file-host.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures').replace(/\\/g, '/');
const RADARR = `${FIXTURES}/radarr/migrations`;
const host = createNodeFileHost();

before(() => initEngine());

/** `rule severity file:line` (1-based), the way a reviewer would list findings, every rule at its default level. */
const listed = (root: string, categories?: ReadonlySet<string>) =>
  analyze([root], host)
    .findings.filter((f) => !categories || categories.has(findRuleMeta(f.rule)?.category ?? ''))
    .map((f) => `${f.rule} ${f.severity} ${f.file.slice(root.length + 1)}:${f.range.start.line + 1}`);

describe('the Radarr migrations', () => {
  it('report exactly what a careful reviewer lists, with every rule at its default level', () => {
    assert.deepEqual(listed(RADARR), [
      // 008 adds a foreign key to the existing `movies` table: MySQL copies the table, PostgreSQL validates under a lock.
      'mysql-alter-blocks-writes warning mysql/008_collections_and_parse.up.sql:22',
      // The history: 009 is missing, and 010 drops quality_definitions while 007's foreign keys still reference it.
      'version-gap warning mysql/010_complete_schema_refactor.up.sql:4',
      'drop-referenced-table warning mysql/010_complete_schema_refactor.up.sql:10',
      'adding-foreign-key-constraint warning postgres/008_collections_and_parse.up.sql:21',
      // 010's down re-adds a foreign key to the existing quality_profiles table without NOT VALID.
      'adding-foreign-key-constraint warning postgres/010_complete_schema_refactor.down.sql:29',
      'constraint-missing-not-valid warning postgres/010_complete_schema_refactor.down.sql:29',
      'version-gap warning postgres/010_complete_schema_refactor.up.sql:4',
      // The refactor rewrites quality_profiles while its DDL lock is held, and drops tables with their data.
      'backfill-in-ddl-transaction warning postgres/010_complete_schema_refactor.up.sql:6',
      'ban-drop-table warning postgres/010_complete_schema_refactor.up.sql:9',
      'drop-referenced-table error postgres/010_complete_schema_refactor.up.sql:9',
      'ban-drop-table warning postgres/010_complete_schema_refactor.up.sql:11',
      'ban-char-field warning postgres/010_complete_schema_refactor.up.sql:14',
    ]);
  });

  it('keep each tree in its dialect and both trees defining the same schema', () => {
    assert.deepEqual(listed(RADARR, new Set(['dialect'])), []);
  });

  it('explain the drop of quality_definitions in both trees, pointing at the foreign keys of 007', () => {
    const drops = analyze([RADARR], host).findings.filter((f) => f.rule === 'drop-referenced-table');
    assert.deepEqual(
      drops.map((f) => f.message),
      [
        '`quality_definitions` is still referenced by foreign keys of `wanted_movies`: with FOREIGN_KEY_CHECKS = 0 the drop succeeds and leaves those foreign keys pointing at a table that no longer exists.',
        '`quality_definitions` is still referenced by foreign keys of `wanted_movies`: PostgreSQL refuses to drop it without CASCADE ("other objects depend on it").',
      ],
    );
    for (const drop of drops) {
      assert.deepEqual(
        drop.related.map((r) => `${r.location.file.slice(r.location.file.lastIndexOf('/') + 1)} ${r.message}`),
        [
          '007_wanted_movies.up.sql foreign key `fk_wanted_movies_current_quality_id` of `wanted_movies` references it',
          '007_wanted_movies.up.sql foreign key `fk_wanted_movies_target_quality_id` of `wanted_movies` references it',
        ],
      );
    }
  });
});

describe('the clean framework trees', () => {
  it('yield no finding at all, every rule at its default level (edge/ cases aside)', () => {
    assert.deepEqual(listed(`${FIXTURES}/frameworks`).filter((line) => !line.includes(' edge/')), []);
  });
});
