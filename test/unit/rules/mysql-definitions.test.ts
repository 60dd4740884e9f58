// The MySQL/MariaDB rules that judge what a definition means on the server.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, enabling, findingsOf, statementRuleTable } from './helpers.js';

statementRuleTable('mysql-inline-references-ignored', {
  valid: [
    { sql: 'CREATE TABLE books (id INT PRIMARY KEY, author_id INT, FOREIGN KEY (author_id) REFERENCES authors (id))', dialect: 'mysql' },
    { sql: 'ALTER TABLE books ADD COLUMN author_id INT, ADD FOREIGN KEY (author_id) REFERENCES authors (id)', dialect: 'mariadb' },
    { sql: 'CREATE TABLE books (id INT PRIMARY KEY, author_id INT REFERENCES authors (id))', dialect: 'postgres' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE books (\n  id INT PRIMARY KEY,\n  author_id INT REFERENCES authors (id) ON DELETE CASCADE\n)',
      dialect: 'mysql',
      messages: [/MySQL \(before 9\.0\) silently ignores REFERENCES in a column definition: no foreign key is created for `author_id`/],
      fixed: 'CREATE TABLE books (\n  id INT PRIMARY KEY,\n  author_id INT,\n  FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE\n)',
    },
    {
      sql: 'ALTER TABLE books ADD COLUMN author_id INT REFERENCES authors (id)',
      dialect: 'mysql',
      fixed: 'ALTER TABLE books ADD COLUMN author_id INT, ADD FOREIGN KEY (author_id) REFERENCES authors (id)',
    },
    {
      sql: 'CREATE TABLE books (id INT PRIMARY KEY, author_id INT NOT NULL REFERENCES authors (id)) ENGINE=InnoDB',
      dialect: 'mariadb',
      messages: [/MariaDB before 10\.5 ignores/],
      fixed: 'CREATE TABLE books (id INT PRIMARY KEY, author_id INT NOT NULL,\n  FOREIGN KEY (author_id) REFERENCES authors (id)) ENGINE=InnoDB',
    },
  ],
});

