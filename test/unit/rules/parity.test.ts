import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { analyze, initEngine, type Analysis } from '../../../server/src/engine/analyze.js';
import { normalizePath } from '../../../server/src/engine/host.js';
import { createNodeFileHost } from '../../../server/src/node-file-host.js';
import { check, findingsOf, ROOT } from './helpers.js';

before(() => initEngine());

const PG_MOVIES = 'CREATE TABLE movies (\n  id BIGSERIAL PRIMARY KEY,\n  title TEXT NOT NULL,\n  data JSONB,\n  added_at TIMESTAMPTZ NOT NULL DEFAULT now(),\n  monitored BOOLEAN NOT NULL DEFAULT true\n);';
const MY_MOVIES = 'CREATE TABLE movies (\n  id BIGINT AUTO_INCREMENT PRIMARY KEY,\n  title LONGTEXT NOT NULL,\n  data JSON,\n  added_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  monitored TINYINT(1) NOT NULL DEFAULT 1\n);';

/** golang-migrate postgres/ and mysql/ trees: version → [postgres up, mysql up]; downs are empty. */
function trees(versions: Record<string, [string | undefined, string | undefined]>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, [postgres, mysql]] of Object.entries(versions)) {
    if (postgres !== undefined) Object.assign(files, { [`postgres/${name}.up.sql`]: postgres, [`postgres/${name}.down.sql`]: '' });
    if (mysql !== undefined) Object.assign(files, { [`mysql/${name}.up.sql`]: mysql, [`mysql/${name}.down.sql`]: '' });
  }
  return files;
}
const parity = (files: Record<string, string>) => check(files).findings.filter((f) => f.rule.startsWith('sibling-'));

describe('sibling-version-missing', () => {
  it('fires on a version one tree has and the other lacks (the Radarr 009), pointing at the last shared version', () => {
    const found = parity(
      trees({
        '008_movies': [PG_MOVIES, MY_MOVIES],
        '009_quality_definitions_fix': ['CREATE TABLE quality_definitions (id INT PRIMARY KEY);', undefined],
        '010_refactor': ['ALTER TABLE movies ADD COLUMN year INT;', 'ALTER TABLE movies ADD COLUMN year INT;'],
      }),
    );
    assert.deepEqual(
      found.map((f) => [f.rule, f.file, f.message]),
      [['sibling-version-missing', `${ROOT}/postgres/009_quality_definitions_fix.up.sql`, 'Version 009 (`009_quality_definitions_fix.up.sql`) is missing from the sibling tree `mysql/`: that database never gets this change.']],
      'the table 009 created is not reported again as drift',
    );
    assert.equal(found[0].related[0].location.file, `${ROOT}/mysql/008_movies.up.sql`);
  });

  it('stays quiet when both trees have the same versions', () => {
    assert.deepEqual(parity(trees({ '001_movies': [PG_MOVIES, MY_MOVIES] })), []);
  });
});

