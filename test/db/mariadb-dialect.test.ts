// mysql-syntax-in-mariadb against the real MariaDB that scripts/test.mjs starts: every construct
// the rule reports, MariaDB rejects; every rewrite it suggests, MariaDB runs and the rule leaves
// alone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import { initEngine } from '../../server/src/engine/index.js';
import { testServerUrl } from '../support/databases/environment.js';
import { checkSql, findingsOf } from '../unit/rules/helpers.js';

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
  let connection: mysql.Connection;
  before(async () => {
    await initEngine();
    connection = await mysql.createConnection({ uri: server.url! });
    await connection.query('CREATE DATABASE IF NOT EXISTS mariadb_dialect');
    await connection.query('USE mariadb_dialect');
  });
  after(async () => {
    await connection?.query('DROP DATABASE IF EXISTS mariadb_dialect');
    await connection?.end();
  });

  /** Runs `sql` on a fresh table; the server's error, or undefined when it ran. */
  async function serverSays(sql: string): Promise<string | undefined> {
    await connection.query('DROP TABLE IF EXISTS u, pages');
    for (const statement of SETUP) await connection.query(statement);
    try {
      await connection.query(sql);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

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
