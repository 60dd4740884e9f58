// Every range is a file offset (UTF-16) that covers exactly the construct it names.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlterTableChange, CreateTableChange } from '../../../server/src/engine/model/changes.js';
import { parseMysqlStatement } from '../../../server/src/engine/parse/mysql/index.js';
import { parse } from './helpers.js';

test('CREATE TABLE ranges after non-ASCII text', () => {
  const result = parse(
    "CREATE TABLE `app`.`pedidos` (`año` int unsigned NOT NULL DEFAULT 0 COMMENT '😀', nota varchar(20), CONSTRAINT fk FOREIGN KEY (`año`) REFERENCES años (id), KEY idx (nota))",
  );
  const change = result.change as CreateTableChange;
  assert.equal(result.at(change.table.range), '`app`.`pedidos`');
  const [year, note] = change.columns;
  assert.equal(result.at(year.range), "`año` int unsigned NOT NULL DEFAULT 0 COMMENT '😀'");
  assert.equal(year.name, 'año');
  assert.equal(year.raw, '`año`');
  assert.equal(result.at(year.type.range), 'int unsigned');
  assert.equal(result.at(year.default!.range), '0');
  assert.equal(result.at(note.type.range), 'varchar(20)');
  const fk = change.constraints[0];
  assert.equal(result.at(fk.range), 'CONSTRAINT fk FOREIGN KEY (`año`) REFERENCES años (id)');
  assert.equal(fk.kind === 'foreign-key' && result.at(fk.references.table.range), 'años');
  assert.equal(result.at(change.indexes[0].range), 'KEY idx (nota)');
  assert.equal(result.at(change.indexes[0].elements[0].range), 'nota');
});

test('ALTER TABLE action ranges', () => {
  const result = parse('ALTER TABLE t ADD COLUMN c int AFTER b, ALTER COLUMN d SET DEFAULT 1, RENAME INDEX a TO b');
  const actions = (result.change as AlterTableChange).actions;
  assert.deepEqual(
    actions.map((action) => result.at(action.range)),
    ['ADD COLUMN c int AFTER b', 'ALTER COLUMN d SET DEFAULT 1', 'RENAME INDEX a TO b'],
  );
});

test('statements inside MySQL executable comments are read', () => {
  const result = parse('/*!40101 SET NAMES utf8mb4 */');
  assert.deepEqual(result.change, { kind: 'set', name: 'names', value: 'utf8mb4', scope: 'session' });
  const table = parse('CREATE TABLE `t` (`a` int) /*!50100 PARTITION BY HASH(a) */');
  assert.equal(table.syntaxError, undefined);
});

test('data change tables carry their range', () => {
  const result = parse('UPDATE `Movies` m JOIN ratings r ON r.movie_id = m.id SET m.score = r.avg WHERE r.n > 0');
  assert.ok(result.change?.kind === 'data');
  assert.deepEqual(result.change.tables.map((table) => result.at(table.range)), ['`Movies`']);
});
