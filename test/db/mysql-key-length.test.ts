// mysql-index-key-too-long against the real MariaDB that scripts/test.mjs starts: every statement
// the rule calls an error, MariaDB refuses; every statement MariaDB refuses, the rule reports at
// the key; a key MariaDB accepts only by hashing or shortening it is a warning; the rest stay quiet.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testServerUrl } from '../support/databases/environment.js';
import { checkSql, findingsOf } from '../unit/rules/helpers.js';
import { scratchDatabase, serverRefusal } from './mariadb-scratch.js';

const server = testServerUrl('mysql');
const UTF8MB4 = 'DEFAULT CHARSET=utf8mb4';

interface Case {
  /** Statements before the one judged. */
  setup?: string[];
  sql: string;
  refused: boolean;
  finding: 'error' | 'warning' | 'none';
}

const CASES: Case[] = [
  // Over 3,072 bytes: a primary key and an index of several columns are refused.
  { sql: `CREATE TABLE k (s VARCHAR(1000), PRIMARY KEY (s)) ${UTF8MB4}`, refused: true, finding: 'error' },
  { sql: `CREATE TABLE k (s VARCHAR(1000) NOT NULL PRIMARY KEY) ${UTF8MB4}`, refused: true, finding: 'error' },
  { sql: `CREATE TABLE k (id INT, s VARCHAR(1000), PRIMARY KEY (id, s)) ${UTF8MB4}`, refused: true, finding: 'error' },
  { sql: `CREATE TABLE k (a VARCHAR(500), b VARCHAR(500), KEY (a, b)) ${UTF8MB4}`, refused: true, finding: 'error' },
  { sql: `CREATE TABLE k (s VARCHAR(300), a VARCHAR(300), b VARCHAR(300), KEY (s, a, b)) ${UTF8MB4}`, refused: true, finding: 'error' },
  { setup: [`CREATE TABLE k (id INT PRIMARY KEY, a VARCHAR(500), b VARCHAR(500)) ${UTF8MB4}`], sql: 'CREATE INDEX k_ab ON k (a, b)', refused: true, finding: 'error' },
  { setup: [`CREATE TABLE k (id INT PRIMARY KEY, a VARCHAR(500), b VARCHAR(500)) ${UTF8MB4}`], sql: 'ALTER TABLE k ADD INDEX k_ab (a, b)', refused: true, finding: 'error' },
  { setup: [`CREATE TABLE k (id INT, s VARCHAR(1000)) ${UTF8MB4}`], sql: 'ALTER TABLE k ADD PRIMARY KEY (s)', refused: true, finding: 'error' },
  { setup: [`CREATE TABLE k (id INT) ${UTF8MB4}`], sql: 'ALTER TABLE k ADD COLUMN s VARCHAR(1000) NOT NULL PRIMARY KEY', refused: true, finding: 'error' },
  // The table's character set set later, or by its collation, counts.
  { setup: ['CREATE TABLE k (id INT) DEFAULT CHARSET=latin1', 'ALTER TABLE k DEFAULT CHARSET=utf8mb4', 'ALTER TABLE k ADD COLUMN s VARCHAR(1000)'], sql: 'ALTER TABLE k ADD PRIMARY KEY (s)', refused: true, finding: 'error' },
  { sql: 'CREATE TABLE k (s VARCHAR(1000) COLLATE utf8mb4_bin, PRIMARY KEY (s))', refused: true, finding: 'error' },
  { setup: ['CREATE TABLE k (id INT, s VARCHAR(1000)) DEFAULT CHARSET=latin1', 'ALTER TABLE k CONVERT TO CHARACTER SET utf8mb4'], sql: 'ALTER TABLE k ADD PRIMARY KEY (s)', refused: true, finding: 'error' },
  // COMPACT and REDUNDANT rows: 767 bytes per key column, whatever the key.
  { sql: `CREATE TABLE k (s VARCHAR(255), UNIQUE KEY (s)) ROW_FORMAT=COMPACT ${UTF8MB4}`, refused: true, finding: 'error' },
  { sql: `CREATE TABLE k (s VARCHAR(255), KEY (s)) ROW_FORMAT=COMPACT ${UTF8MB4}`, refused: true, finding: 'error' },
  { sql: `CREATE TABLE k (s CHAR(255), KEY (s)) ROW_FORMAT=REDUNDANT ${UTF8MB4}`, refused: true, finding: 'error' },
  { setup: [`CREATE TABLE k (id INT PRIMARY KEY, s VARCHAR(255)) ${UTF8MB4}`, 'ALTER TABLE k ROW_FORMAT=COMPACT'], sql: 'CREATE INDEX k_s ON k (s)', refused: true, finding: 'error' },
  { sql: `CREATE TABLE k (s VARCHAR(191), KEY (s)) ROW_FORMAT=COMPACT ${UTF8MB4}`, refused: false, finding: 'none' },
  // Without a character set in the migrations the database's default decides (utf8mb4 here): a warning.
  { sql: 'CREATE TABLE k (s VARCHAR(1000), PRIMARY KEY (s))', refused: true, finding: 'warning' },
  // Accepted, but not as written: MariaDB hashes a long unique key and shortens a long one-column index.
  { sql: `CREATE TABLE k (s VARCHAR(1000), UNIQUE KEY (s)) ${UTF8MB4}`, refused: false, finding: 'warning' },
  { sql: `CREATE TABLE k (a VARCHAR(500), b VARCHAR(500), UNIQUE KEY (a, b)) ${UTF8MB4}`, refused: false, finding: 'warning' },
  { sql: `CREATE TABLE k (s VARCHAR(1000), KEY (s)) ${UTF8MB4}`, refused: false, finding: 'warning' },
  { setup: [`CREATE TABLE k (id INT PRIMARY KEY, s VARCHAR(1000)) ${UTF8MB4}`], sql: 'CREATE UNIQUE INDEX k_s ON k (s)', refused: false, finding: 'warning' },
  // A column of an existing key widened, or its table converted to a wider character set: the key is weighed again.
  { setup: [`CREATE TABLE k (s VARCHAR(255) NOT NULL PRIMARY KEY) ${UTF8MB4}`], sql: 'ALTER TABLE k MODIFY s VARCHAR(1000) NOT NULL', refused: true, finding: 'error' },
  { setup: [`CREATE TABLE k (s VARCHAR(255) NOT NULL PRIMARY KEY) ${UTF8MB4}`], sql: 'ALTER TABLE k CHANGE s t VARCHAR(1000) NOT NULL', refused: true, finding: 'error' },
  { setup: [`CREATE TABLE k (a VARCHAR(255), b VARCHAR(255), KEY k_ab (a, b)) ${UTF8MB4}`], sql: 'ALTER TABLE k MODIFY a VARCHAR(600)', refused: true, finding: 'error' },
  { setup: [`CREATE TABLE k (s VARCHAR(255), UNIQUE KEY k_s (s)) ${UTF8MB4}`], sql: 'ALTER TABLE k MODIFY s VARCHAR(1000)', refused: false, finding: 'warning' },
  { setup: [`CREATE TABLE k (s VARCHAR(255), KEY k_s (s)) ${UTF8MB4}`], sql: 'ALTER TABLE k MODIFY s VARCHAR(1000)', refused: false, finding: 'warning' },
  { setup: [`CREATE TABLE k (s VARCHAR(255), KEY k_s (s(100))) ${UTF8MB4}`], sql: 'ALTER TABLE k MODIFY s VARCHAR(1000)', refused: false, finding: 'none' },
  { setup: ['CREATE TABLE k (s VARCHAR(1000) NOT NULL PRIMARY KEY) DEFAULT CHARSET=latin1'], sql: 'ALTER TABLE k CONVERT TO CHARACTER SET utf8mb4', refused: true, finding: 'error' },
  { setup: [`CREATE TABLE k (s VARCHAR(255) NOT NULL PRIMARY KEY) ${UTF8MB4}`], sql: 'ALTER TABLE k MODIFY s VARCHAR(700) NOT NULL', refused: false, finding: 'none' },
  { setup: [`CREATE TABLE k (s VARCHAR(255), KEY k_s (s)) ROW_FORMAT=COMPACT DEFAULT CHARSET=latin1`], sql: 'ALTER TABLE k MODIFY s VARCHAR(255) CHARACTER SET utf8mb4', refused: true, finding: 'error' },
  { setup: [`CREATE TABLE k (s VARCHAR(255), KEY k_s (s)) ${UTF8MB4}`], sql: 'ALTER TABLE k ROW_FORMAT=COMPACT', refused: true, finding: 'error' },
  // Within the limits.
  { sql: `CREATE TABLE k (s VARCHAR(768), KEY (s)) ${UTF8MB4}`, refused: false, finding: 'none' },
  { sql: `CREATE TABLE k (s VARCHAR(1000), PRIMARY KEY (s(768))) ${UTF8MB4}`, refused: false, finding: 'none' },
  { sql: `CREATE TABLE k (a VARCHAR(1000), b VARCHAR(1000), KEY (a(300), b(300))) ${UTF8MB4}`, refused: false, finding: 'none' },
  { sql: 'CREATE TABLE k (s VARCHAR(1000) CHARACTER SET ascii, PRIMARY KEY (s))', refused: false, finding: 'none' },
  { sql: 'CREATE TABLE k (s VARCHAR(2000), PRIMARY KEY (s)) DEFAULT CHARSET=latin1', refused: false, finding: 'none' },
  { sql: `CREATE TABLE k (s VARBINARY(3000), PRIMARY KEY (s)) ${UTF8MB4}`, refused: false, finding: 'none' },
  { sql: `CREATE TABLE k (id BIGINT, t TEXT, KEY (t(100))) ${UTF8MB4}`, refused: false, finding: 'none' },
  { sql: `CREATE TABLE k (s VARCHAR(1000), UNIQUE KEY (s)) ENGINE=MyISAM ${UTF8MB4}`, refused: false, finding: 'none' },
];

describe('mysql-index-key-too-long agrees with MariaDB', { skip: server.skip }, () => {
  const database = scratchDatabase(server.url, 'key_length');

  for (const entry of CASES) {
    const verdict = entry.refused ? 'MariaDB refuses it' : 'MariaDB runs it';
    test(`${entry.finding === 'none' ? 'quiet' : `${entry.finding}`}, and ${verdict}: ${[...(entry.setup ?? []), entry.sql].join('; ')}`, async () => {
      const refusal = await serverRefusal(database.connection(), 'k', entry.setup ?? [], entry.sql);
      assert.equal(refusal !== undefined, entry.refused, refusal ?? 'MariaDB ran it');
      const text = [...(entry.setup ?? []), entry.sql].join(';\n');
      const findings = findingsOf(checkSql(`${text};\n`, 'mariadb'), 'mysql-index-key-too-long');
      const statementStart = text.length - entry.sql.length;
      assert.deepEqual(
        findings.map((finding) => [finding.severity, finding.range.start.line]),
        entry.finding === 'none' ? [] : [[entry.finding, text.slice(0, statementStart).split('\n').length - 1]],
        findings.map((finding) => finding.message).join('\n'),
      );
    });
  }
});
