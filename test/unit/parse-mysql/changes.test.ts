// MySQL / MariaDB statements → the change each one produces (fields listed are checked; others are free).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSubset, parse } from './helpers.js';

const CASES: [string, unknown][] = [
  // CREATE TABLE
  [
    "CREATE TABLE `users` (id bigint unsigned NOT NULL AUTO_INCREMENT, email varchar(255) NOT NULL, PRIMARY KEY (id), UNIQUE KEY users_email_unique (email)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    {
      kind: 'create-table',
      table: { name: 'users', raw: '`users`' },
      columns: [
        { name: 'id', type: { name: 'bigint', args: [], unsigned: true }, nullable: false, autoIncrement: true },
        { name: 'email', type: { name: 'varchar', args: ['255'] }, nullable: false },
      ],
      constraints: [
        { kind: 'primary-key', columns: ['id'] },
        { kind: 'unique', name: 'users_email_unique', columns: ['email'] },
      ],
      options: { engine: 'InnoDB', charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    },
  ],
  ['CREATE TABLE IF NOT EXISTS `app`.`Movies` (id int)', { kind: 'create-table', ifNotExists: true, table: { schema: 'app', name: 'Movies', raw: '`app`.`Movies`' } }],
  ['CREATE TEMPORARY TABLE tmp (a int)', { kind: 'create-table', temporary: true }],
  ["CREATE TABLE t (s enum('draft','published') NOT NULL DEFAULT 'draft')", { columns: [{ type: { name: 'enum', enumValues: ['draft', 'published'] }, default: { sql: "'draft'", kind: 'constant' } }] }],
  ['CREATE TABLE t (price decimal(10,2) DEFAULT 0.00)', { columns: [{ type: { name: 'decimal', args: ['10', '2'] }, default: { kind: 'constant' } }] }],
  ['CREATE TABLE t (flag tinyint(1) NOT NULL DEFAULT 0, b bool, c boolean)', { columns: [{ type: { name: 'tinyint', args: ['1'] } }, { type: { name: 'tinyint', args: ['1'] } }, { type: { name: 'tinyint' } }] }],
  ['CREATE TABLE t (a INTEGER, b json, c longtext, d text, e timestamp NULL)', { columns: [{ type: { name: 'int' } }, { type: { name: 'json' } }, { type: { name: 'longtext' } }, { type: { name: 'text' } }, { type: { name: 'timestamp' }, nullable: true }] }],
  [
    'CREATE TABLE t (updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6))',
    { columns: [{ type: { name: 'datetime', args: ['6'] }, default: { sql: 'CURRENT_TIMESTAMP(6)', kind: 'expression' }, onUpdate: { sql: 'CURRENT_TIMESTAMP(6)' } }] },
  ],
  ['CREATE TABLE t (id char(36) NOT NULL DEFAULT (uuid()))', { columns: [{ default: { sql: '(uuid())', kind: 'volatile' } }] }],
  ["CREATE TABLE t (a varchar(10) DEFAULT _utf8mb4'x' COMMENT 'the a')", { columns: [{ default: { kind: 'constant' }, comment: 'the a' }] }],
  ['CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) STORED, c int AS (a * 2) VIRTUAL)', { columns: [{}, { generated: { stored: true, expression: { sql: '(a + 1)' } } }, { generated: { stored: false } }] }],
  ['CREATE TABLE t (a int, b int AS (a + 1) PERSISTENT)', { columns: [{}, { generated: { stored: true } }] }],
  ['CREATE TABLE t (a varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL)', { columns: [{ type: { charset: 'utf8mb4', collation: 'utf8mb4_bin' }, nullable: false }] }],
  ['CREATE TABLE t (id int PRIMARY KEY, code int UNIQUE)', { columns: [{ nullable: false }, { nullable: true }], constraints: [{ kind: 'primary-key', columns: ['id'], inline: true }, { kind: 'unique', columns: ['code'], inline: true }] }],
  ['CREATE TABLE t (a int CHECK (a > 0))', { constraints: [{ kind: 'check', inline: true, expression: { sql: '(a > 0)' } }] }],
  ['CREATE TABLE t (a int, CONSTRAINT positive CHECK (a > 0) NOT ENFORCED)', { constraints: [{ kind: 'check', name: 'positive', notEnforced: true }] }],
  [
    'CREATE TABLE t (user_id int, CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE SET NULL)',
    { constraints: [{ kind: 'foreign-key', name: 'fk_user', columns: ['user_id'], references: { table: { name: 'users' }, columns: ['id'] }, onDelete: 'cascade', onUpdate: 'set null' }] },
  ],
  ['CREATE TABLE t (a int, FOREIGN KEY (a) REFERENCES u (id) ON DELETE NO ACTION)', { constraints: [{ kind: 'foreign-key', onDelete: 'no action' }] }],
  [
    'CREATE TABLE t (a text, b int, g point NOT NULL, KEY idx_b (b DESC), FULLTEXT KEY ft (a), SPATIAL INDEX sp (g), INDEX (b) USING HASH)',
    {
      indexes: [
        { name: { name: 'idx_b' }, table: { name: 't' }, unique: false, elements: [{ column: 'b', descending: true }] },
        { name: { name: 'ft' }, method: 'fulltext', elements: [{ column: 'a' }] },
        { name: { name: 'sp' }, method: 'spatial' },
        { method: 'hash' },
      ],
    },
  ],
  ['CREATE TABLE t (a varchar(100), INDEX i (a(10)), INDEX e ((lower(a))))', { indexes: [{ elements: [{ column: 'a' }] }, { elements: [{ expression: '(lower(a))' }] }] }],
  ['CREATE TABLE t (a int) ENGINE=InnoDB AUTO_INCREMENT=5 ROW_FORMAT=DYNAMIC COMMENT=\'hello\'', { options: { engine: 'InnoDB', auto_increment: '5', row_format: 'DYNAMIC', comment: 'hello' } }],
  ['CREATE TABLE t (a int) ENGINE=InnoDB DEFAULT CHARACTER SET utf8mb4', { options: { engine: 'InnoDB', charset: 'utf8mb4' } }],
  ['CREATE TABLE t LIKE u', { kind: 'create-table', like: { name: 'u' }, columns: [] }],
  ['CREATE TABLE t AS SELECT * FROM u', { kind: 'create-table', fromQuery: true }],
  ['CREATE TABLE t (a serial)', { columns: [{ type: { name: 'bigint', unsigned: true }, nullable: false, autoIncrement: true }], constraints: [{ kind: 'unique', columns: ['a'] }] }],
  // ALTER TABLE
  ['ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0 AFTER b', { kind: 'alter-table', actions: [{ kind: 'add-column', column: { name: 'c', nullable: false, default: { sql: '0' } }, ifNotExists: false, position: { after: 'b' } }] }],
  ['ALTER TABLE t ADD c int FIRST', { actions: [{ kind: 'add-column', position: { first: true } }] }],
  ['ALTER TABLE t ADD COLUMN (a int, b int)', { actions: [{ kind: 'add-column', column: { name: 'a' } }, { kind: 'add-column', column: { name: 'b' } }] }],
  ['ALTER TABLE t DROP COLUMN a, DROP b', { actions: [{ kind: 'drop-column', column: 'a' }, { kind: 'drop-column', column: 'b' }] }],
  ['ALTER TABLE t MODIFY COLUMN a bigint NOT NULL', { actions: [{ kind: 'redefine-column', syntax: 'modify', from: 'a', column: { name: 'a', type: { name: 'bigint' }, nullable: false } }] }],
  ['ALTER TABLE t CHANGE COLUMN `old` `new` varchar(10) NOT NULL', { actions: [{ kind: 'redefine-column', syntax: 'change', from: 'old', rawFrom: '`old`', column: { name: 'new', raw: '`new`' } }] }],
  ['ALTER TABLE t ALTER COLUMN a SET DEFAULT 5', { actions: [{ kind: 'set-default', column: 'a', default: { sql: '5', kind: 'constant' } }] }],
  ['ALTER TABLE t ALTER a DROP DEFAULT', { actions: [{ kind: 'drop-default', column: 'a' }] }],
  ['ALTER TABLE t RENAME COLUMN a TO b', { actions: [{ kind: 'rename-column', from: 'a', to: 'b' }] }],
  ['ALTER TABLE t ADD INDEX idx_a (a), ADD UNIQUE KEY uk_b (b)', { actions: [{ kind: 'add-index', index: { name: { name: 'idx_a' }, table: { name: 't' } } }, { kind: 'add-constraint', constraint: { kind: 'unique', name: 'uk_b', columns: ['b'] } }] }],
  ['ALTER TABLE t ADD FULLTEXT INDEX ft (body)', { actions: [{ kind: 'add-index', index: { method: 'fulltext' } }] }],
  ['ALTER TABLE t DROP INDEX idx_a, DROP KEY idx_b', { actions: [{ kind: 'drop-index', name: 'idx_a' }, { kind: 'drop-index', name: 'idx_b' }] }],
  [
    'ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE',
    { actions: [{ kind: 'add-constraint', constraint: { kind: 'foreign-key', name: 'fk_user', references: { table: { name: 'users' } }, onDelete: 'cascade' } }] },
  ],
  ['ALTER TABLE t ADD CONSTRAINT chk CHECK (a > 0)', { actions: [{ kind: 'add-constraint', constraint: { kind: 'check', name: 'chk' } }] }],
  ['ALTER TABLE t ADD PRIMARY KEY (id)', { actions: [{ kind: 'add-constraint', constraint: { kind: 'primary-key', columns: ['id'] } }] }],
  ['ALTER TABLE t DROP FOREIGN KEY fk_user', { actions: [{ kind: 'drop-constraint', name: 'fk_user' }] }],
  ['ALTER TABLE t DROP CONSTRAINT chk, DROP CHECK chk2', { actions: [{ kind: 'drop-constraint', name: 'chk' }, { kind: 'drop-constraint', name: 'chk2' }] }],
  ['ALTER TABLE t DROP PRIMARY KEY', { actions: [{ kind: 'drop-primary-key' }] }],
  ['ALTER TABLE t RENAME TO u', { actions: [{ kind: 'rename-table', to: { name: 'u' } }] }],
  ['ALTER TABLE t RENAME INDEX a TO b', { actions: [{ kind: 'rename-index', from: 'a', to: 'b' }] }],
  ['ALTER TABLE t ADD INDEX i (a), ALGORITHM=INPLACE, LOCK=NONE', { algorithm: 'inplace', lock: 'none', actions: [{ kind: 'add-index' }] }],
  ['ALTER TABLE t ENGINE=InnoDB', { actions: [{ kind: 'set-table-option', option: 'engine', value: 'InnoDB' }] }],
  ['ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4', { actions: [{ kind: 'other' }] }],
  // Other DDL
  ['RENAME TABLE a TO b, c TO d', { kind: 'rename-table', renames: [{ from: { name: 'a' }, to: { name: 'b' } }, { from: { name: 'c' }, to: { name: 'd' } }] }],
  ['CREATE UNIQUE INDEX ux ON t (a, b(10) DESC)', { kind: 'create-index', index: { name: { name: 'ux' }, table: { name: 't' }, unique: true, elements: [{ column: 'a' }, { column: 'b', descending: true }] } }],
  ['CREATE FULLTEXT INDEX ft ON t (body)', { kind: 'create-index', index: { unique: false, method: 'fulltext' } }],
  ['CREATE INDEX i ON t (a) ALGORITHM=INPLACE LOCK=NONE', { kind: 'create-index', algorithm: 'inplace', lock: 'none' }],
  ['DROP TABLE IF EXISTS a, `b`', { kind: 'drop', objectKind: 'table', ifExists: true, names: [{ name: 'a' }, { name: 'b' }] }],
  ['DROP TEMPORARY TABLE t', { kind: 'drop', objectKind: 'table', temporary: true }],
  ['DROP INDEX idx ON t', { kind: 'drop', objectKind: 'index', names: [{ name: 'idx' }], table: { name: 't' } }],
  ['DROP VIEW IF EXISTS v', { kind: 'drop', objectKind: 'view', ifExists: true }],
  ['DROP TRIGGER IF EXISTS trg', { kind: 'drop', objectKind: 'trigger' }],
  ['DROP PROCEDURE IF EXISTS p', { kind: 'drop', objectKind: 'procedure' }],
  ['DROP FUNCTION f', { kind: 'drop', objectKind: 'function', ifExists: false }],
  ['DROP DATABASE IF EXISTS d', { kind: 'drop', objectKind: 'database' }],
  ['CREATE DATABASE IF NOT EXISTS shop', { kind: 'create-schema', name: 'shop', ifNotExists: true }],
  ['CREATE OR REPLACE VIEW v AS SELECT a FROM t JOIN app.u ON t.id = u.id', { kind: 'create-view', orReplace: true, references: [{ name: 't' }, { schema: 'app', name: 'u' }] }],
  ['CREATE ALGORITHM=MERGE DEFINER=`root`@`%` SQL SECURITY INVOKER VIEW v AS SELECT 1', { kind: 'create-view', name: { name: 'v' }, orReplace: false }],
  ['CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END', { kind: 'create-trigger', name: { name: 'trg' }, table: { name: 't' } }],
  ['CREATE DEFINER=`root`@`localhost` TRIGGER trg AFTER UPDATE ON t FOR EACH ROW INSERT INTO log VALUES (1)', { kind: 'create-trigger', table: { name: 't' } }],
  ['CREATE PROCEDURE p(IN a INT) READS SQL DATA BEGIN SELECT a; END', { kind: 'create-function', procedure: true, name: { name: 'p' } }],
  ['CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x + 1', { kind: 'create-function', procedure: false, name: { name: 'f' } }],
  // Data
  ['INSERT IGNORE INTO t (a, b) VALUES (1, 2) ON DUPLICATE KEY UPDATE b = VALUES(b)', { kind: 'data', operation: 'insert', tables: [{ name: 't' }], columns: ['a', 'b'], ignore: true, onDuplicateKeyUpdate: true }],
  ['REPLACE INTO t (a) VALUES (1)', { kind: 'data', operation: 'replace', tables: [{ name: 't' }], columns: ['a'] }],
  ['INSERT INTO t SET a = 1, b = 2', { operation: 'insert', columns: ['a', 'b'] }],
  ['UPDATE t SET a = 1, b = 2 WHERE id = 3', { kind: 'data', operation: 'update', tables: [{ name: 't' }], columns: ['a', 'b'], hasWhere: true }],
  ['UPDATE t SET a = 1, a = 2', { operation: 'update', hasWhere: false, duplicateAssignments: ['a'] }],
  ['UPDATE t SET a = (SELECT max(b) FROM u WHERE u.x = t.x)', { operation: 'update', hasWhere: false }],
  ['DELETE FROM t WHERE id = 3', { kind: 'data', operation: 'delete', tables: [{ name: 't' }], hasWhere: true }],
  ['DELETE FROM t', { operation: 'delete', hasWhere: false }],
  ['TRUNCATE TABLE t', { kind: 'data', operation: 'truncate', tables: [{ name: 't' }] }],
  // Transactions and settings
  ['START TRANSACTION', { kind: 'transaction', operation: 'begin' }],
  ['BEGIN', { kind: 'transaction', operation: 'begin' }],
  ['COMMIT', { kind: 'transaction', operation: 'commit' }],
  ['ROLLBACK', { kind: 'transaction', operation: 'rollback' }],
  ['SAVEPOINT s1', { kind: 'transaction', operation: 'savepoint' }],
  ['SET SESSION sql_mode = \'STRICT_ALL_TABLES\'', { kind: 'set', name: 'sql_mode', value: "'STRICT_ALL_TABLES'", scope: 'session' }],
  ['SET GLOBAL max_connections = 10', { kind: 'set', name: 'max_connections', scope: 'global' }],
  ['SET @@global.time_zone = \'+00:00\'', { kind: 'set', name: 'time_zone', scope: 'global' }],
  ['SET FOREIGN_KEY_CHECKS = 0, UNIQUE_CHECKS = 0', { kind: 'set', name: 'foreign_key_checks', value: '0', more: [{ name: 'unique_checks', value: '0' }] }],
  ['SET NAMES utf8mb4', { kind: 'set', name: 'names', value: 'utf8mb4' }],
  ['SET @x = 1', { kind: 'set', name: '@x', value: '1' }],
  // Everything else
  ['LOCK TABLES t WRITE', { kind: 'other', statementType: 'lock' }],
  ['GRANT SELECT ON d.* TO \'u\'@\'%\'', { kind: 'other', statementType: 'grant' }],
  ['CREATE USER \'u\'@\'%\' IDENTIFIED BY \'p\'', { kind: 'other', statementType: 'create user' }],
];

function failures(dialect: 'mysql' | 'mariadb'): string[] {
  const failed: string[] = [];
  for (const [sql, expected] of CASES) {
    const result = parse(sql, dialect);
    try {
      assert.equal(result.syntaxError, undefined, result.syntaxError?.message);
      assertSubset(result.change, expected);
    } catch (error) {
      failed.push(`${sql}\n  ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return failed;
}

test(`${CASES.length} MySQL statements produce their change`, () => {
  assert.ok(CASES.length >= 50);
  assert.deepEqual(failures('mysql'), []);
});

test('the same statements read the same under MariaDB', () => {
  assert.deepEqual(failures('mariadb'), []);
});
