import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, initEngine } from '../../../server/src/engine/analyze.js';
import { defaultProjectConfig } from '../../../server/src/engine/config/index.js';
import { createMemoryHost } from '../discover/memory-host.js';
import { statementRuleTable } from './helpers.js';

statementRuleTable('postgres-type-in-mysql', {
  valid: [
    { sql: 'CREATE TABLE movies (id BIGINT AUTO_INCREMENT PRIMARY KEY, data JSON, added TIMESTAMP)', dialect: 'mysql' },
    { sql: 'CREATE TABLE parts (serial VARCHAR(40), uuid CHAR(36))', dialect: 'mysql' },
    { sql: "INSERT INTO notes (body) VALUES ('JSONB is [great]')", dialect: 'mysql' },
    { sql: 'CREATE TABLE sessions (id UUID PRIMARY KEY)', dialect: 'mariadb' },
    { sql: 'CREATE TABLE movies (id SERIAL PRIMARY KEY, data JSONB)', dialect: 'postgres' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE movies (id BIGSERIAL PRIMARY KEY, data JSONB, added TIMESTAMPTZ)',
      dialect: 'mysql',
      messages: [/`BIGSERIAL` is a PostgreSQL type; the MySQL equivalent is `BIGINT AUTO_INCREMENT`/, /`JSONB`.*`JSON`/, /`TIMESTAMPTZ`.*`TIMESTAMP`/],
      fixed: 'CREATE TABLE movies (id BIGINT AUTO_INCREMENT PRIMARY KEY, data JSON, added TIMESTAMP)',
    },
    {
      sql: 'CREATE TABLE movies (id SERIAL PRIMARY KEY)',
      dialect: 'mariadb',
      messages: [/MariaDB reads it as `BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE`/],
      fixed: 'CREATE TABLE movies (id INT AUTO_INCREMENT PRIMARY KEY)',
    },
    { sql: 'ALTER TABLE movies ADD COLUMN payload BYTEA', dialect: 'mysql', messages: [/`LONGBLOB`/], fixed: 'ALTER TABLE movies ADD COLUMN payload LONGBLOB' },
    { sql: 'CREATE TABLE sessions (id UUID PRIMARY KEY)', dialect: 'mysql', messages: [/MySQL has none/], fixed: 'CREATE TABLE sessions (id CHAR(36) PRIMARY KEY)' },
    { sql: 'CREATE TABLE e (at TIMESTAMP WITH TIME ZONE)', dialect: 'mysql', messages: [/`TIMESTAMP WITH TIME ZONE` is PostgreSQL/], fixed: 'CREATE TABLE e (at TIMESTAMP)' },
    { sql: 'CREATE TABLE movies (tags TEXT[])', dialect: 'mysql', messages: [/`TEXT\[\]` is a PostgreSQL array/] },
  ],
});

