// describeLock per dialect: the lock mode, what it blocks and the sentence findings append.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { describeLock, type LockInfo } from '../../../server/src/engine/locks/index.js';
import type { Dialect } from '../../../server/src/engine/model/source.js';
import { initParsers, parseStatements } from '../../../server/src/engine/parse/index.js';
import { replaySql } from '../schema/support.js';

/** The lock of `sql`'s only statement, with the schema `setup` leaves as the schema before it. */
async function lockOf(dialect: Dialect, sql: string, setup?: string): Promise<LockInfo | undefined> {
  const statements = parseStatements(sql, { start: 0, end: sql.length }, dialect);
  assert.equal(statements.length, 1, sql);
  const change = statements[0].change;
  assert.ok(change, statements[0].syntaxError?.message);
  const schemaBefore = setup ? (await replaySql(dialect, [{ version: '001', up: setup }])).replay.final() : undefined;
  return describeLock(change, dialect, { text: sql, schemaBefore });
}

before(async () => {
  await initParsers();
});

describe('PostgreSQL locks', () => {
  const cases: [sql: string, mode: string, blocks: LockInfo['blocks'], work: LockInfo['work']][] = [
    ['ALTER TABLE movies ADD COLUMN rating int', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'metadata'],
    ['ALTER TABLE movies ADD COLUMN id uuid DEFAULT gen_random_uuid()', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'rebuild'],
    ['ALTER TABLE movies ALTER COLUMN title TYPE text', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'rebuild'],
    ['ALTER TABLE movies ALTER COLUMN title SET NOT NULL', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'scan'],
    ['ALTER TABLE movies ADD CONSTRAINT fk FOREIGN KEY (director_id) REFERENCES directors (id)', 'SHARE ROW EXCLUSIVE', 'writes', 'scan'],
    ['ALTER TABLE movies ADD CONSTRAINT fk FOREIGN KEY (director_id) REFERENCES directors (id) NOT VALID', 'SHARE ROW EXCLUSIVE', 'writes', 'metadata'],
    ['ALTER TABLE movies VALIDATE CONSTRAINT fk', 'SHARE UPDATE EXCLUSIVE', 'nothing', 'scan'],
    ['ALTER TABLE movies ADD CONSTRAINT movies_title_key UNIQUE (title)', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'index-build'],
    ['ALTER TABLE movies SET (fillfactor = 70)', 'SHARE UPDATE EXCLUSIVE', 'nothing', 'metadata'],
    ['ALTER TABLE movies SET TABLESPACE fast', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'rebuild'],
    ['CREATE INDEX movies_title ON movies (title)', 'SHARE', 'writes', 'index-build'],
    ['CREATE INDEX CONCURRENTLY movies_title ON movies (title)', 'SHARE UPDATE EXCLUSIVE', 'nothing', 'index-build'],
    ['DROP INDEX CONCURRENTLY movies_title', 'SHARE UPDATE EXCLUSIVE', 'nothing', 'metadata'],
    ['DROP TABLE movies', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'metadata'],
    ['TRUNCATE movies', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'metadata'],
    ['UPDATE movies SET rating = 0', 'ROW EXCLUSIVE', 'nothing', 'scan'],
    ['CREATE TRIGGER t BEFORE UPDATE ON movies FOR EACH ROW EXECUTE FUNCTION f()', 'SHARE ROW EXCLUSIVE', 'writes', 'metadata'],
    ['REFRESH MATERIALIZED VIEW CONCURRENTLY top_movies', 'EXCLUSIVE', 'writes', 'rebuild'],
    ['REFRESH MATERIALIZED VIEW top_movies', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'rebuild'],
    ['ALTER TABLE movies ALTER COLUMN title SET (n_distinct = 100)', 'SHARE UPDATE EXCLUSIVE', 'nothing', 'metadata'],
    ['REINDEX INDEX movies_title', 'SHARE', 'writes', 'index-build'],
    ['REINDEX (CONCURRENTLY) INDEX movies_title', 'SHARE UPDATE EXCLUSIVE', 'nothing', 'index-build'],
    ['REINDEX (CONCURRENTLY false) INDEX movies_title', 'SHARE', 'writes', 'index-build'],
    ['REINDEX (CONCURRENTLY off) TABLE movies', 'SHARE', 'writes', 'index-build'],
    ['VACUUM FULL movies', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'rebuild'],
    ['VACUUM (FULL true) movies', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'rebuild'],
    ['VACUUM (FULL false) movies', 'SHARE UPDATE EXCLUSIVE', 'nothing', 'scan'],
    ['VACUUM movies', 'SHARE UPDATE EXCLUSIVE', 'nothing', 'scan'],
    ['CLUSTER movies USING movies_pkey', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'rebuild'],
    ['LOCK TABLE movies', 'ACCESS EXCLUSIVE', 'reads-and-writes', 'metadata'],
    ['LOCK TABLE movies IN EXCLUSIVE MODE', 'EXCLUSIVE', 'writes', 'metadata'],
    ['LOCK TABLE movies IN SHARE MODE', 'SHARE', 'writes', 'metadata'],
    ['LOCK TABLE movies IN SHARE UPDATE EXCLUSIVE MODE', 'SHARE UPDATE EXCLUSIVE', 'nothing', 'metadata'],
    ['LOCK TABLE movies IN ROW EXCLUSIVE MODE', 'ROW EXCLUSIVE', 'nothing', 'metadata'],
    ['LOCK TABLE movies IN ACCESS SHARE MODE', 'ACCESS SHARE', 'nothing', 'metadata'],
  ];
  for (const [sql, mode, blocks, work] of cases) {
    it(`${sql} → ${mode}`, async () => {
      const found = await lockOf('postgres', sql);
      assert.deepEqual(found && { mode: found.mode, blocks: found.blocks, work: found.work }, { mode, blocks, work });
    });
  }

  it('names the table a REINDEX INDEX locks when the schema knows it', async () => {
    assert.equal((await lockOf('postgres', 'REINDEX INDEX movies_title', 'CREATE TABLE movies (title text);\nCREATE INDEX movies_title ON movies (title);'))?.target, '`movies`');
    assert.equal((await lockOf('postgres', 'REINDEX INDEX movies_title'))?.target, 'the table of index `movies_title`');
  });

  it('says what it blocks in one sentence', async () => {
    assert.equal((await lockOf('postgres', 'ALTER TABLE movies DROP COLUMN rating'))?.sentence, 'takes ACCESS EXCLUSIVE on `movies`: blocks reads and writes until it finishes');
    assert.equal((await lockOf('postgres', 'CREATE INDEX i ON movies (title)'))?.sentence, 'takes SHARE on `movies`: blocks writes until it finishes (reads continue); it builds an index over the whole table');
  });

  it('takes the strongest lock of several actions', async () => {
    const found = await lockOf('postgres', 'ALTER TABLE movies VALIDATE CONSTRAINT fk, ALTER COLUMN title TYPE text');
    assert.equal(found?.mode, 'ACCESS EXCLUSIVE');
    assert.equal(found?.work, 'rebuild');
  });

  it('knows a binary-compatible type change does not rewrite', async () => {
    const found = await lockOf('postgres', 'ALTER TABLE movies ALTER COLUMN title TYPE varchar(200)', 'CREATE TABLE movies (title varchar(100));');
    assert.equal(found?.work, 'metadata');
  });

  it('locks the referenced table of a new table’s foreign key, and nothing else', async () => {
    assert.equal((await lockOf('postgres', 'CREATE TABLE reviews (movie_id int REFERENCES movies (id))'))?.target, '`movies`');
    assert.equal(await lockOf('postgres', 'CREATE TABLE reviews (id int)'), undefined);
  });

  it('finds the table of a dropped index in the schema', async () => {
    const found = await lockOf('postgres', 'DROP INDEX movies_title', 'CREATE TABLE movies (title text); CREATE INDEX movies_title ON movies (title);');
    assert.equal(found?.sentence, 'takes ACCESS EXCLUSIVE on `movies`: blocks reads and writes until it finishes');
  });
});

