// Statement splitting: every quoting and comment form, client directives, exact UTF-16 ranges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Dialect } from '../../../server/src/engine/model/source.js';
import { splitStatements } from '../../../server/src/engine/parse/split.js';
import { texts, whole } from './helpers.js';

function split(sql: string, dialect: Dialect = 'postgres'): string[] {
  return texts(sql, splitStatements(sql, whole(sql), dialect));
}

test('ranges exclude the semicolon and the blanks and comments around statements', () => {
  const sql = '\n  -- header\n\nCREATE TABLE a (id int);\n/* note */ DROP TABLE b ;\n\n-- trailing\n';
  const ranges = splitStatements(sql, whole(sql), 'postgres');
  assert.deepEqual(ranges, [
    { start: 14, end: 37 },
    { start: 50, end: 62 },
  ]);
  assert.deepEqual(texts(sql, ranges), ['CREATE TABLE a (id int)', 'DROP TABLE b']);
});

test('comment-only lines and empty statements create no statements', () => {
  assert.deepEqual(split('-- only a comment\n/* and another */\n;;\n'), []);
  assert.deepEqual(split('SELECT 1;;; SELECT 2'), ['SELECT 1', 'SELECT 2']);
});

test('offsets are UTF-16 code units after non-ASCII text', () => {
  const sql = "-- café 😀\nINSERT INTO t VALUES ('é😀;');SELECT 2";
  const ranges = splitStatements(sql, whole(sql), 'postgres');
  assert.deepEqual(ranges, [
    { start: 11, end: 40 },
    { start: 41, end: 49 },
  ]);
});

test('only the given region of the file is split', () => {
  const sql = '-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n';
  const down = { start: sql.indexOf('DROP'), end: sql.length };
  assert.deepEqual(texts(sql, splitStatements(sql, { start: 0, end: down.start }, 'postgres')), ['CREATE TABLE a (id int)']);
  assert.deepEqual(texts(sql, splitStatements(sql, down, 'postgres')), ['DROP TABLE a']);
});

test("single quotes with '' escapes hide semicolons", () => {
  assert.deepEqual(split("INSERT INTO t VALUES ('it''s; fine', ';');SELECT 1"), [
    "INSERT INTO t VALUES ('it''s; fine', ';')",
    'SELECT 1',
  ]);
});

test('double-quoted identifiers hide semicolons and "" escapes', () => {
  assert.deepEqual(split('CREATE TABLE "a;""b" (id int); SELECT 1'), ['CREATE TABLE "a;""b" (id int)', 'SELECT 1']);
});

test("E'' strings take backslash escapes; plain strings do not", () => {
  assert.deepEqual(split("SELECT E'it\\'s; \\\\';SELECT 'C:\\';SELECT 3"), [
    "SELECT E'it\\'s; \\\\'",
    "SELECT 'C:\\'",
    'SELECT 3',
  ]);
});

test('dollar-quoted bodies, with and without a tag, hide semicolons', () => {
  const fn = "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.a := 'x;';\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql";
  const tagged = 'DO $body$ BEGIN PERFORM $$;$$; END $body$';
  assert.deepEqual(split(`${fn};\n${tagged};\nSELECT $1, a$b$c FROM t`), [fn, tagged, 'SELECT $1, a$b$c FROM t']);
});

test('nested block comments hide semicolons', () => {
  assert.deepEqual(split('SELECT /* a; /* nested; */ still; */ 1; SELECT 2'), ['SELECT /* a; /* nested; */ still; */ 1', 'SELECT 2']);
});

test('line comments hide semicolons up to the end of the line', () => {
  assert.deepEqual(split('SELECT 1 -- not here;\n, 2;\nSELECT 3'), ['SELECT 1 -- not here;\n, 2', 'SELECT 3']);
});

test('an unterminated string runs to the end of the region', () => {
  assert.deepEqual(split("SELECT 1; SELECT 'oops; SELECT 2;"), ['SELECT 1', "SELECT 'oops; SELECT 2;"]);
});

test('goose StatementBegin/End keeps a block as one statement without its final semicolon', () => {
  const body = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nCOMMENT ON FUNCTION f() IS 'x'";
  const sql = `-- +goose Up\nCREATE TABLE a (id int);\n-- +goose StatementBegin\n${body};\n-- +goose StatementEnd\nSELECT 2;\n`;
  assert.deepEqual(split(sql), ['CREATE TABLE a (id int)', body, 'SELECT 2']);
});

test('sql-migrate StatementBegin/End works the same way', () => {
  const sql = '-- +migrate Up\n-- +migrate StatementBegin\nSELECT 1; SELECT 2;\n-- +migrate StatementEnd\nSELECT 3;';
  assert.deepEqual(split(sql), ['SELECT 1; SELECT 2', 'SELECT 3']);
});

