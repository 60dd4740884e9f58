import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../../server/src/engine/analyze.js';
import { check, findingsOf, ROOT } from './helpers.js';

before(() => initEngine());

const RULE = 'down-does-not-restore';
const movies = 'CREATE TABLE movies (id BIGSERIAL PRIMARY KEY, title TEXT NOT NULL, tmdb_id INTEGER);';
const history = (up: string, down: string) => ({ '001_movies.up.sql': movies, '001_movies.down.sql': 'DROP TABLE movies;', '002_change.up.sql': up, '002_change.down.sql': down });
const found = (up: string, down: string) => findingsOf(check(history(up, down), { dialect: 'postgres' }), RULE);

describe(RULE, () => {
  it('fires when the down leaves a table the up created, pointing at the up statement', () => {
    const [finding, ...rest] = found('CREATE TABLE wanted_movies (id BIGSERIAL PRIMARY KEY);\nALTER TABLE movies ADD COLUMN rating INT;', 'ALTER TABLE movies DROP COLUMN rating;');
    assert.equal(rest.length, 0);
    assert.equal(finding.message, 'down leaves table `wanted_movies` behind');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.file, `${ROOT}/002_change.down.sql`);
    assert.deepEqual(finding.range.start, { line: 0, character: 0 });
    assert.equal(finding.related[0].location.file, `${ROOT}/002_change.up.sql`);
    assert.equal(finding.related[0].location.range.start.line, 0);
  });

  it('fires when the down does not restore a column the up dropped', () => {
    const [finding] = found('CREATE INDEX movies_title_idx ON movies (title);\nALTER TABLE movies DROP COLUMN tmdb_id;', 'DROP INDEX movies_title_idx;');
    assert.equal(finding.message, 'down does not restore column `movies.tmdb_id` dropped by the up');
    assert.equal(finding.related[0].location.range.start.line, 1, 'the DROP COLUMN statement');
  });

  it('fires when the down restores a column with another type or nullability', () => {
    const messages = found('ALTER TABLE movies ALTER COLUMN tmdb_id TYPE BIGINT;', 'ALTER TABLE movies ALTER COLUMN tmdb_id SET NOT NULL;').map((f) => f.message);
    assert.deepEqual(messages, [
      'down changes the nullability of column `movies.tmdb_id`: it was NULL before the up and is NOT NULL after the down',
      'down does not restore the type of column `movies.tmdb_id`: it was `integer` before the up and is `bigint` after the down',
    ]);
  });

  it('fires when the down drops more than the up created', () => {
    const [finding] = found('ALTER TABLE movies ADD COLUMN rating INT;', 'DROP TABLE movies;');
    assert.equal(finding.message, 'down drops table `movies`, which existed before the up');
    assert.deepEqual(finding.related, []);
  });

  it('works on goose sections in MySQL', () => {
    const files = {
      '00001_movies.sql': `-- +goose Up\n${movies.replace('BIGSERIAL', 'BIGINT AUTO_INCREMENT')}\n-- +goose Down\nDROP TABLE movies;\n`,
      '00002_wanted.sql': '-- +goose Up\nCREATE TABLE wanted_movies (id INT);\nCREATE INDEX movies_title_idx ON movies (title(50));\n-- +goose Down\nDROP TABLE wanted_movies;\n',
    };
    const messages = findingsOf(check(files, { dialect: 'mysql' }), RULE).map((f) => f.message);
    assert.deepEqual(messages, ['down leaves index `movies.movies_title_idx` behind']);
  });

  it('stays quiet when the down undoes the up exactly', () => {
    assert.deepEqual(found('CREATE TABLE wanted_movies (id BIGSERIAL PRIMARY KEY);\nALTER TABLE movies DROP COLUMN tmdb_id;', 'ALTER TABLE movies ADD COLUMN tmdb_id INTEGER;\nDROP TABLE wanted_movies;'), []);
    assert.deepEqual(found('ALTER TABLE movies RENAME COLUMN title TO name;', 'ALTER TABLE movies RENAME COLUMN name TO title;'), []);
  });

  it('stays quiet on an empty down (irreversible by intent), a missing down and an unparseable part', () => {
    assert.deepEqual(found('DROP TABLE movies;', ''), []);
    assert.deepEqual(found('DROP TABLE movies;', '-- cannot be undone: the data is gone\n'), []);
    const noDown = findingsOf(check({ '001_movies.up.sql': movies, '001_movies.down.sql': 'DROP TABLE movies;', '002_drop.up.sql': 'DROP TABLE movies;' }, { dialect: 'postgres' }), RULE);
    assert.deepEqual(noDown, []);
    assert.deepEqual(found('CREATE TABLE wanted_movies (id int);', 'DROP TABLE wanted_movies; DROP TABLEE oops;'), []);
  });
});
