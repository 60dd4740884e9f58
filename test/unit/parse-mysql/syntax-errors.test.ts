// Syntax errors: a plain message, and a range over the offending token in file offsets, also
// after non-ASCII text (the helper puts 'añade índices 😀' before every statement).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from './helpers.js';

const CASES: { sql: string; dialect?: 'mysql' | 'mariadb'; token: string; message: RegExp }[] = [
  { sql: 'CREATE TABLE t (a JSONB, b int)', token: 'JSONB', message: /^syntax error near "JSONB": expected a data type$/ },
  { sql: 'CREATE TABLE t (a int,)', token: ')', message: /^syntax error near "\)": expected a column or constraint definition$/ },
  { sql: 'CRATE TABLE t (a int)', token: 'CRATE', message: /^syntax error near "CRATE": expected a statement/ },
  // A misspelled object after CREATE, ALTER or DROP is no statement we merely do not track.
  { sql: 'CREATE TABEL b (id int)', token: 'TABEL', message: /^syntax error near "TABEL"/ },
  { sql: 'ALTER TABEL c ADD COLUMN y int', token: 'TABEL', message: /^syntax error near "TABEL"/ },
  { sql: 'DROP TABEL c', token: 'TABEL', message: /^syntax error near "TABEL"/ },
  { sql: 'CREATE UNIQUE INDX i ON t (a)', token: 'INDX', message: /^syntax error near "INDX"/ },
  { sql: 'ALTER TABLE t ADD COLUMN', token: 'COLUMN', message: /^statement ends too early/ },
  { sql: 'CREATE TABLE t (a int) ENGNE=InnoDB', token: 'ENGNE', message: /^syntax error near "ENGNE"/ },
  { sql: "CREATE TABLE t (nombre varchar(10) DEFAULT 'ñandú' NOT NULL NOT)", token: 'NOT', message: /^syntax error near "NOT"/ },
  { sql: 'ALTER TABLE t ALTER COLUMN a SET NOTHING', token: 'NOTHING', message: /^syntax error near "NOTHING": expected DEFAULT, VISIBLE or INVISIBLE$/ },
  { sql: 'CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1', token: 'BEGIN SET NEW.a = 1', message: /BEGIN … END block is not closed/ },
  { sql: 'CREATE TRIGGER trg WHENEVER INSERT ON t FOR EACH ROW SET NEW.a = 1', token: 'WHENEVER', message: /expected BEFORE or AFTER$/ },
  // MySQL parses a body when it creates the trigger or routine (test/db/mysql-routine-bodies.test.ts).
  { sql: 'CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW BEGIN IF NEW.a > 0 THEN UPDAET u SET a = 1; END IF; END', token: 'UPDAET', message: /^syntax error near "UPDAET": no statement starts with it \(in the trigger body\)/ },
  { sql: 'CREATE PROCEDURE p() BEGIN UPDATE u SET a = 1 WHEREE id = 2; END', token: 'WHEREE', message: /^syntax error near "WHEREE"/ },
  { sql: 'COMMIT NOW', token: 'NOW', message: /^syntax error near "NOW": expected the end of the statement$/ },
  { sql: 'SET sql_mode', token: 'sql_mode', message: /^statement ends too early: expected "="$/ },
  { sql: 'CREATE TABLE t (a uuid)', token: 'uuid', message: /^syntax error near "uuid": expected a data type$/ },
  // MariaDB-only syntax in a MySQL tree is named as such.
  { sql: 'ALTER TABLE t ADD COLUMN IF NOT EXISTS x int', token: 'IF NOT EXISTS', message: /^"IF NOT EXISTS" is MariaDB syntax; MySQL does not accept it here$/ },
  { sql: 'ALTER TABLE t DROP COLUMN IF EXISTS x', token: 'IF EXISTS', message: /MariaDB syntax/ },
  { sql: 'CREATE OR REPLACE TABLE t (a int)', token: 'OR REPLACE', message: /MariaDB syntax/ },
  { sql: 'DROP INDEX IF EXISTS i ON t', token: 'IF EXISTS', message: /MariaDB syntax/ },
  { sql: 'CREATE TABLE t (a jsonb)', dialect: 'mariadb', token: 'jsonb', message: /^syntax error near "jsonb": expected a data type$/ },
];

for (const { sql, dialect = 'mysql', token, message } of CASES) {
  test(`${dialect}: ${sql}`, () => {
    const result = parse(sql, dialect);
    assert.equal(result.change, undefined);
    assert.ok(result.syntaxError, 'expected a syntax error');
    assert.match(result.syntaxError.message, message);
    assert.equal(result.at(result.syntaxError.range), token);
  });
}

test('the error range is a UTF-16 file offset after astral and accented characters', () => {
  const result = parse(`CREATE TABLE 😀 (a JSONB)`);
  assert.ok(result.syntaxError);
  assert.equal(result.at(result.syntaxError.range), 'JSONB');
  assert.equal(result.syntaxError.range.start, result.file.indexOf('JSONB'));
  const afterString = parse(`CREATE TABLE t (a varchar(3) DEFAULT '😀ñ', b JSONB)`);
  assert.equal(afterString.at(afterString.syntaxError!.range), 'JSONB');
  const secondNot = parse("CREATE TABLE t (nombre varchar(10) DEFAULT 'ñandú' NOT NULL NOT)");
  assert.equal(secondNot.syntaxError!.range.start, secondNot.file.lastIndexOf('NOT'));
});
