// "New Migration" names files as each framework's own tool does, and the framework's own reading
// of the folder (discover) then finds the new migration last, with its name, its up part where
// the cursor goes, and its down part.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverSets } from '../../../server/src/engine/discover/index.js';
import { migrationName, nextVersion, planNewMigration } from '../../../server/src/engine/discover/new-migration.js';
import { FRAMEWORKS, type Framework, type MigrationSet } from '../../../server/src/engine/model/migration-set.js';
import { createMemoryHost } from './memory-host.js';

const NOW = new Date('2025-03-04T05:06:07.890Z');
const TABLE = 'CREATE TABLE t (id int);\n';

/** Each framework's folder with two migrations, and what its next file is called. */
const CASES: Record<Framework, { files: Record<string, string>; expected: string[] }> = {
  'golang-migrate': {
    files: { '/p/db/000001_a.up.sql': TABLE, '/p/db/000001_a.down.sql': 'DROP TABLE t;\n', '/p/db/000002_b.up.sql': TABLE },
    expected: ['/p/db/000003_add_orders_status.up.sql', '/p/db/000003_add_orders_status.down.sql'],
  },
  goose: {
    files: { '/p/db/20240101120000_a.sql': `-- +goose Up\n${TABLE}`, '/p/db/20240102120000_b.sql': `-- +goose Up\n${TABLE}` },
    expected: ['/p/db/20250304050607_add_orders_status.sql'],
  },
  dbmate: {
    files: { '/p/db/migrations/20240101120000_a.sql': `-- migrate:up\n${TABLE}`, '/p/db/migrations/20240102120000_b.sql': `-- migrate:up\n${TABLE}` },
    expected: ['/p/db/migrations/20250304050607_add_orders_status.sql'],
  },
  'sql-migrate': {
    files: { '/p/db/1-a.sql': `-- +migrate Up\n${TABLE}`, '/p/db/2-b.sql': `-- +migrate Up\n${TABLE}` },
    expected: ['/p/db/3-add_orders_status.sql'],
  },
  flyway: {
    files: { '/p/sql/V1__a.sql': TABLE, '/p/sql/V1.1__b.sql': TABLE, '/p/sql/R__views.sql': 'CREATE VIEW v AS SELECT 1;\n' },
    expected: ['/p/sql/V1.2__add_orders_status.sql'],
  },
  prisma: {
    files: {
      '/p/prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      '/p/prisma/migrations/20240101120000_init/migration.sql': TABLE,
    },
    expected: ['/p/prisma/migrations/20250304050607_add_orders_status/migration.sql'],
  },
  'node-pg-migrate': {
    files: { '/p/migrations/1700000000000_a.sql': `-- Up Migration\n${TABLE}`, '/p/migrations/1700000000001_b.sql': `-- Up Migration\n${TABLE}` },
    expected: [`/p/migrations/${NOW.getTime()}_add_orders_status.sql`],
  },
  plain: {
    files: { '/p/sql/001_a.sql': TABLE, '/p/sql/009_b.sql': TABLE },
    expected: ['/p/sql/010_add_orders_status.sql'],
  },
};

function onlySet(files: Record<string, string>): MigrationSet {
  const sets = discoverSets(['/p'], createMemoryHost(files), {});
  assert.equal(sets.length, 1, `expected one set, got ${sets.map((s) => `${s.root} (${s.framework})`).join(', ')}`);
  return sets[0];
}

