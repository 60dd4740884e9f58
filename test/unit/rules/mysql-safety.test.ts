// The MySQL/MariaDB rules that judge locks and data on existing tables.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initEngine } from '../../../server/src/engine/analyze.js';
import { check, findingsOf, statementRuleTable } from './helpers.js';

const MOVIES = "CREATE TABLE movies (id INT PRIMARY KEY, title VARCHAR(100) NOT NULL, genre ENUM('drama','comedy','horror'));";

/** Two migrations: the table exists before `sql` runs. */
function afterSetup(sql: string, dialect: 'mysql' | 'mariadb', setup = MOVIES) {
  return check({ '001_setup.sql': setup, '002_change.sql': sql }, { dialect });
}

function ruleOnExistingTable(rule: string, cases: { fires: [string, RegExp][]; quiet: string[]; setup?: string }): void {
  describe(`${rule} (existing table)`, () => {
    it('loads the parsers', async () => {
      await initEngine();
    });
    for (const dialect of ['mysql', 'mariadb'] as const) {
      for (const [sql, message] of cases.fires) {
        it(`fires (${dialect}): ${sql}`, () => {
          const found = findingsOf(afterSetup(sql, dialect, cases.setup), rule);
          assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
          assert.match(found[0].message, message);
        });
      }
      for (const sql of cases.quiet) {
        it(`stays quiet (${dialect}): ${sql}`, () => {
          assert.deepEqual(findingsOf(afterSetup(sql, dialect, cases.setup), rule).map((f) => f.message), []);
        });
      }
    }
  });
}

ruleOnExistingTable('mysql-alter-blocks-writes', {
  fires: [
    ['ALTER TABLE movies MODIFY title TEXT NOT NULL', /Changing a column type copies the table\. On `movies` \(created in 001_setup\.sql\) this statement takes ALGORITHM=COPY, LOCK=SHARED on `movies`: blocks writes/],
    ['ALTER TABLE movies DROP PRIMARY KEY', /Dropping a primary key .*ALGORITHM=COPY/],
    ['ALTER TABLE movies ADD FULLTEXT INDEX ft_title (title)', /FULLTEXT index blocks writes/],
    ['ALTER TABLE movies CONVERT TO CHARACTER SET utf8mb4', /CONVERT TO CHARACTER SET/],
    ['ALTER TABLE movies ADD COLUMN director_id INT, ADD FOREIGN KEY (director_id) REFERENCES movies (id)', /foreign key copies the table/],
  ],
  quiet: [
    'ALTER TABLE movies ADD COLUMN rating INT',
    'ALTER TABLE movies MODIFY title VARCHAR(100) NOT NULL DEFAULT \'\'',
    "ALTER TABLE movies MODIFY genre ENUM('drama','comedy','horror','noir')",
    'CREATE INDEX idx_title ON movies (title)',
    'ALTER TABLE movies DROP PRIMARY KEY, ADD PRIMARY KEY (id, title)',
    // Reported by mysql-locking-algorithm-clause instead.
    'ALTER TABLE movies MODIFY title TEXT NOT NULL, ALGORITHM=COPY',
    // With the checks off the foreign key is added in place, without reading the rows (Radarr's 010 down).
    'SET FOREIGN_KEY_CHECKS = 0;\nALTER TABLE movies ADD COLUMN director_id INT, ADD FOREIGN KEY (director_id) REFERENCES movies (id);\nSET FOREIGN_KEY_CHECKS = 1',
  ],
});

ruleOnExistingTable('mysql-adding-required-column', {
  fires: [['ALTER TABLE movies ADD COLUMN plan VARCHAR(20) NOT NULL', /New column `plan` on `movies` \(created in 001_setup\.sql\) is NOT NULL with no DEFAULT/]],
  quiet: [
    "ALTER TABLE movies ADD COLUMN plan VARCHAR(20) NOT NULL DEFAULT 'free'",
    'ALTER TABLE movies ADD COLUMN plan VARCHAR(20) NULL',
    'ALTER TABLE movies ADD COLUMN title_length INT AS (CHAR_LENGTH(title)) STORED NOT NULL',
    'CREATE TABLE plans (id INT); ALTER TABLE plans ADD COLUMN name VARCHAR(20) NOT NULL',
  ],
});

