// Incremental replay after an edit must give exactly what a replay from scratch gives: every
// snapshot, every statement's schema before it, every event, ups and downs. Later migrations are
// rebased (their recorded writes applied anew) only when they read nothing the edit changed;
// these histories make later migrations read, rename, drop and re-create what the edits touch.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schema } from '../../../server/src/engine/schema/model.js';
import { schemaMaps } from '../../../server/src/engine/schema/patched.js';
import { ReplayProject } from '../../../server/src/engine/schema/project.js';
import type { MigrationReplay, SetReplay } from '../../../server/src/engine/schema/replay.js';
import { editMigration, memoryHost, memorySet, replaySql, type MemoryMigration } from './support.js';
import type { Dialect } from '../../../server/src/engine/model/source.js';

const POSTGRES_HISTORY: MemoryMigration[] = [
  { version: '001', up: 'CREATE TABLE users (id int PRIMARY KEY, email text);', down: 'DROP TABLE users;' },
  {
    version: '002',
    up: 'CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));\nCREATE INDEX orders_user_idx ON orders (user_id);',
    down: 'DROP TABLE orders;',
  },
  { version: '003', up: 'ALTER TABLE users ADD COLUMN name text;', down: 'ALTER TABLE users DROP COLUMN name;' },
  { version: '004', up: 'CREATE TABLE audit (id int);\nCREATE VIEW v_users AS SELECT id FROM users;' },
  { version: '005', up: 'ALTER TABLE orders RENAME TO purchases;', down: 'ALTER TABLE purchases RENAME TO orders;' },
  { version: '006', up: 'DROP TABLE audit;' },
  { version: '007', up: "CREATE TYPE mood AS ENUM ('calm');\nALTER TABLE users ADD COLUMN m mood;" },
  { version: '008', up: "INSERT INTO users (id) VALUES (1);\nALTER INDEX orders_user_idx RENAME TO purchases_user_idx;" },
  { version: '009', up: 'CREATE TABLE audit (id int, at timestamptz);' },
  { version: '010', up: 'ALTER TABLE purchases ADD CONSTRAINT purchases_user_fk FOREIGN KEY (user_id) REFERENCES users (id);' },
  { version: '011', up: 'CREATE TABLE unrelated (id int);', down: 'DROP TABLE unrelated;' },
  { version: '012', up: 'ALTER TABLE users DROP COLUMN email;' },
];

const POSTGRES_EDITS: [string, string][] = [
  ['003', 'ALTER TABLE users ADD COLUMN name text, ADD COLUMN age int;'],
  ['001', 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);'],
  ['004', 'CREATE TABLE audit (id int);'],
  ['006', 'SELECT 1;'],
  ['002', 'CREATE TABLE orders (id int PRIMARY KEY, user_id int);'],
  ['005', 'ALTER TABLE orders RENAME TO purchases2;'],
  ['011', 'CREATE TABLE unrelated (id int, note text);'],
  ['001', 'CREATE TABLE accounts (id int PRIMARY KEY);'],
];

const MYSQL_HISTORY: MemoryMigration[] = [
  { version: '001', up: 'CREATE TABLE Users (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100)) ENGINE=InnoDB;', down: 'DROP TABLE Users;' },
  { version: '002', up: 'CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, FOREIGN KEY (user_id) REFERENCES users (id));', down: 'DROP TABLE orders;' },
  { version: '003', up: 'ALTER TABLE users ADD COLUMN name VARCHAR(50) NOT NULL;', down: 'ALTER TABLE users DROP COLUMN name;' },
  { version: '004', up: 'CREATE INDEX orders_user ON orders (user_id);' },
  { version: '005', up: 'RENAME TABLE orders TO purchases;' },
  { version: '006', up: 'ALTER TABLE purchases DROP INDEX orders_user;' },
];

const MYSQL_EDITS: [string, string][] = [
  ['003', 'ALTER TABLE users ADD COLUMN name VARCHAR(80) NULL;'],
  ['001', 'CREATE TABLE Users (id BIGINT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;'],
  ['004', 'SELECT 1;'],
];

/** The replay of `migrations` from scratch, in a project that has seen nothing before. */
function freshReplay(dialect: Dialect, migrations: MemoryMigration[]): SetReplay {
  const files = new Map<string, string>();
  const set = memorySet(migrations, dialect, files);
  return new ReplayProject().replay(set, memoryHost(files));
}

