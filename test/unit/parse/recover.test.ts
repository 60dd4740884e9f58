// One mistake in a CREATE TABLE must not cascade: the syntax error stays the finding at that
// statement, and the table it creates (without the faulty element) is replayed, so later
// statements on it are judged on their own.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initParsers, parseStatements } from '../../../server/src/engine/parse/index.js';
import type { CreateTableChange } from '../../../server/src/engine/model/changes.js';
import type { Dialect } from '../../../server/src/engine/model/source.js';
import { check, findingsOf } from '../rules/helpers.js';
import { whole } from './helpers.js';

before(initParsers);

function recovered(sql: string, dialect: Dialect): { error: string; table?: string; columns?: string[] } {
  const [statement] = parseStatements(sql, whole(sql), dialect);
  assert.ok(statement.syntaxError, `expected a syntax error in ${sql}`);
  const change = statement.change as CreateTableChange | undefined;
  return {
    error: sql.slice(statement.syntaxError.range.start, statement.syntaxError.range.end),
    ...(change ? { table: change.table.name, columns: change.columns.map((column) => `${column.name} ${column.type.name}`) } : {}),
  };
}

describe('a CREATE TABLE with one faulty element', () => {
  it('a trailing comma: the table with every column (PostgreSQL and MySQL)', () => {
    const sql = 'CREATE TABLE authors (id int PRIMARY KEY, name text,);';
    assert.deepEqual(recovered(sql, 'postgres'), { error: ')', table: 'authors', columns: ['id integer', 'name text'] });
    assert.deepEqual(recovered(sql, 'mysql'), { error: ')', table: 'authors', columns: ['id int', 'name text'] });
  });
  it('a type the dialect lacks: the column is kept with the type as written', () => {
    const sql = 'CREATE TABLE books (id INT PRIMARY KEY, meta JSONB, title VARCHAR(100));';
    assert.deepEqual(recovered(sql, 'mysql'), { error: 'JSONB', table: 'books', columns: ['id int', 'meta jsonb', 'title varchar'] });
  });
  it('a doubled comma in the middle', () => {
    assert.deepEqual(recovered('CREATE TABLE u (id int,, name text);', 'postgres'), { error: ',', table: 'u', columns: ['id integer', 'name text'] });
  });
  it('a misspelled keyword in a table constraint: the table without that constraint', () => {
    const sql = 'CREATE TABLE t (id int, a_id int, CONSTRAINT t_a FOREIGN KEY (a_id) REFERNCES a (id));';
    assert.deepEqual(recovered(sql, 'postgres'), { error: 'REFERNCES', table: 't', columns: ['id integer', 'a_id integer'] });
  });
  it('two faulty elements are both set aside', () => {
    const sql = 'CREATE TABLE t (id int, meta JSONB, tags TEXT[]);';
    assert.deepEqual(recovered(sql, 'mysql').columns, ['id int', 'meta jsonb', 'tags text']);
  });
  it('stays unread when the mistake is outside the element list, or the statement is not a CREATE TABLE', () => {
    assert.deepEqual(recovered('CREAT TABLE t (id int);', 'postgres'), { error: 'CREAT' });
    assert.deepEqual(recovered('CREATE TABLE t (id int) WITH OIDS = maybe;', 'postgres').table, undefined);
    assert.deepEqual(recovered('ALTER TABLE t ADD COLUMN x int,;', 'postgres').table, undefined);
  });
});

describe('what the recovered table spares the rest of the history', () => {
  const mysqlTree = {
    '000001_books.up.sql': 'CREATE TABLE books (id INT PRIMARY KEY, meta JSONB, title VARCHAR(100));',
    '000001_books.down.sql': 'DROP TABLE books;',
    '000002_isbn.up.sql': 'ALTER TABLE books ADD COLUMN isbn VARCHAR(20);\nCREATE INDEX books_meta ON books (title);',
    '000002_isbn.down.sql': 'DROP INDEX books_meta ON books;\nALTER TABLE books DROP COLUMN isbn;',
  };
  it('a type from the wrong dialect is the only finding; the down file and later migrations find their table', () => {
    const analysis = check(mysqlTree, { dialect: 'mysql' });
    assert.deepEqual(
      analysis.findings.map((finding) => finding.rule),
      ['postgres-type-in-mysql'],
    );
  });
  it("a syntax error's own statement raises nothing else, and its file's later statements see the table as new", () => {
    const analysis = check(
      {
        '000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);',
        '000001_users.down.sql': 'DROP TABLE users;',
        '000002_authors.up.sql': 'CREATE TABLE authors (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), name text,);\nCREATE INDEX authors_user ON authors (user_id);',
        '000002_authors.down.sql': 'DROP TABLE authors;',
      },
      { dialect: 'postgres' },
    );
    assert.deepEqual(analysis.findings.map((finding) => finding.rule), ['syntax-error']);
    assert.deepEqual(findingsOf(analysis, 'require-concurrent-index-creation'), []);
  });
});