test('BEGIN ATOMIC bodies (PostgreSQL 14+) are not split at their semicolons', () => {
  const fn = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END';
  assert.deepEqual(split(`${fn};\nBEGIN;\nCOMMIT`), [fn, 'BEGIN', 'COMMIT']);
});

test('MySQL backticks hide semicolons', () => {
  assert.deepEqual(split('CREATE TABLE `a;``b` (id int); SELECT 1', 'mysql'), ['CREATE TABLE `a;``b` (id int)', 'SELECT 1']);
});

test('MySQL strings take backslash escapes, in single and double quotes', () => {
  assert.deepEqual(split(`INSERT INTO t VALUES ('it\\'s;', "a\\";b");SELECT 1`, 'mysql'), [
    `INSERT INTO t VALUES ('it\\'s;', "a\\";b")`,
    'SELECT 1',
  ]);
});

test("MySQL '#' comments, and '--' only followed by a blank", () => {
  assert.deepEqual(split('SELECT 1 # not here;\n;SELECT 5--1;\nSELECT 2 -- x;\n', 'mysql'), ['SELECT 1', 'SELECT 5--1', 'SELECT 2']);
  assert.deepEqual(split('SELECT 1 # a comment only in MySQL;\n', 'postgres'), ['SELECT 1 # a comment only in MySQL']);
});

test('MySQL DELIMITER changes the statement delimiter until reset', () => {
  const proc = 'CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND';
  const sql = `DELIMITER //\n${proc} //\nDELIMITER ;\nSELECT 3;\ndelimiter $$\nSELECT 4$$SELECT 5 $$\n`;
  assert.deepEqual(split(sql, 'mariadb'), [proc, 'SELECT 3', 'SELECT 4', 'SELECT 5']);
  const ranges = splitStatements(sql, whole(sql), 'mysql');
  assert.equal(ranges[0].start, 'DELIMITER //\n'.length);
});

test('DELIMITER is a MySQL client command only', () => {
  assert.deepEqual(split('DELIMITER //\nSELECT 1;', 'postgres'), ['DELIMITER //\nSELECT 1']);
});

test('MySQL executable comments are statements, not comments', () => {
  assert.deepEqual(split('/*!40101 SET NAMES utf8mb4 */;\n/* plain */;\n', 'mysql'), ['/*!40101 SET NAMES utf8mb4 */']);
});

test('a MySQL part sent to the server whole splits as the server does: routine bodies whole, DELIMITER lines on their own', () => {
  const sentWhole = (sql: string) => texts(sql, splitStatements(sql, whole(sql), 'mysql', { sentWhole: true }));
  const trigger = 'CREATE TRIGGER t AFTER UPDATE ON orders FOR EACH ROW\nBEGIN\n  IF NEW.a <> OLD.a THEN\n    INSERT INTO audit (id) VALUES (NEW.id);\n  END IF;\n  CASE WHEN NEW.a > 1 THEN SET @x = 1; ELSE SET @x = 2; END CASE;\nEND';
  const procedure = 'CREATE DEFINER = CURRENT_USER PROCEDURE p(IN n INT)\nlabel: BEGIN\n  WHILE n > 0 DO\n    SET n = n - 1;\n  END WHILE;\n  BEGIN\n    SELECT CASE n WHEN 0 THEN 1 ELSE 2 END;\n  END;\nEND';
  assert.deepEqual(sentWhole(`CREATE TABLE audit (id int, event varchar(9));\n${trigger};\n${procedure};\nSELECT 1;`), [
    'CREATE TABLE audit (id int, event varchar(9))',
    trigger,
    procedure,
    'SELECT 1',
  ]);
  // A single-statement body ends at its `;`; BEGIN outside a routine starts a transaction.
  assert.deepEqual(sentWhole('CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.b = 1;\nBEGIN;\nSELECT 1;'), ['CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW SET NEW.b = 1', 'BEGIN', 'SELECT 1']);
  // The mysql client's DELIMITER lines are statements of their own, for the parser to reject.
  assert.deepEqual(sentWhole('DELIMITER $$\nCREATE PROCEDURE q() BEGIN SELECT 1; END$$\nDELIMITER ;\nSELECT 2;'), ['DELIMITER $$', 'CREATE PROCEDURE q() BEGIN SELECT 1; END', 'DELIMITER ;', 'SELECT 2']);
  // Split by the client (goose, Flyway, the mysql client): a body without DELIMITER ends at its first `;`.
  assert.equal(split(`${procedure};`, 'mysql').length > 1, true);
});