/** A snapshot as plain data: each map's entries in key order. */
function contents(schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = { dialect: schema.dialect };
  for (const [name, value] of Object.entries(schemaMaps(schema))) out[name] = value.sortedEntries();
  return out;
}

function assertSameReplay(actual: MigrationReplay, expected: MigrationReplay): void {
  const at = `migration ${expected.migration.version}`;
  assert.deepEqual(contents(actual.before), contents(expected.before), `${at}: snapshot before`);
  assert.deepEqual(contents(actual.after), contents(expected.after), `${at}: snapshot after`);
  assert.deepEqual(actual.events, expected.events, `${at}: events`);
  for (const part of ['up', 'downResult'] as const) {
    const mine = actual[part];
    const theirs = expected[part];
    assert.equal(mine === undefined, theirs === undefined, `${at}: ${part} present`);
    if (!mine || !theirs) continue;
    assert.deepEqual(contents(mine.after), contents(theirs.after), `${at}: ${part} after`);
    assert.deepEqual(mine.events, theirs.events, `${at}: ${part} events`);
    assert.equal(mine.steps.length, theirs.steps.length);
    mine.steps.forEach((step, i) => {
      assert.deepEqual(contents(step.before), contents(theirs.steps[i].before), `${at}: ${part} statement ${i + 1} before`);
      assert.deepEqual(step.events, theirs.steps[i].events, `${at}: ${part} statement ${i + 1} events`);
    });
  }
}

for (const [dialect, history, edits] of [
  ['postgres', POSTGRES_HISTORY, POSTGRES_EDITS],
  ['mysql', MYSQL_HISTORY, MYSQL_EDITS],
] as const) {
  describe(`incremental replay equals replay from scratch (${dialect})`, () => {
    test('after each edit of a sequence of edits', async () => {
      const fixture = await replaySql(dialect, history);
      fixture.replay.all();
      for (const [version, up] of edits) {
        const incremental = editMigration(fixture, version, up).all();
        const expected = freshReplay(dialect, fixture.migrations).all();
        assert.equal(incremental.length, expected.length);
        incremental.forEach((replay, i) => assertSameReplay(replay, expected[i]));
      }
    });

    for (const [version, up] of edits) {
      test(`after editing ${version} alone`, async () => {
        const fixture = await replaySql(dialect, history);
        fixture.replay.all();
        const incremental = editMigration(fixture, version, up).all();
        const expected = freshReplay(dialect, fixture.migrations).all();
        incremental.forEach((replay, i) => assertSameReplay(replay, expected[i]));
      });
    }
  });
}

describe('rebasing', () => {
  test('a later migration that reads nothing the edit changed keeps its events and statements, on the new snapshot', async () => {
    const fixture = await replaySql('postgres', POSTGRES_HISTORY);
    const old = fixture.replay.all();
    const after = editMigration(fixture, '003', 'ALTER TABLE users ADD COLUMN name text, ADD COLUMN age int;').all();
    const unrelated = after.findIndex((replay) => replay.migration.version === '011');
    // Rebased: the same statements and events, but built on the new snapshot, which has `age`.
    assert.equal(after[unrelated].up!.steps[0].statement, old[unrelated].up!.steps[0].statement);
    assert.equal(after[unrelated].events, old[unrelated].events);
    assert.ok(after[unrelated].after.tables.get('users')!.columns.some((column) => column.name === 'age'));
    assert.equal(after[unrelated].after.tables.get('unrelated'), old[unrelated].after.tables.get('unrelated'));
  });
});

describe('sharing after an edit', () => {
  test('the later migrations that read nothing the edit changed share one patch, whatever the length of the history', async () => {
    const unrelated = Array.from({ length: 40 }, (_, i): MemoryMigration => ({ version: String(i + 2).padStart(3, '0'), up: `CREATE TABLE t${i} (id int);` }));
    const fixture = await replaySql('postgres', [{ version: '001', up: 'CREATE TABLE users (id int);' }, ...unrelated]);
    fixture.replay.all();
    const after = editMigration(fixture, '001', 'CREATE TABLE users (id int, email text);').all();
    // A patched snapshot records its patch (schema/patched.ts); one object for all is what keeps
    // an edit's cost in memory independent of how many migrations follow it.
    const patches = new Set(after.slice(1).map((replay) => (replay.after as unknown as { patch?: unknown }).patch));
    assert.equal(patches.size, 1);
    assert.ok([...patches][0] instanceof Map, 'the later snapshots are patched, not copied');
    assert.ok(after[40].after.tables.get('users')!.columns.some((column) => column.name === 'email'));
  });
});