describe('sibling-schema-drift', () => {
  it('stays quiet on trees that define the same schema in their own dialects', () => {
    const found = parity(
      trees({
        '001_movies': [PG_MOVIES, MY_MOVIES],
        '002_wanted': [
          'CREATE TABLE wanted (id SERIAL PRIMARY KEY, movie_id BIGINT NOT NULL REFERENCES movies (id), token UUID);\nCREATE UNIQUE INDEX wanted_movie_key ON wanted (movie_id);',
          'CREATE TABLE wanted (id INT AUTO_INCREMENT PRIMARY KEY, movie_id BIGINT NOT NULL, token CHAR(36), UNIQUE KEY wanted_movie (movie_id), FOREIGN KEY (movie_id) REFERENCES movies (id));',
        ],
        '003_index': ['CREATE INDEX CONCURRENTLY movies_title_idx ON movies (title);', 'CREATE INDEX movies_title ON movies (title(100));'],
      }),
    );
    assert.deepEqual(found.map((f) => f.message), []);
  });

  it('reports a table created in one tree only once, at the version where the trees diverge, in both trees', () => {
    const found = parity(
      trees({
        '001_movies': [PG_MOVIES, MY_MOVIES],
        '002_wanted': ['CREATE TABLE wanted_movies (id BIGSERIAL PRIMARY KEY);', 'SELECT 1;'],
        '003_year': ['ALTER TABLE movies ADD COLUMN year INT;', 'ALTER TABLE movies ADD COLUMN year INT;'],
      }),
    );
    assert.deepEqual(
      found.map((f) => [f.file.slice(ROOT.length + 1), f.range.start.line, f.message]),
      [
        ['mysql/002_wanted.up.sql', 0, 'table `wanted_movies` is missing here but exists in `postgres/` after version 002.'],
        ['postgres/002_wanted.up.sql', 0, 'table `wanted_movies` exists here but not in `mysql/` after version 002.'],
      ],
    );
    assert.equal(found[0].related[0].location.file, `${ROOT}/postgres/002_wanted.up.sql`);
    assert.equal(found[1].related[0].location.file, `${ROOT}/mysql/002_wanted.up.sql`);
  });

  it('reports a column type, a nullability, an index and a foreign key present on one side only', () => {
    const found = parity(
      trees({
        '001_movies': [PG_MOVIES, MY_MOVIES],
        '002_more': [
          'ALTER TABLE movies ADD COLUMN settings JSONB NOT NULL;\nALTER TABLE movies ADD COLUMN tmdb_id INT NOT NULL;\nCREATE INDEX movies_tmdb_idx ON movies (tmdb_id);\nCREATE TABLE credits (movie_id BIGINT REFERENCES movies (id) ON DELETE CASCADE);',
          'ALTER TABLE movies ADD COLUMN settings TEXT NOT NULL;\nALTER TABLE movies ADD COLUMN tmdb_id INT;\nCREATE TABLE credits (movie_id BIGINT);',
        ],
      }),
    ).filter((f) => f.file.includes('/postgres/'));
    assert.deepEqual(
      found.map((f) => [f.range.start.line, f.message]),
      [
        [0, 'column `movies.settings` is `json NOT NULL` here but `text NOT NULL` in `mysql/` after version 002.'],
        [1, 'column `movies.tmdb_id` is `int NOT NULL` here but `int` in `mysql/` after version 002.'],
        [2, 'index on `movies(tmdb_id)` exists here but not in `mysql/` after version 002.'],
        [3, 'foreign key `credits(movie_id) → movies(id)` exists here but not in `mysql/` after version 002.'],
      ],
    );
    assert.deepEqual(found[0].related[0].location.range.start, { line: 0, character: 0 });
    assert.equal(found[0].related[0].message, 'column `movies.settings` in `mysql/`');
  });

  it('reports a difference once, where it starts, not at every later version', () => {
    const found = parity(
      trees({
        '001_movies': [PG_MOVIES, MY_MOVIES.replace('title LONGTEXT NOT NULL', 'title VARCHAR(191) NOT NULL')],
        '002_year': ['ALTER TABLE movies ADD COLUMN year INT;', 'ALTER TABLE movies ADD COLUMN year INT;'],
        '003_rating': ['ALTER TABLE movies ADD COLUMN rating INT;', 'ALTER TABLE movies ADD COLUMN rating INT;'],
      }),
    );
    assert.deepEqual(found.map((f) => `${f.file.slice(ROOT.length + 1)}: ${f.message}`), [
      'mysql/001_movies.up.sql: column `movies.title` is `varchar(191) NOT NULL` here but `text NOT NULL` in `postgres/` after version 001.',
      'postgres/001_movies.up.sql: column `movies.title` is `text NOT NULL` here but `varchar(191) NOT NULL` in `mysql/` after version 001.',
    ]);
  });

  it('says nothing more once a later version brings the trees back together', () => {
    const found = parity(
      trees({
        '001_movies': [PG_MOVIES, MY_MOVIES],
        '002_year': ['ALTER TABLE movies ADD COLUMN year INT;\nALTER TABLE movies ADD COLUMN rating INT;', 'ALTER TABLE movies ADD COLUMN year INT;'],
        '003_rating': ['SELECT 1;', 'ALTER TABLE movies ADD COLUMN rating INT;'],
      }),
    );
    assert.deepEqual(found.map((f) => `${f.file.slice(ROOT.length + 1)}: ${f.message}`), [
      'mysql/002_year.up.sql: column `movies.rating` is missing here but exists in `postgres/` after version 002.',
      'postgres/002_year.up.sql: column `movies.rating` exists here but not in `mysql/` after version 002.',
    ]);
  });
  it('reports a new table that lacks a column at its CREATE TABLE in both trees, though the trees already differed', () => {
    const found = parity(
      trees({
        '001_users': ['CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL);', 'CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL, extra TEXT);'],
        '002_orders': [
          'CREATE TABLE audit (id BIGINT PRIMARY KEY);\nCREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, note TEXT);',
          'CREATE TABLE audit (id BIGINT PRIMARY KEY);\nCREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL);',
        ],
      }),
    );
    assert.deepEqual(
      found.map((f) => `${f.file.slice(ROOT.length + 1)}:${f.range.start.line}: ${f.message}`),
      [
        'mysql/001_users.up.sql:0: column `users.extra` exists here but not in `postgres/` after version 001.',
        'mysql/002_orders.up.sql:1: column `orders.note` is missing here but exists in `postgres/` after version 002.',
        'postgres/001_users.up.sql:0: column `users.extra` is missing here but exists in `mysql/` after version 001.',
        'postgres/002_orders.up.sql:1: column `orders.note` exists here but not in `mysql/` after version 002.',
      ],
    );
  });

  it('reports a difference again where it reappears: after the trees agreed, and when its table is made again', () => {
    const found = parity(
      trees({
        '001_movies': [PG_MOVIES, MY_MOVIES],
        '002_year': ['ALTER TABLE movies ADD COLUMN year INT;', 'SELECT 1;'],
        '003_year': ['SELECT 1;', 'ALTER TABLE movies ADD COLUMN year INT;'],
        '004_drop_year': ['ALTER TABLE movies DROP COLUMN year;', 'ALTER TABLE movies DROP COLUMN year;'],
        '005_year_again': ['ALTER TABLE movies ADD COLUMN year INT;', 'SELECT 1;'],
        '006_tags': ['CREATE TABLE tags (id INT PRIMARY KEY, label TEXT);', 'CREATE TABLE tags (id INT PRIMARY KEY);'],
        '007_drop_tags': ['DROP TABLE tags;', 'DROP TABLE tags;'],
        '008_tags_again': ['CREATE TABLE tags (id INT PRIMARY KEY, label TEXT);', 'CREATE TABLE tags (id INT PRIMARY KEY);'],
      }),
    ).filter((f) => f.file.includes('/postgres/'));
    assert.deepEqual(found.map((f) => `${f.file.slice(ROOT.length + 1)}: ${f.message}`), [
      'postgres/002_year.up.sql: column `movies.year` exists here but not in `mysql/` after version 002.',
      'postgres/005_year_again.up.sql: column `movies.year` exists here but not in `mysql/` after version 005.',
      'postgres/006_tags.up.sql: column `tags.label` exists here but not in `mysql/` after version 006.',
      'postgres/008_tags_again.up.sql: column `tags.label` exists here but not in `mysql/` after version 008.',
    ]);
  });
});

