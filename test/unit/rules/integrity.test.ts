import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../../server/src/engine/analyze.js';
import { check, findingsOf, ROOT } from './helpers.js';

const table = (name: string) => `CREATE TABLE ${name} (id int);`;
const messages = (files: Record<string, string>, rule: string) => findingsOf(check(files, { dialect: 'postgres' }), rule).map((f) => f.message);

before(() => initEngine());

describe('duplicate-version', () => {
  it('fires on both golang-migrate files that share a version, pointing at the other', () => {
    const analysis = check({ '007_a.up.sql': table('a'), '007_a.down.sql': '', '7_b.up.sql': table('b'), '7_b.down.sql': '' }, { dialect: 'postgres' });
    const found = findingsOf(analysis, 'duplicate-version');
    assert.equal(found.length, 2);
    assert.match(found[0].message, /Version 7 of `007_a.up.sql` is also the version of `7_b.up.sql`: golang-migrate stops with "duplicate migration file"/);
    assert.equal(found[0].related[0].location.file, `${ROOT}/7_b.up.sql`);
  });
  it('fires on Flyway versions that are equal as Flyway compares them', () => {
    assert.equal(messages({ 'V1.1__a.sql': table('a'), 'V1_1__b.sql': table('b') }, 'duplicate-version').length, 2);
  });
  it('stays quiet on distinct versions and on Flyway repeatables', () => {
    assert.deepEqual(messages({ 'V1__a.sql': table('a'), 'V2__b.sql': table('b'), 'R__v.sql': 'SELECT 1;', 'R__w.sql': 'SELECT 1;' }, 'duplicate-version'), []);
  });
});

describe('version-gap', () => {
  const radarr = (versions: string[]) => Object.fromEntries(versions.flatMap((v) => [[`${v}_m${v}.up.sql`, table(`t${v}`)], [`${v}_m${v}.down.sql`, '']]));
  it('names the missing version and its neighbours (the Radarr 008 → 010 case)', () => {
    assert.deepEqual(messages(radarr(['007', '008', '010']), 'version-gap'), ['Version 009 is missing between `008_m008.up.sql` and `010_m010.up.sql`.']);
  });
  it('names a run of missing versions', () => {
    assert.deepEqual(messages(radarr(['001', '004']), 'version-gap'), ['Versions 002–003 are missing between `001_m001.up.sql` and `004_m004.up.sql`.']);
  });
  it('stays quiet on contiguous sequences, large deliberate jumps and timestamps', () => {
    assert.deepEqual(messages(radarr(['001', '002', '003']), 'version-gap'), []);
    assert.deepEqual(messages(radarr(['001', '002', '100']), 'version-gap'), []);
    assert.deepEqual(messages(radarr(['20240101120000', '20240101120002']), 'version-gap'), []);
  });
});

describe('missing-down-migration and orphan-down-migration', () => {
  it('warns about a golang-migrate up without a down', () => {
    const found = findingsOf(check({ '001_a.up.sql': table('a') }, { dialect: 'postgres' }), 'missing-down-migration');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /records the rollback without running anything/);
  });
  it('warns about a goose file without a Down section, but accepts an empty one', () => {
    assert.equal(messages({ '00001_a.sql': `-- +goose Up\n${table('a')}\n` }, 'missing-down-migration').length, 1);
    assert.deepEqual(messages({ '00001_a.sql': `-- +goose Up\n${table('a')}\n-- +goose Down\n` }, 'missing-down-migration'), []);
  });
  it('does not expect Flyway undo files or plain downs', () => {
    assert.deepEqual(messages({ 'V1__a.sql': table('a') }, 'missing-down-migration'), []);
    assert.deepEqual(messages({ '001_a.sql': table('a') }, 'missing-down-migration'), []);
  });
  it('reports a down without its up as an error', () => {
    const found = findingsOf(check({ '001_a.up.sql': table('a'), '001_a.down.sql': '', '002_b.down.sql': 'DROP TABLE b;' }, { dialect: 'postgres' }), 'orphan-down-migration');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /`002_b.down.sql` has no up migration: `002_b.up.sql` does not exist/);
  });
  it('reports a Flyway undo without its versioned migration', () => {
    assert.match(messages({ 'V1__a.sql': table('a'), 'U2__b.sql': 'DROP TABLE b;' }, 'orphan-down-migration')[0], /there is no `V2__b.sql`/);
  });
});