ruleOnExistingTable('mysql-enum-values-changed', {
  fires: [
    ["ALTER TABLE movies MODIFY genre ENUM('drama','comedy')", /Removes 'horror' from `genre`/],
    ["ALTER TABLE movies MODIFY genre ENUM('comedy','drama','horror')", /Reorders the values of `genre` \(was 'drama', 'comedy', 'horror'\)/],
    ["ALTER TABLE movies CHANGE genre kind ENUM('drama','noir','comedy','horror')", /Reorders/],
  ],
  quiet: ["ALTER TABLE movies MODIFY genre ENUM('drama','comedy','horror','noir')", "ALTER TABLE movies MODIFY genre ENUM('drama','comedy','horror') NOT NULL"],
});

ruleOnExistingTable('mysql-drop-index-needed-by-foreign-key', {
  setup:
    'CREATE TABLE authors (id INT PRIMARY KEY);\n' +
    'CREATE TABLE books (id INT PRIMARY KEY, author_id INT, INDEX idx_author (author_id), CONSTRAINT fk_books_author FOREIGN KEY (author_id) REFERENCES authors (id));',
  fires: [
    ['ALTER TABLE books DROP INDEX idx_author', /`idx_author` is the only index on `books` that serves foreign key `fk_books_author` \(author_id\): the server refuses/],
    ['DROP INDEX idx_author ON books', /error 1553/],
  ],
  quiet: [
    'ALTER TABLE books DROP FOREIGN KEY fk_books_author, DROP INDEX idx_author',
    'ALTER TABLE books ADD INDEX idx_author_id (author_id, id), DROP INDEX idx_author',
    'ALTER TABLE books ADD COLUMN title VARCHAR(100)',
  ],
});

describe('mysql-multiple-ddl-in-migration', () => {
  const rules = { 'mysql-multiple-ddl-in-migration': 'info' } as const;
  it('is opt-in', async () => {
    await initEngine();
    assert.deepEqual(findingsOf(check({ '001_a.sql': 'CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);' }, { dialect: 'mysql' }), 'mysql-multiple-ddl-in-migration'), []);
  });
  for (const dialect of ['mysql', 'mariadb'] as const) {
    it(`fires on the second DDL statement (${dialect})`, async () => {
      await initEngine();
      const found = findingsOf(check({ '001_a.sql': 'CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);\nALTER TABLE a ADD COLUMN b INT;' }, { dialect, rules }), 'mysql-multiple-ddl-in-migration');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /runs 2 DDL statements; MySQL commits after each one/);
      assert.equal(found[0].range.start.line, 2);
    });
    it(`stays quiet with one DDL statement and data changes (${dialect})`, () => {
      const analysis = check({ '001_a.sql': 'CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);', '002_b.sql': 'ALTER TABLE a ADD COLUMN b INT;' }, { dialect, rules });
      assert.deepEqual(findingsOf(analysis, 'mysql-multiple-ddl-in-migration'), []);
    });
  }
  it('stays quiet for PostgreSQL, whose DDL is transactional', () => {
    assert.deepEqual(findingsOf(check({ '001_a.sql': 'CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);' }, { dialect: 'postgres', rules }), 'mysql-multiple-ddl-in-migration'), []);
  });
});

statementRuleTable('mysql-locking-algorithm-clause', {
  valid: [
    { sql: 'ALTER TABLE movies ADD INDEX idx_title (title), ALGORITHM=INPLACE, LOCK=NONE', dialect: 'mysql' },
    { sql: 'CREATE INDEX idx_title ON movies (title) ALGORITHM=INSTANT', dialect: 'mariadb' },
    { sql: 'CREATE TABLE movies (id INT); ALTER TABLE movies ADD INDEX i (id), ALGORITHM=COPY', dialect: 'mysql' },
    { sql: 'LOCK TABLES movies WRITE', dialect: 'mysql' },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE movies ADD INDEX idx_title (title), ALGORITHM=COPY, LOCK=SHARED',
      dialect: 'mysql',
      messages: [/`ALGORITHM=COPY` copies the whole table and blocks writes/, /`LOCK=SHARED` blocks writes until it finishes; ask for `LOCK=NONE`/],
      fixed: 'ALTER TABLE movies ADD INDEX idx_title (title), ALGORITHM=INPLACE, LOCK=NONE',
    },
    { sql: 'CREATE INDEX idx_title ON movies (title) LOCK = EXCLUSIVE', dialect: 'mariadb', messages: [/blocks reads and writes/], fixed: 'CREATE INDEX idx_title ON movies (title) LOCK = NONE' },
    { sql: 'DROP INDEX idx_title ON movies ALGORITHM=COPY', dialect: 'mysql', fixed: 'DROP INDEX idx_title ON movies ALGORITHM=INPLACE' },
  ],
});
