// mysql-syntax-in-mariadb against the real MariaDB that scripts/test.mjs starts: every construct
// the rule reports, MariaDB rejects; every rewrite it suggests, MariaDB runs and the rule leaves
// alone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testServerUrl } from '../support/databases/environment.js';
import { checkSql, findingsOf } from '../unit/rules/helpers.js';
import { scratchDatabase, serverRefusal } from './mariadb-scratch.js';

const server = testServerUrl('mysql');
const SETUP = ['CREATE TABLE u (id binary(16), doc longtext, name varchar(20))', 'CREATE INDEX u_name ON u (name)'];

const REJECTED = [
  'SELECT BIN_TO_UUID(id) FROM u',
  "INSERT INTO u (id) VALUES (UUID_TO_BIN('3f06af63-a93c-11e4-9797-00505690773f'))",
  "SELECT REGEXP_LIKE(name, '^a') FROM u",
  "SELECT doc->>'$.name' FROM u",
  "SELECT doc->'$.name' FROM u",
  'DROP INDEX u_name ON u LOCK = NONE',
  'DROP INDEX u_name ON u ALGORITHM = INPLACE',
  'CREATE TABLE pages (id int, offset int)',
  'ALTER TABLE u ADD COLUMN offset int',
];
const ACCEPTED = [
  "SELECT HEX(id), JSON_VALUE(doc, '$.name'), JSON_UNQUOTE(JSON_EXTRACT(doc, '$.name')) FROM u",
  "SELECT name REGEXP '^a' FROM u",
  'SELECT id - 1 > 0 FROM u',
  'ALTER TABLE u DROP INDEX u_name, LOCK = NONE',
  'CREATE TABLE pages (id int, `offset` int)',
  'SELECT name FROM u LIMIT 10 OFFSET 5',
];

describe('mysql-syntax-in-mariadb agrees with MariaDB', { skip: server.skip }, () => {
  const database = scratchDatabase(server.url, 'mariadb_dialect');
  const serverSays = (sql: string) => serverRefusal(database.connection(), 'u, pages', SETUP, sql);

  for (const sql of REJECTED) {
    test(`reported, and MariaDB rejects it: ${sql}`, async () => {
      assert.ok(await serverSays(sql), 'MariaDB ran it');
      assert.equal(findingsOf(checkSql(`${SETUP.join(';\n')};\n${sql};`, 'mariadb'), 'mysql-syntax-in-mariadb').length, 1);
    });
  }
  for (const sql of ACCEPTED) {
    test(`quiet, and MariaDB runs it: ${sql}`, async () => {
      assert.equal(await serverSays(sql), undefined);
      assert.deepEqual(findingsOf(checkSql(`${SETUP.join(';\n')};\n${sql};`, 'mariadb'), 'mysql-syntax-in-mariadb'), []);
    });
  }
});