describe('MySQL and MariaDB online DDL', () => {
  const setup = "CREATE TABLE movies (id int PRIMARY KEY, title varchar(100) NOT NULL, genre enum('drama','comedy'), note varchar(20));";
  const cases: [sql: string, algorithm: LockInfo['algorithm'], blocks: LockInfo['blocks']][] = [
    ['ALTER TABLE movies ADD COLUMN rating int', 'instant', 'nothing'],
    ['ALTER TABLE movies DROP COLUMN note', 'instant', 'nothing'],
    ['ALTER TABLE movies RENAME COLUMN note TO remark', 'instant', 'nothing'],
    ['ALTER TABLE movies MODIFY title varchar(100) NOT NULL', 'instant', 'nothing'],
    ['ALTER TABLE movies MODIFY title text NOT NULL', 'copy', 'writes'],
    ['ALTER TABLE movies MODIFY title varchar(100) NULL', 'inplace', 'nothing'],
    ["ALTER TABLE movies MODIFY genre enum('drama','comedy','horror')", 'instant', 'nothing'],
    ["ALTER TABLE movies MODIFY genre enum('comedy','drama')", 'copy', 'writes'],
    ['ALTER TABLE movies MODIFY note varchar(40)', 'instant', 'nothing'],
    ['ALTER TABLE movies ADD INDEX movies_title (title)', 'inplace', 'nothing'],
    ['CREATE INDEX movies_title ON movies (title)', 'inplace', 'nothing'],
    ['ALTER TABLE movies ADD FULLTEXT INDEX ft (title)', 'inplace', 'writes'],
    ['ALTER TABLE movies DROP PRIMARY KEY', 'copy', 'writes'],
    ['ALTER TABLE movies DROP PRIMARY KEY, ADD PRIMARY KEY (id, title)', 'inplace', 'nothing'],
    ['ALTER TABLE movies ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES directors (id)', 'copy', 'writes'],
    ['ALTER TABLE movies CONVERT TO CHARACTER SET utf8mb4', 'copy', 'writes'],
    ['ALTER TABLE movies ADD COLUMN x int, ALGORITHM=COPY', 'copy', 'writes'],
    ['ALTER TABLE movies ADD INDEX i (title), LOCK=EXCLUSIVE', 'inplace', 'reads-and-writes'],
  ];
  for (const dialect of ['mysql', 'mariadb'] as const) {
    for (const [sql, algorithm, blocks] of cases) {
      it(`${dialect}: ${sql} → ${algorithm}`, async () => {
        const found = await lockOf(dialect, sql, setup);
        assert.deepEqual(found && { algorithm: found.algorithm, blocks: found.blocks }, { algorithm, blocks });
      });
    }
  }

  it('says what a copy blocks and warns about the metadata lock', async () => {
    const found = await lockOf('mysql', 'ALTER TABLE movies MODIFY title text NOT NULL', setup);
    assert.equal(found?.sentence, 'takes ALGORITHM=COPY, LOCK=SHARED on `movies`: blocks writes until it finishes (reads continue); it copies the whole table row by row');
    assert.ok(found?.notes.some((note) => note.includes('metadata lock')));
  });

  it('marks a type change it cannot see as an assumption', async () => {
    const found = await lockOf('mysql', 'ALTER TABLE movies MODIFY title text');
    assert.equal(found?.algorithm, 'copy');
    assert.match(found?.assumption ?? '', /previous definition of `title` is unknown/);
  });

  it('notes where MariaDB differs', async () => {
    const found = await lockOf('mariadb', 'ALTER TABLE movies MODIFY title text NOT NULL', setup);
    assert.ok(found?.notes.some((note) => note.includes('MariaDB 11.2')));
  });

  it('describes DROP TABLE as an exclusive metadata lock', async () => {
    assert.equal((await lockOf('mysql', 'DROP TABLE movies'))?.sentence, 'takes an exclusive metadata lock on `movies`: blocks reads and writes until it finishes');
  });
});
