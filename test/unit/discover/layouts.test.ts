// Ordering, sections and transaction modes per framework, over small in-memory trees.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultProjectConfig } from '../../../server/src/engine/config/index.js';
import { discoverSets } from '../../../server/src/engine/discover/index.js';
import { scanSql } from '../../../server/src/engine/discover/sql-scan.js';
import type { MigrationSet } from '../../../server/src/engine/model/migration-set.js';
import { createMemoryHost } from './memory-host.js';

const CREATE = 'CREATE TABLE t (id int);\n';

function only(files: Record<string, string>, options = {}): MigrationSet {
  const sets = discoverSets(['/p'], createMemoryHost(files), options);
  assert.equal(sets.length, 1, `expected one set, got ${sets.map((s) => s.root).join(', ')}`);
  return sets[0];
}

describe('ordering', () => {
  it('golang-migrate compares versions as numbers, exactly beyond 2^53, and skips versions past uint64', () => {
    const set = only({
      '/p/m/10_b.up.sql': CREATE,
      '/p/m/9_a.up.sql': CREATE,
      '/p/m/18446744073709551615_max.up.sql': CREATE,
      '/p/m/9007199254740993_big.up.sql': CREATE,
      '/p/m/9007199254740992_big.up.sql': CREATE,
      '/p/m/18446744073709551616_over.up.sql': CREATE,
    });
    assert.deepEqual(set.migrations.map((m) => m.version), ['9', '10', '9007199254740992', '9007199254740993', '18446744073709551615']);
    assert.match(set.ignored[0].reason, /does not fit in uint64/);
  });

  it('Flyway compares dotted and underscored parts as integers and folds trailing zeros', () => {
    const set = only({
      '/p/m/V1.2.10__c.sql': CREATE,
      '/p/m/V1.2.9__b.sql': CREATE,
      '/p/m/V1_2__a.sql': CREATE,
      '/p/m/V1.2.0__dup.sql': CREATE,
      '/p/m/R__b_view.sql': CREATE,
      '/p/m/R__a_view.sql': CREATE,
      '/p/m/V1.sql': CREATE,
    });
    assert.deepEqual(set.migrations.map((m) => m.id), ['V1.sql', 'V1.2.0__dup.sql', 'V1_2__a.sql', 'V1.2.9__b.sql', 'V1.2.10__c.sql', 'R__a_view.sql', 'R__b_view.sql']);
    assert.deepEqual(set.migrations.slice(1, 3).map((m) => m.versionKey), ['1.2', '1.2']);
  });

  it('Flyway starts an empty database from the newest baseline: the versions up to it are superseded, older baselines ignored', () => {
    const set = only({
      '/p/m/V1__a.sql': CREATE,
      '/p/m/V2__b.sql': CREATE,
      '/p/m/B1__first_baseline.sql': CREATE,
      '/p/m/B2__baseline.sql': CREATE,
      '/p/m/V2.1__c.sql': CREATE,
      '/p/m/V3__d.sql': CREATE,
      '/p/m/R__view.sql': CREATE,
    });
    assert.deepEqual(set.migrations.map((m) => [m.id, m.kind]), [
      ['B2__baseline.sql', 'baseline'],
      ['V2.1__c.sql', 'versioned'],
      ['V3__d.sql', 'versioned'],
      ['R__view.sql', 'repeatable'],
    ]);
    assert.deepEqual(set.superseded?.map((m) => m.id), ['V1__a.sql', 'V2__b.sql']);
    assert.deepEqual(set.ignored.map((i) => [i.file, i.reason]), [['/p/m/B1__first_baseline.sql', 'an older baseline: Flyway starts an empty database from the newest one, B2__baseline.sql']]);
  });

  it('sql-migrate puts numbered files first by number, then the rest by name', () => {
    const up = '-- +migrate Up\n' + CREATE;
    const set = only({ '/p/m/b.sql': up, '/p/m/10_x.sql': up, '/p/m/2_y.sql': up, '/p/m/a.sql': up });
    assert.deepEqual(set.migrations.map((m) => m.id), ['2_y.sql', '10_x.sql', 'a.sql', 'b.sql']);
  });

  it('dbmate applies in file name order and keys by the version string', () => {
    const up = '-- migrate:up\n' + CREATE + '-- migrate:down\n';
    const set = only({ '/p/db/migrations/20240102000000_b.sql': up, '/p/db/migrations/20240101000000_a.sql': up, '/p/db/migrations/notes.sql': up });
    assert.deepEqual(set.migrations.map((m) => m.versionKey), ['20240101000000', '20240102000000']);
    assert.match(set.ignored[0].reason, /starts with a digit/);
  });

  it('goose orders numerically and keeps duplicate versions', () => {
    const up = '-- +goose Up\n' + CREATE;
    const set = only({ '/p/m/00010_c.sql': up, '/p/m/00002_b.sql': up, '/p/m/2_dup.sql': up });
    assert.deepEqual(set.migrations.map((m) => m.id), ['00002_b', '2_dup', '00010_c']);
  });
});