// The MariaDB verdicts are judged by a real server in test/db/mysql-key-length.test.ts; these are
// the MySQL-only and version-dependent ones, and the wording.
statementRuleTable('mysql-index-key-too-long', {
  valid: [
    { sql: 'CREATE TABLE users (email VARCHAR(191) NOT NULL, UNIQUE KEY users_email (email)) DEFAULT CHARSET=utf8mb4', dialect: 'mysql' },
    { sql: 'CREATE TABLE users (email VARCHAR(255) NOT NULL, UNIQUE KEY users_email (email)) DEFAULT CHARSET=utf8mb4', dialect: 'mysql' },
    { sql: 'CREATE TABLE users (email VARCHAR(255) NOT NULL, UNIQUE KEY users_email (email)) DEFAULT CHARSET=utf8mb4', dialect: 'mysql', config: { mysqlVersion: '5.7.9' } },
    { sql: 'CREATE TABLE users (email VARCHAR(191) NOT NULL, UNIQUE KEY users_email (email)) DEFAULT CHARSET=utf8mb4', dialect: 'mysql', config: { mysqlVersion: '5.6' } },
    { sql: 'CREATE TABLE users (code VARCHAR(1000) NOT NULL, PRIMARY KEY (code)) DEFAULT CHARSET=utf8mb4', dialect: 'postgres' },
    { sql: 'CREATE TABLE docs (body TEXT, FULLTEXT KEY docs_body (body)) DEFAULT CHARSET=utf8mb4', dialect: 'mysql' },
    { sql: 'CREATE TABLE docs (id BIGINT, price DECIMAL(65,30), at DATETIME, PRIMARY KEY (id, price, at)) DEFAULT CHARSET=utf8mb4', dialect: 'mysql' },
    // A widened column indexed by a prefix: the prefix is kept, through a rename too.
    { sql: 'CREATE TABLE tags (label VARCHAR(255), KEY tags_label (label(100))) DEFAULT CHARSET=utf8mb4; ALTER TABLE tags MODIFY label VARCHAR(1000)', dialect: 'mysql' },
    { sql: 'CREATE TABLE t (a VARCHAR(255), b VARCHAR(255), KEY t_ab (a(100), b)) DEFAULT CHARSET=utf8mb4; ALTER TABLE t CHANGE a c VARCHAR(2000)', dialect: 'mysql' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE users (email VARCHAR(1000) NOT NULL, UNIQUE KEY users_email (email)) DEFAULT CHARSET=utf8mb4',
      dialect: 'mysql',
      messages: [/^The unique key on `users` \(`email` varchar\(1000\) in utf8mb4\) is 4,000 bytes, over InnoDB's 3,072-byte limit: the server refuses the statement/],
    },
    {
      sql: 'CREATE TABLE users (email VARCHAR(1000) NOT NULL, UNIQUE KEY users_email (email)) DEFAULT CHARSET=utf8mb4',
      dialect: 'mariadb',
      config: { mariadbVersion: '10.3' },
      messages: [/is 4,000 bytes, over InnoDB's 3,072-byte limit: the server refuses the statement/],
    },
    {
      sql: 'CREATE TABLE users (email VARCHAR(255) NOT NULL, UNIQUE KEY users_email (email)) DEFAULT CHARSET=utf8mb4',
      dialect: 'mysql',
      config: { mysqlVersion: '5.6' },
      messages: [/^Column `email` of the unique key on `users` is 1,020 bytes \(`email` varchar\(255\) in utf8mb4\), over the 767 bytes a key column may have on MySQL 5\.6 \(mysqlVersion\), which allows no more before MySQL 5\.7\.7/],
    },
    {
      sql: 'CREATE TABLE tags (label VARCHAR(1000), KEY tags_label (label))',
      dialect: 'mysql',
      messages: [/MariaDB indexes only the first 768 characters instead \(warning 1071\), and MySQL does the same or, in strict mode, refuses it\. Write the prefix \(`label\(768\)`\).*\(Counted in utf8mb4, the default of MySQL 8\.0, MariaDB 11\.6 and Debian's MariaDB: the migrations give `label` no character set/],
    },
    {
      sql: 'CREATE TABLE t (a VARCHAR(255), b VARCHAR(255), KEY t_ab (a, b)) DEFAULT CHARSET=utf8mb4; ALTER TABLE t MODIFY a VARCHAR(600)',
      dialect: 'mariadb',
      messages: [/^The index `t_ab` on `t` \(`a` varchar\(600\) in utf8mb4: 2,400 bytes, `b` varchar\(255\) in utf8mb4: 1,020 bytes\) becomes 3,420 bytes, over InnoDB's 3,072-byte limit: the server refuses the statement/],
    },
    {
      // Reported where the key was made, not again where its column is redefined as wide as it was.
      sql: 'CREATE TABLE users (email VARCHAR(1000), UNIQUE KEY users_email (email)) DEFAULT CHARSET=utf8mb4; ALTER TABLE users MODIFY email VARCHAR(1000) NOT NULL',
      dialect: 'mariadb',
      messages: [/^The unique key on `users` \(`email` varchar\(1000\) in utf8mb4\) is 4,000 bytes/],
    },
  ],
});

statementRuleTable('mysql-legacy-utf-charset', {
  valid: [
    { sql: 'CREATE TABLE notes (body TEXT CHARACTER SET utf8mb4) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci', dialect: 'mysql' },
    { sql: "INSERT INTO settings (charset) VALUES ('utf8')", dialect: 'mariadb' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE notes (body TEXT) DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci',
      dialect: 'mysql',
      messages: [/`utf8` is utf8mb3, which cannot store 4-byte characters/, /use `utf8mb4_unicode_ci`/],
      fixed: 'CREATE TABLE notes (body TEXT) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    },
    { sql: 'ALTER TABLE notes CONVERT TO CHARACTER SET utf8mb3', dialect: 'mariadb', fixed: 'ALTER TABLE notes CONVERT TO CHARACTER SET utf8mb4' },
    { sql: 'ALTER TABLE notes MODIFY body TEXT CHARACTER SET utf8 NOT NULL', dialect: 'mysql', fixed: 'ALTER TABLE notes MODIFY body TEXT CHARACTER SET utf8mb4 NOT NULL' },
  ],
});

statementRuleTable('mysql-expression-default', {
  valid: [
    { sql: "CREATE TABLE t (id INT DEFAULT 0, name VARCHAR(10) DEFAULT 'x', at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, up DATETIME DEFAULT NOW())", dialect: 'mysql' },
    { sql: 'CREATE TABLE t (at DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3))', dialect: 'mariadb' },
    // The server named in the settings has them: nothing to tell.
    { sql: 'CREATE TABLE t (id CHAR(36) DEFAULT (uuid()))', dialect: 'mysql', config: { mysqlVersion: '8.0.13' } },
    { sql: 'CREATE TABLE t (id CHAR(36) DEFAULT uuid())', dialect: 'mariadb', config: { mariadbVersion: '10.11' } },
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id CHAR(36) DEFAULT (uuid()))', dialect: 'mysql', messages: [/expression default `\(uuid\(\)\)`, which needs MySQL 8\.0\.13/] },
    { sql: 'CREATE TABLE t (id CHAR(36) DEFAULT uuid())', dialect: 'mariadb', messages: [/needs MariaDB 10\.2\.1/] },
    { sql: 'CREATE TABLE t (id CHAR(36) DEFAULT (uuid()))', dialect: 'mysql', config: { mysqlVersion: '8.0' }, messages: [/needs MySQL 8\.0\.13 or later, and mysqlVersion says the server is MySQL 8\.0: it rejects the migration/] },
  ],
});

describe('a server version from the project\'s compose file', () => {
  const compose = (image: string, config = {}) =>
    check({ 'docker-compose.yml': `services:\n  db:\n    image: ${image}\n`, '001_users.up.sql': 'ALTER TABLE users RENAME COLUMN name TO full_name;\n' }, { dialect: 'mysql', rules: enabling('mysql-feature-needs-newer-server'), config });
  it('gates the version rules, and the message says where the version was read', () => {
    const [finding] = findingsOf(compose('mysql:5.7'), 'mysql-feature-needs-newer-server');
    assert.match(finding?.message ?? '', /needs MySQL 8\.0 or later, and the image mysql:5\.7 in docker-compose\.yml says the server is MySQL 5\.7/);
    assert.deepEqual(findingsOf(compose('mysql:8.4'), 'mysql-feature-needs-newer-server'), []);
  });
  it('gives way to mysqlVersion', () => {
    assert.deepEqual(findingsOf(compose('mysql:5.7', { mysqlVersion: '8.0' }), 'mysql-feature-needs-newer-server'), []);
  });
});

statementRuleTable('mysql-feature-needs-newer-server', {
  valid: [
    // No version configured: a current release, which has all of these.
    { sql: 'ALTER TABLE users RENAME COLUMN name TO full_name', dialect: 'mysql' },
    { sql: 'ALTER TABLE users RENAME COLUMN name TO full_name', dialect: 'mysql', config: { mysqlVersion: '8.0' } },
    { sql: 'ALTER TABLE users RENAME COLUMN name TO full_name', dialect: 'mariadb', config: { mariadbVersion: '10.5.2' } },
    { sql: 'ALTER TABLE users RENAME INDEX a TO b', dialect: 'mysql', config: { mysqlVersion: '5.7' } },
    { sql: 'ALTER TABLE users ADD COLUMN doc JSON, ALGORITHM = INSTANT', dialect: 'mysql', config: { mysqlVersion: '8.4' } },
    { sql: 'CREATE TABLE hosts (id UUID PRIMARY KEY, address INET6)', dialect: 'mariadb', config: { mariadbVersion: '10.11' } },
    { sql: 'CREATE TABLE t (id INT, CHECK (id > 0))', dialect: 'mysql', config: { mysqlVersion: '8.0.16' } },
    { sql: 'CREATE TABLE t (id INT, CHECK (id > 0))', dialect: 'mariadb', config: { mariadbVersion: '10.3' } },
    // A column named like a feature is no feature.
    { sql: 'CREATE TABLE t (rename INT, `json` INT)', dialect: 'mysql', config: { mysqlVersion: '5.6' } },
    // The other server's version does not apply.
    { sql: 'ALTER TABLE users RENAME COLUMN name TO full_name', dialect: 'mysql', config: { mariadbVersion: '10.3' } },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users RENAME COLUMN name TO full_name',
      dialect: 'mysql',
      config: { mysqlVersion: '5.7' },
      messages: [/^`RENAME COLUMN` needs MySQL 8\.0 or later, and mysqlVersion says the server is MySQL 5\.7: it rejects the migration\. Write `CHANGE COLUMN a b <its full definition>` instead\.$/],
    },
    { sql: 'ALTER TABLE users RENAME COLUMN name TO full_name', dialect: 'mariadb', config: { mariadbVersion: '10.4' }, messages: [/needs MariaDB 10\.5\.2 or later, and mariadbVersion says the server is MariaDB 10\.4/] },
    { sql: 'ALTER TABLE users RENAME KEY a TO b', dialect: 'mariadb', config: { mariadbVersion: '10.3' }, messages: [/`RENAME KEY` needs MariaDB 10\.5\.2/] },
    { sql: 'ALTER TABLE users ADD COLUMN nickname VARCHAR(20), ALGORITHM=INSTANT', dialect: 'mysql', config: { mysqlVersion: '8.0.11' }, messages: [/`ALGORITHM = INSTANT` needs MySQL 8\.0\.12/] },
    { sql: 'CREATE TABLE docs (id INT, body JSON NOT NULL)', dialect: 'mysql', config: { mysqlVersion: '5.6' }, messages: [/The `JSON` column type needs MySQL 5\.7\.8/] },
    { sql: 'CREATE TABLE hosts (id UUID PRIMARY KEY, address INET6)', dialect: 'mariadb', config: { mariadbVersion: '10.5' }, messages: [/The `UUID` column type needs MariaDB 10\.7/] },
    { sql: 'UPDATE users u JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM users) r ON r.id = u.id SET u.position = r.n', dialect: 'mysql', config: { mysqlVersion: '5.7' }, messages: [/A window function \(`OVER`\) needs MySQL 8\.0/] },
    { sql: 'WITH old AS (SELECT id FROM users WHERE id < 10) DELETE FROM users WHERE id IN (SELECT id FROM old)', dialect: 'mariadb', config: { mariadbVersion: '10.1' }, messages: [/A common table expression \(`WITH … AS`\) needs MariaDB 10\.2\.1/] },
    { sql: 'CREATE TABLE orders (total INT, CHECK (total >= 0))', dialect: 'mysql', config: { mysqlVersion: '5.7' }, messages: [/CHECK constraints are enforced from MySQL 8\.0\.16 on; mysqlVersion says the server is MySQL 5\.7, which accepts this one and never checks it/] },
  ],
});

statementRuleTable('mysql-unparenthesized-expression-default', {
  valid: [
    { sql: 'CREATE TABLE t (id CHAR(36) DEFAULT (uuid()), at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)', dialect: 'mysql' },
    { sql: 'CREATE TABLE t (id CHAR(36) DEFAULT uuid())', dialect: 'mariadb' },
  ],
  invalid: [
    {
      sql: 'ALTER TABLE t ADD COLUMN id CHAR(36) DEFAULT uuid()',
      dialect: 'mysql',
      messages: [/MySQL rejects the expression default `uuid\(\)` of `id` without parentheses/],
      fixed: 'ALTER TABLE t ADD COLUMN id CHAR(36) DEFAULT (uuid())',
    },
  ],
});