describe('timestamp-version-order', () => {
  const dbmate = (versions: string[]) => Object.fromEntries(versions.map((v) => [`${v}_m.sql`, `-- migrate:up\n${table(`t${v}`)}\n-- migrate:down\n`]));
  it('fires when a shorter timestamp sorts before older ones', () => {
    const golang = (v: string) => ({ [`${v}_m.up.sql`]: table(`t${v}`), [`${v}_m.down.sql`]: '' });
    const mixed = messages({ ...golang('20240101120000'), ...golang('20240201120000'), ...golang('202403011200') }, 'timestamp-version-order');
    assert.equal(mixed.length, 1);
    assert.match(mixed[0], /`202403011200_m.up.sql` \(2024-03-01 12:00:00 UTC\) runs before the older `20240101120000_m.up.sql`.*golang-migrate compares versions as numbers, and version 202403011200 has 12 digits where 20240101120000 has 14/);
  });
  it('stays quiet on one timestamp format', () => {
    assert.deepEqual(messages(dbmate(['20240101120000', '20240201120000', '20240301120000']), 'timestamp-version-order'), []);
  });
});

describe('mixed-version-styles', () => {
  const golang = (v: string) => ({ [`${v}_m.up.sql`]: table(`t${v}`), [`${v}_m.down.sql`]: '' });
  it('reports the timestamp among sequential numbers', () => {
    const found = messages({ ...golang('001'), ...golang('002'), ...golang('20240301120000') }, 'mixed-version-styles');
    assert.deepEqual(found.length, 1);
    assert.match(found[0], /`20240301120000_m.up.sql` has a timestamp version where the other migrations use sequential numbers/);
  });
  it('accepts goose hybrid versioning', () => {
    const goose = (v: string) => ({ [`${v}_m.sql`]: `-- +goose Up\n${table(`t${v}`)}\n-- +goose Down\n` });
    assert.deepEqual(messages({ ...goose('00001'), ...goose('00002'), ...goose('20240301120000') }, 'mixed-version-styles'), []);
  });
});

describe('ignored-migration-file', () => {
  it('explains why golang-migrate skips a file and the name it should have', () => {
    const found = findingsOf(check({ '001_a.up.sql': table('a'), '001_a.down.sql': '', '002_b.sql': table('b') }, { dialect: 'postgres' }), 'ignored-migration-file');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /golang-migrate will not run `002_b.sql`: .*neither .up nor .down\. Rename it to `002_b.up.sql`\./);
  });
  it('suggests the Flyway double underscore and the lower-case extension', () => {
    const found = messages({ 'V1__a.sql': table('a'), 'V2_b.sql': table('b'), 'V3__c.SQL': table('c') }, 'ignored-migration-file');
    assert.ok(found.some((m) => /Rename it to `V2__b.sql`/.test(m)), found.join('\n'));
    assert.ok(found.some((m) => /Rename it to `V3__c.sql`/.test(m)), found.join('\n'));
  });
});

describe('an unclosed BEGIN … END body, in the framework\'s terms', () => {
  const body = 'CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n';
  const syntax = (files: Record<string, string>) => findingsOf(check(files, { dialect: 'mysql' }), 'syntax-error').map((f) => f.message);
  it('goose and sql-migrate are told their StatementBegin/StatementEnd directives, not DELIMITER', () => {
    assert.match(syntax({ '00001_p.sql': `-- +goose Up\n${body}-- +goose Down\nDROP PROCEDURE p;\n` })[0], /wrap it in `-- \+goose StatementBegin` and `-- \+goose StatementEnd` lines \(goose sends DELIMITER lines to the server, which rejects them\)$/);
    assert.match(syntax({ '1_p.sql': `-- +migrate Up\n${body}-- +migrate Down\nDROP PROCEDURE p;\n` })[0], /wrap it in `-- \+migrate StatementBegin` and `-- \+migrate StatementEnd` lines/);
    assert.deepEqual(syntax({ '00001_p.sql': `-- +goose Up\n-- +goose StatementBegin\n${body}-- +goose StatementEnd\n-- +goose Down\nDROP PROCEDURE p;\n` }), []);
  });
  it('Flyway, run by a client that honours DELIMITER, is told DELIMITER', () => {
    assert.match(syntax({ 'V1__p.sql': body })[0], /put DELIMITER lines around it$/);
  });
});