describe('sections', () => {
  it('ranges exclude the marker lines and survive CRLF', () => {
    const text = '-- a comment\r\n-- +goose Up\r\nCREATE TABLE a (id int);\r\n-- +goose Down\r\nDROP TABLE a;\r\n';
    const set = only({ '/p/m/1_a.sql': text });
    const { up, down } = set.migrations[0];
    assert.equal(text.slice(up?.range.start, up?.range.end), 'CREATE TABLE a (id int);\r\n');
    assert.equal(text.slice(down?.range.start, down?.range.end), 'DROP TABLE a;\r\n');
  });

  it('a marker on the last line gives an empty body; goose annotations are case-insensitive', () => {
    const text = '-- +goose up\nCREATE TABLE a (id int);\n-- +goose DOWN';
    const { down } = only({ '/p/m/1_a.sql': text }).migrations[0];
    assert.deepEqual(down?.range, { start: text.length, end: text.length });
  });

  it('dbmate reads options per section', () => {
    const text = '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (id);\n-- migrate:down\nDROP INDEX i;\n';
    const { up, down } = only({ '/p/m/1_a.sql': text }).migrations[0];
    assert.equal(up?.transaction.inTransaction, false);
    assert.deepEqual(up?.transaction.directiveRange, { start: 0, end: '-- migrate:up transaction:false'.length });
    assert.equal(down?.transaction.inTransaction, true);
  });

  it('node-pg-migrate without an up marker runs the whole file as up', () => {
    const text = 'CREATE TABLE a (id int);\n-- Down Migration\nDROP TABLE a;\n';
    const set = only({ '/p/m/1_a.sql': text, '/p/m/2_b.sql': '-- Up Migration\n' + CREATE });
    const [first] = set.migrations;
    assert.equal(set.framework, 'node-pg-migrate');
    assert.deepEqual(first.up?.range, { start: 0, end: text.length });
    assert.equal(text.slice(first.down?.range.start), 'DROP TABLE a;\n');
  });
});

describe('transaction modes', () => {
  it('the statement count ignores comments, strings and dollar-quoted bodies', () => {
    const text = "-- a; b;\n/* c; /* nested; */ d; */\nSELECT 'x;y', \"q;\", E'\\';';\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n";
    assert.equal(scanSql(text).statements, 2);
    assert.equal(scanSql('SELECT 1').statements, 1);
    assert.equal(scanSql('-- nothing\n;;').statements, 0);
  });

  it('golang-migrate on PostgreSQL: one statement outside, several inside an implicit transaction', () => {
    const set = only({
      '/p/pg/1_a.up.sql': 'CREATE INDEX CONCURRENTLY i ON t (id); -- alone',
      '/p/pg/2_b.up.sql': 'CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY i ON a (id);',
    });
    assert.deepEqual(set.migrations.map((m) => m.up?.transaction.inTransaction), [false, true]);
  });

  it('plain files follow assumeInTransaction', () => {
    const files = { '/p/m/001_a.sql': CREATE };
    assert.equal(only(files).migrations[0].up?.transaction.inTransaction, false);
    const config = { ...defaultProjectConfig('/p'), assumeInTransaction: true, source: '/p/.migration-lens.json' };
    const mode = only(files, { config }).migrations[0].up?.transaction;
    assert.equal(mode?.inTransaction, true);
    assert.match(mode?.reason ?? '', /assumeInTransaction is set in \/p\/\.migration-lens\.json/);
  });
});

describe('walking', () => {
  it('skips dependency, build and VCS folders', () => {
    const sets = discoverSets(
      ['/p'],
      createMemoryHost({
        '/p/node_modules/x/migrations/1_a.up.sql': CREATE,
        '/p/vendor/m/1_a.up.sql': CREATE,
        '/p/dist/1_a.sql': CREATE,
        '/p/build/1_a.sql': CREATE,
        '/p/.git/1_a.sql': CREATE,
        '/p/.migration-lens/1_a.sql': CREATE,
        '/p/migrations/1_a.up.sql': CREATE,
      }),
    );
    assert.deepEqual(sets.map((s) => s.root), ['/p/migrations']);
  });

  it('picks the framework with the most matching files', () => {
    const set = only({ '/p/m/1_a.up.sql': CREATE, '/p/m/1_a.down.sql': CREATE, '/p/m/2_b.sql': '-- +goose Up\n' + CREATE });
    assert.equal(set.framework, 'golang-migrate');
    assert.equal(set.ignored.length, 1);
  });
});
