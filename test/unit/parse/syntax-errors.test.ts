// Syntax errors: the parser's message, a range over the offending token in UTF-16 file offsets,
// and the rest of the file still analysed.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Statement } from '../../../server/src/engine/model/changes.js';
import { postgresParser } from './helpers.js';

let parse: (sql: string) => Statement[];
before(async () => {
  parse = await postgresParser();
});

function errorAt(sql: string): { message: string; token: string; start: number } {
  const failed = parse(sql).find((statement) => statement.syntaxError);
  assert.ok(failed?.syntaxError, `expected a syntax error in ${sql}`);
  const { message, range } = failed.syntaxError;
  return { message, token: sql.slice(range.start, range.end), start: range.start };
}

test('a misspelt keyword is covered whole', () => {
  assert.deepEqual(errorAt('CREAT TABLE t (id int);'), { message: 'syntax error at or near "CREAT"', token: 'CREAT', start: 0 });
});

test('the error position counts UTF-16 units after accents and emoji', () => {
  const sql = "-- é 😀\nINSERT INTO t VALUES ('😀é😀') RETURNIN id;";
  assert.deepEqual(errorAt(sql), { message: 'syntax error at or near "RETURNIN"', token: 'RETURNIN', start: sql.indexOf('RETURNIN') });
});

test('an error after non-ASCII text in an earlier statement of the file', () => {
  const sql = "INSERT INTO t VALUES ('naïve 🚀');\nCREATE TABLE u (id int,, name text);";
  assert.deepEqual(errorAt(sql), { message: 'syntax error at or near ","', token: ',', start: sql.indexOf(',,') + 1 });
});

test('an error at the end of input points at the last token', () => {
  const sql = 'SELECT * FROM t WHERE -- unfinished\n;';
  assert.deepEqual(errorAt(sql), { message: 'syntax error at end of input', token: 'WHERE', start: sql.indexOf('WHERE') });
});

test('an unterminated string is covered to the end of the statement', () => {
  const sql = "SELECT 1;\nSELECT 'é never closed";
  assert.deepEqual(errorAt(sql), {
    message: 'unterminated quoted string at or near "\'é never closed"',
    token: "'é never closed",
    start: sql.indexOf("'"),
  });
});

test('a bad statement in the middle leaves the others parsed', () => {
  const sql = [
    '-- +goose Up',
    'CREATE TABLE a (id int PRIMARY KEY);',
    "INSERT INTO a VALUES (1) -- 'é'",
    'ALTER TABLE a ADD COLUMN b int DEFALT 0;',
    'CREATE INDEX a_b ON a (b);',
    'DROP TABLE old;',
  ].join('\n');
  const statements = parse(sql);
  assert.deepEqual(
    statements.map((statement) => statement.change?.kind ?? 'syntax-error'),
    ['create-table', 'syntax-error', 'create-index', 'drop'],
  );
  const bad = statements[1];
  assert.equal(bad.text, "INSERT INTO a VALUES (1) -- 'é'\nALTER TABLE a ADD COLUMN b int DEFALT 0");
  assert.equal(sql.slice(bad.syntaxError!.range.start, bad.syntaxError!.range.end), 'ALTER');
  assert.equal(statements[2].text, 'CREATE INDEX a_b ON a (b)');
  assert.deepEqual(statements[3].range, { start: sql.indexOf('DROP'), end: sql.length - 1 });
});