describe('parity on the framework fixtures', () => {
  const fixtures = normalizePath(resolve('test/fixtures/frameworks'));
  // Analysed on first use: the parsers are loaded by the `before` hook, after this body ran.
  let analysis: Analysis | undefined;
  const analyzed = () => (analysis ??= analyze([fixtures], createNodeFileHost()));
  const parityOf = (framework: string) =>
    analyzed().findings.filter((f) => f.rule.startsWith('sibling-') && f.file.startsWith(`${fixtures}/${framework}/`)).map((f) => `${f.rule} ${f.file.slice(fixtures.length + 1)}:${f.range.start.line + 1}: ${f.message}`);

  it('pairs the postgres/ and mysql/ trees, and not separate apps side by side', () => {
    const paired = analyzed().sets.filter((set) => set.siblings.length > 0).map((set) => set.root.slice(fixtures.length + 1)).sort();
    assert.deepEqual(paired, ['golang-migrate/mysql', 'golang-migrate/postgres', 'goose/mysql', 'goose/postgres']);
  });

  it('stays quiet on every fixture: the paired trees define the same schema', () => {
    for (const framework of ['golang-migrate', 'goose', 'dbmate', 'sql-migrate', 'prisma', 'flyway']) assert.deepEqual(parityOf(framework), [], framework);
  });
});