statementRuleTable('postgres-syntax-in-mysql', {
  valid: [
    { sql: 'CREATE INDEX idx_movies_title ON movies (title)', dialect: 'mysql' },
    { sql: 'SELECT "a string", CAST(1 AS SIGNED)', dialect: 'mysql' },
    { sql: 'INSERT INTO t (a) VALUES ("x", "y")', dialect: 'mysql' },
    { sql: 'ALTER TABLE t ADD COLUMN IF NOT EXISTS a INT', dialect: 'mariadb' },
    { sql: 'DROP INDEX idx ON movies', dialect: 'mysql' },
    { sql: 'INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 2', dialect: 'mysql' },
    { sql: 'ALTER TABLE t ALTER COLUMN a SET DEFAULT 1', dialect: 'mysql' },
    { sql: "CREATE INDEX CONCURRENTLY i ON t (a) WHERE a > 1; COMMENT ON TABLE t IS 'x'", dialect: 'postgres' },
  ],
  invalid: [
    { sql: "SELECT '2024-01-01'::date", dialect: 'mysql', messages: [/`'2024-01-01'::date` is a PostgreSQL cast; MySQL writes `CAST\(… AS DATE\)`/], fixed: "SELECT CAST('2024-01-01' AS DATE)" },
    { sql: "CREATE TABLE m (data JSON DEFAULT '{}'::jsonb)", dialect: 'mysql', fixed: "CREATE TABLE m (data JSON DEFAULT (CAST('{}' AS JSON)))" },
    { sql: 'SELECT t.id::text FROM t', dialect: 'mysql', fixed: 'SELECT CAST(t.id AS CHAR) FROM t' },
    { sql: 'SELECT x::regclass', dialect: 'mysql', messages: [/with its own types/] },
    { sql: 'CREATE INDEX CONCURRENTLY idx ON movies (title)', dialect: 'mysql', messages: [/`CONCURRENTLY` is PostgreSQL/], fixed: 'CREATE INDEX idx ON movies (title)' },
    { sql: 'CREATE INDEX idx ON movies USING GIN (data)', dialect: 'mysql', messages: [/`USING GIN` is a PostgreSQL index method/] },
    { sql: 'CREATE UNIQUE INDEX idx ON movies (title) WHERE deleted_at IS NULL', dialect: 'mysql', messages: [/Partial indexes/] },
    { sql: 'CREATE EXTENSION IF NOT EXISTS pgcrypto', dialect: 'mysql', messages: [/`CREATE EXTENSION` is PostgreSQL/] },
    { sql: "CREATE TYPE mood AS ENUM ('happy', 'sad')", dialect: 'mysql', messages: [/`CREATE TYPE` is PostgreSQL/] },
    {
      sql: 'CREATE TABLE "movies" ("id" INT, title TEXT, PRIMARY KEY ("id"))',
      dialect: 'mysql',
      messages: [/`"movies"` is a PostgreSQL quoted identifier/, /`"id"`/, /`"id"`/],
      fixed: 'CREATE TABLE `movies` (`id` INT, title TEXT, PRIMARY KEY (`id`))',
    },
    {
      sql: "INSERT INTO settings (k, v) VALUES ('a', '1') ON CONFLICT (k) DO NOTHING",
      dialect: 'mysql',
      messages: [/`ON CONFLICT DO NOTHING` is PostgreSQL/],
      fixed: "INSERT IGNORE INTO settings (k, v) VALUES ('a', '1')",
    },
    { sql: "INSERT INTO s (k) VALUES ('a') ON CONFLICT (k) DO UPDATE SET k = 'b'", dialect: 'mysql', messages: [/ON DUPLICATE KEY UPDATE/] },
    { sql: "COMMENT ON TABLE movies IS 'Films'", dialect: 'mysql', messages: [/`COMMENT ON` is PostgreSQL/], fixed: "ALTER TABLE movies COMMENT = 'Films'" },
    { sql: "COMMENT ON COLUMN movies.title IS 'Name'", dialect: 'mysql', messages: [/`COMMENT ON`/] },
    { sql: 'ALTER TABLE movies ALTER COLUMN title TYPE VARCHAR(500)', dialect: 'mysql', messages: [/`ALTER COLUMN … TYPE` is PostgreSQL; MySQL changes a column with `MODIFY COLUMN title/] },
    { sql: 'ALTER TABLE movies ALTER COLUMN title SET NOT NULL', dialect: 'mariadb', messages: [/SET NOT NULL/] },
    { sql: 'ALTER TABLE movies ADD COLUMN IF NOT EXISTS rating INT', dialect: 'mysql', messages: [/MySQL rejects it/], fixed: 'ALTER TABLE movies ADD COLUMN rating INT' },
    { sql: 'DROP INDEX idx_movies_title', dialect: 'mysql', messages: [/MySQL needs the table: `DROP INDEX idx_movies_title ON <table>`/] },
  ],
});

statementRuleTable('mysql-type-in-postgres', {
  valid: [
    { sql: 'CREATE TABLE movies (id INT GENERATED BY DEFAULT AS IDENTITY, added TIMESTAMP, ratio DOUBLE PRECISION, flag BOOLEAN DEFAULT FALSE)', dialect: 'postgres' },
    { sql: 'CREATE TABLE log (datetime TIMESTAMP, blob BYTEA)', dialect: 'postgres' },
    { sql: "CREATE TYPE mood AS ENUM ('happy', 'sad')", dialect: 'postgres' },
    { sql: 'CREATE TABLE movies (added DATETIME, flag TINYINT(1))', dialect: 'mysql' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE movies (id INT(11) NOT NULL, monitored TINYINT(1) NOT NULL DEFAULT 0, added DATETIME, overview LONGTEXT, poster BLOB, ratio DOUBLE)',
      dialect: 'postgres',
      messages: [/`INT\(11\)` has a MySQL display width/, /`TINYINT\(1\)` is MySQL's boolean/, /`DATETIME`.*`TIMESTAMP`/, /`LONGTEXT`.*`TEXT`/, /`BLOB`.*`BYTEA`/, /`DOUBLE`.*`DOUBLE PRECISION`/],
      fixed: 'CREATE TABLE movies (id INT NOT NULL, monitored BOOLEAN NOT NULL DEFAULT FALSE, added TIMESTAMP, overview TEXT, poster BYTEA, ratio DOUBLE PRECISION)',
    },
    { sql: 'ALTER TABLE movies ADD COLUMN year TINYINT', dialect: 'postgres', messages: [/`SMALLINT`/], fixed: 'ALTER TABLE movies ADD COLUMN year SMALLINT' },
    { sql: 'CREATE TABLE movies (runtime INT UNSIGNED)', dialect: 'postgres', messages: [/`UNSIGNED` is MySQL/] },
    { sql: "CREATE TABLE movies (status ENUM('wanted', 'downloaded'))", dialect: 'postgres', messages: [/Inline `ENUM\(…\)` columns are MySQL/] },
  ],
});

statementRuleTable('mysql-syntax-in-postgres', {
  valid: [
    { sql: 'CREATE TABLE "movies" (id INT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, UNIQUE (id)) WITH (fillfactor = 90)', dialect: 'postgres' },
    { sql: 'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES users (id) ON UPDATE CASCADE', dialect: 'postgres' },
    { sql: 'INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = EXCLUDED.a', dialect: 'postgres' },
    { sql: 'CREATE OR REPLACE VIEW v AS SELECT 1', dialect: 'postgres' },
    // Columns named key and index, as real trees have them.
    { sql: 'CREATE TABLE settings (id SERIAL PRIMARY KEY, key VARCHAR(255) NOT NULL UNIQUE, value text)', dialect: 'postgres' },
    { sql: 'CREATE TABLE kv (key VARCHAR(255) PRIMARY KEY, index int, v text)', dialect: 'postgres' },
    { sql: 'CREATE TABLE `t` (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB', dialect: 'mysql' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE `movies` (`id` INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
      dialect: 'postgres',
      messages: [/`movies` is quoted with MySQL backticks/, /`id` is quoted/, /`AUTO_INCREMENT` is MySQL/, /`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4` are MySQL table options/],
      fixed: 'CREATE TABLE "movies" ("id" INT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY)',
    },
    {
      sql: 'CREATE TABLE movies (id INT, title TEXT, KEY idx_title (title), UNIQUE KEY uq_id (id))',
      dialect: 'postgres',
      messages: [/Indexes declared inside CREATE TABLE/, /`UNIQUE KEY` inside CREATE TABLE is MySQL/],
      fixed: 'CREATE TABLE movies (id INT, title TEXT, CONSTRAINT uq_id UNIQUE (id));\nCREATE INDEX idx_title ON movies (title)',
    },
    { sql: 'CREATE TABLE m (updated TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)', dialect: 'postgres', messages: [/BEFORE UPDATE trigger/] },
    { sql: 'ALTER TABLE movies MODIFY COLUMN title VARCHAR(500) NOT NULL', dialect: 'postgres', messages: [/`MODIFY COLUMN` is MySQL/] },
    { sql: 'ALTER TABLE movies CHANGE title name VARCHAR(500)', dialect: 'postgres', messages: [/`CHANGE COLUMN` is MySQL/] },
    { sql: "INSERT IGNORE INTO settings (k) VALUES ('a')", dialect: 'postgres', messages: [/`INSERT IGNORE` is MySQL/], fixed: "INSERT INTO settings (k) VALUES ('a') ON CONFLICT DO NOTHING" },
    { sql: 'INSERT INTO s (k) VALUES (1) ON DUPLICATE KEY UPDATE k = 2', dialect: 'postgres', messages: [/`ON DUPLICATE KEY UPDATE` is MySQL/] },
    { sql: 'REPLACE INTO s (k) VALUES (1)', dialect: 'postgres', messages: [/`REPLACE INTO` is MySQL/] },
    { sql: 'DROP INDEX idx_title ON movies', dialect: 'postgres', messages: [/`DROP INDEX … ON table` is MySQL/], fixed: 'DROP INDEX idx_title' },
  ],
});

statementRuleTable('mysql-syntax-in-mariadb', {
  valid: [
    { sql: "SELECT JSON_VALUE(doc, '$.a'), id - 1 > 0, name REGEXP '^a' FROM u", dialect: 'mariadb' },
    { sql: 'ALTER TABLE u DROP INDEX u_name, LOCK = NONE', dialect: 'mariadb' },
    { sql: "SELECT BIN_TO_UUID(id), doc->>'$.a' FROM u", dialect: 'mysql' },
    // MariaDB reserves OFFSET from 10.6 on: an older server named in the settings takes it.
    { sql: 'CREATE TABLE pages (id INT, offset INT)', dialect: 'mariadb', config: { mariadbVersion: '10.5' } },
  ],
  invalid: [
    { sql: 'SELECT BIN_TO_UUID(id) FROM u', dialect: 'mariadb', messages: [/`BIN_TO_UUID\(\)` is a MySQL 8 function; MariaDB has no BIN_TO_UUID/] },
    { sql: "SELECT doc->>'$.a', doc->'$.b' FROM u", dialect: 'mariadb', messages: [/`->>` is MySQL's JSON operator/, /`->` is MySQL's JSON operator/] },
    { sql: 'DROP INDEX i ON u LOCK = NONE', dialect: 'mariadb', messages: [/`LOCK = …` after DROP INDEX is MySQL/] },
    { sql: 'CREATE TABLE pages (id INT, offset INT)', dialect: 'mariadb', messages: [/`offset` is a reserved word in MariaDB \(since 10\.6\)/], fixed: 'CREATE TABLE pages (id INT, `offset` INT)' },
    { sql: 'CREATE TABLE pages (id INT, offset INT)', dialect: 'mariadb', config: { mariadbVersion: '10.6' }, messages: [/`offset` is a reserved word/] },
  ],
});

statementRuleTable('postgres-syntax-in-mysql: inputs fuzzing found', {
  // A cast after a `)` that opens nothing names no operand: the syntax error is the finding, and
  // the rule does not crash.
  valid: [{ sql: ') :: 0', dialect: 'mysql' }],
  invalid: [],
});

describe('unsupported-dialect', () => {
  it('reports another engine\'s folder once, and nothing in it is linted', async () => {
    await initEngine();
    const host = createMemoryHost({
      '/w/db/sqlite/001_a.up.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);\nPRAGMA foreign_keys = ON;\nINSERT INTO missing VALUES (1);\n',
      '/w/db/sqlite/002_b.up.sql': 'DROP TABLE a;\n',
      '/w/db/postgres/001_a.up.sql': 'CREATE TABLE a (id bigint PRIMARY KEY);\n',
    });
    const analysis = analyze(['/w'], host, { config: defaultProjectConfig('/w') });
    assert.deepEqual(analysis.sets.map((set) => set.root), ['/w/db/postgres'], 'only the PostgreSQL set is analysed');
    const inSqlite = analysis.findings.filter((finding) => finding.file.startsWith('/w/db/sqlite/'));
    assert.deepEqual(inSqlite.map((finding) => [finding.rule, finding.severity, finding.file]), [['unsupported-dialect', 'info', '/w/db/sqlite/001_a.up.sql']]);
    assert.match(inSqlite[0].message, /^SQLite migrations \(folder "sqlite" on the path \/w\/db\/sqlite\): not checked\./);

    const off = analyze(['/w'], host, { config: { ...defaultProjectConfig('/w'), rules: { 'unsupported-dialect': 'off' } } });
    assert.deepEqual(off.findings.filter((finding) => finding.file.startsWith('/w/db/sqlite/')), []);
  });
});