describe('New Migration names files as each framework does', () => {
  for (const framework of FRAMEWORKS) {
    it(`${framework}: the next file is found by ${framework}'s own reading, last, with its up part at the cursor`, () => {
      const { files, expected } = CASES[framework];
      const before = onlySet(files);
      assert.equal(before.framework, framework);
      const plan = planNewMigration(before, 'add_orders_status', NOW);
      assert.deepEqual(plan.files.map((file) => file.path), expected);
      assert.equal(plan.up.path, expected[0]);

      const written = { ...files, ...Object.fromEntries(plan.files.map((file) => [file.path, file.text])) };
      const after = onlySet(written);
      assert.equal(after.framework, framework, 'the new file changed how the folder reads');
      assert.equal(after.ignored.length, before.ignored.length, `ignored: ${after.ignored.map((i) => i.reason).join('; ')}`);
      const versioned = after.migrations.filter((m) => m.kind === 'versioned');
      const added = versioned[versioned.length - 1];
      assert.equal(added.name, 'add_orders_status');
      assert.equal(added.version, plan.version);
      assert.equal(added.up?.file, plan.up.path);
      assert.ok(added.up!.range.start <= plan.up.offset && plan.up.offset <= added.up!.range.end, `the cursor (${plan.up.offset}) is outside the up part ${JSON.stringify(added.up!.range)}`);
      const downExpected = framework !== 'flyway' && framework !== 'prisma' && framework !== 'plain';
      assert.equal(added.down !== undefined, downExpected, 'a down part where the framework has one');
    });
  }

  it('marks the sections as each tool does, and leaves whole-file parts empty for the cursor', () => {
    const text = (framework: Framework) => planNewMigration(onlySet(CASES[framework].files), 'x', NOW).files.map((file) => file.text);
    assert.deepEqual(text('goose'), ['-- +goose Up\n\n\n-- +goose Down\n\n']);
    assert.deepEqual(text('dbmate'), ['-- migrate:up\n\n\n-- migrate:down\n\n']);
    assert.deepEqual(text('sql-migrate'), ['-- +migrate Up\n\n\n-- +migrate Down\n\n']);
    assert.deepEqual(text('node-pg-migrate'), ['-- Up Migration\n\n\n-- Down Migration\n\n']);
    assert.deepEqual(text('golang-migrate'), ['', '']);
    assert.deepEqual(text('flyway'), ['']);
  });

  it('a folder with no migrations yet gets what the framework\'s tool would give the first one', () => {
    const empty = (framework: Framework): MigrationSet => ({ root: '/p/m', framework, frameworkReason: '', dialect: 'postgres', dialectReason: '', migrations: [], ignored: [], siblings: [] });
    const names = Object.fromEntries(FRAMEWORKS.map((framework) => [framework, planNewMigration(empty(framework), 'init', NOW).files.map((file) => file.path.slice('/p/m/'.length))]));
    assert.deepEqual(names, {
      'golang-migrate': ['20250304050607_init.up.sql', '20250304050607_init.down.sql'],
      goose: ['20250304050607_init.sql'],
      dbmate: ['20250304050607_init.sql'],
      'sql-migrate': ['20250304050607-init.sql'],
      flyway: ['V1__init.sql'],
      prisma: ['20250304050607_init/migration.sql'],
      'node-pg-migrate': [`${NOW.getTime()}_init.sql`],
      plain: ['001_init.sql'],
    });
  });

  it('a timestamp is always after the last version, even when the clock is behind it', () => {
    const set = onlySet({ '/p/db/migrations/20990101000000_future.sql': `-- migrate:up\n${TABLE}` });
    assert.equal(planNewMigration(set, 'next', NOW).version, '20990101000001');
  });

  it('counters keep their width and their separator; the highest version counts, not the last file', () => {
    const set = onlySet({ '/p/db/0009-b.sql': `-- +migrate Up\n${TABLE}`, '/p/db/0010-c.sql': `-- +migrate Up\n${TABLE}`, '/p/db/seed.sql': `-- +migrate Up\n${TABLE}` });
    assert.deepEqual(planNewMigration(set, 'd', NOW).files.map((file) => file.path), ['/p/db/0011-d.sql']);
    assert.equal(nextVersion('0999'), '1000');
  });

  it('turns a description into a file name, or refuses one with no letters or digits', () => {
    assert.equal(migrationName('  Add orders.status column '), 'add_orders_status_column');
    assert.equal(migrationName('create-users'), 'create_users');
    assert.equal(migrationName(' -- '), undefined);
  });
});
