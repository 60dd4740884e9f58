// parseStatements: one splitter for every dialect, then the dialect's parser, file offsets throughout.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initParsers, parseStatements } from '../../../server/src/engine/parse/index.js';
import { whole } from './helpers.js';

before(initParsers);

test('MySQL statements are split with DELIMITER and parsed by the MySQL parser', () => {
  const sql = '-- é\nCREATE TABLE `a` (id int);\nDELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\nDELIMITER ;\nDROP TABLE `a`;';
  const statements = parseStatements(sql, whole(sql), 'mysql');
  assert.deepEqual(
    statements.map((statement) => statement.text),
    ['CREATE TABLE `a` (id int)', 'CREATE PROCEDURE p() BEGIN SELECT 1; END', 'DROP TABLE `a`'],
  );
  assert.equal(statements[0].change?.kind, 'create-table');
  assert.equal(statements[2].change?.kind, 'drop');
  assert.deepEqual(statements[0].range, { start: 5, end: 30 });
});

test('the same file text is PostgreSQL or MySQL depending on the dialect', () => {
  const sql = "SELECT 'a\\'; SELECT 2";
  assert.equal(parseStatements(sql, whole(sql), 'postgres').length, 2);
  assert.equal(parseStatements(sql, whole(sql), 'mariadb').length, 1);
});
