// The MySQL/MariaDB rules that judge what a definition means on the server.

import { statementRuleTable } from './helpers.js';

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
  ],
  invalid: [
    { sql: 'CREATE TABLE t (id CHAR(36) DEFAULT (uuid()))', dialect: 'mysql', messages: [/expression default `\(uuid\(\)\)`, which needs MySQL 8\.0\.13/] },
    { sql: 'CREATE TABLE t (id CHAR(36) DEFAULT uuid())', dialect: 'mariadb', messages: [/needs MariaDB 10\.2\.1/] },
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
