import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze, initEngine } from '../../../server/src/engine/analyze.js';
import { defaultProjectConfig } from '../../../server/src/engine/config/index.js';
import type { Dialect } from '../../../server/src/engine/model/source.js';
import { createMemoryHost } from '../discover/memory-host.js';
import { check, findingsOf, ROOT } from './helpers.js';

before(() => initEngine());

/** golang-migrate files from `ups` (name → SQL), each with an empty down. */
const golang = (ups: Record<string, string>) => Object.fromEntries(Object.entries(ups).flatMap(([name, sql]) => [[`${name}.up.sql`, sql], [`${name}.down.sql`, '']]));
const found = (ups: Record<string, string>, rule: string, dialect: Dialect = 'postgres') => findingsOf(check(golang(ups), { dialect }), rule);
const messages = (ups: Record<string, string>, rule: string, dialect: Dialect = 'postgres') => found(ups, rule, dialect).map((f) => f.message);
const fileOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

const movies = 'CREATE TABLE movies (id int PRIMARY KEY, title text);';

describe('missing-table-reference', () => {
  it('names the later migration that creates a foreign key target (the Radarr case)', () => {
    const result = found(
      {
        '001_movies': movies,
        '007_wanted_movies': 'CREATE TABLE wanted_movies (movie_id int REFERENCES movies (id), quality_id int REFERENCES quality_definitions (id));',
        '008_quality_definitions_fix': 'CREATE TABLE quality_definitions (id int PRIMARY KEY);',
      },
      'missing-table-reference',
    );
    assert.deepEqual(result.map((f) => f.message), [
      'A foreign key of `wanted_movies` references table `quality_definitions`, which is created in 008_quality_definitions_fix.up.sql, after this migration.',
    ]);
    assert.equal(fileOf(result[0].related[0].location.file), '008_quality_definitions_fix.up.sql');
  });
  it('says where a table was dropped or renamed earlier', () => {
    assert.deepEqual(messages({ '001_movies': movies, '002_drop': 'DROP TABLE movies;', '003_use': "INSERT INTO movies (id) VALUES (1);" }, 'missing-table-reference'), [
      'INSERT uses table `movies`, which was dropped in 002_drop.up.sql.',
    ]);
    assert.deepEqual(messages({ '001_movies': movies, '002_rename': 'ALTER TABLE movies RENAME TO films;', '003_use': 'CREATE INDEX movies_title ON movies (title);' }, 'missing-table-reference'), [
      'CREATE INDEX uses table `movies`, which was renamed to `films` in 002_rename.up.sql.',
    ]);
  });
  it('reports a table no migration creates once history has clearly started from scratch', () => {
    const ups = { '001_movies': movies, '002_a': 'SELECT 1;', '003_b': 'SELECT 1;', '004_c': 'ALTER TABLE moovies ADD COLUMN year int;' };
    assert.deepEqual(messages(ups, 'missing-table-reference'), ['ALTER TABLE `moovies` uses table `moovies`, which no migration creates.']);
  });
  it('reports one missing table once per file, with how many more times the file uses it', () => {
    const rows = Array.from({ length: 5 }, (_, i) => `INSERT INTO ratings (id) VALUES (${i});`).join('\n');
    const ups = { '001_movies': movies, '002_a': 'SELECT 1;', '003_b': 'SELECT 1;', '004_seed': rows, '005_more': 'INSERT INTO ratings (id) VALUES (9);' };
    const result = found(ups, 'missing-table-reference');
    assert.deepEqual(
      result.map((f) => [fileOf(f.file), f.range.start.line, f.message, f.related.map((r) => r.location.range.start.line)]),
      [
        ['004_seed.up.sql', 0, 'INSERT uses table `ratings`, which no migration creates. It is used 4 more times in this file.', [1, 2, 3, 4]],
        ['005_more.up.sql', 0, 'INSERT uses table `ratings`, which no migration creates.', []],
      ],
    );
  });
  it('leaves a table to the syntax error of the statement that would have created it', () => {
    const ups = { '001_movies': movies, '002_a': 'SELECT 1;', '003_b': 'SELECT 1;', '004_comments': 'CREATE TABLE comments (id int,);\nCREATE INDEX comments_id ON comments (id);' };
    assert.deepEqual(messages(ups, 'missing-table-reference'), []);
    assert.equal(found(ups, 'syntax-error').length, 1);
  });
  it('stays quiet on IF EXISTS, on tables created earlier, and in MySQL trees', () => {
    assert.deepEqual(messages({ '001_movies': movies, '002_drop': 'DROP TABLE IF EXISTS ratings; ALTER TABLE IF EXISTS ratings ADD COLUMN x int;', '003_use': 'UPDATE movies SET title = NULL WHERE id = 1;' }, 'missing-table-reference'), []);
    assert.deepEqual(messages({ '001_movies': 'CREATE TABLE movies (id INT AUTO_INCREMENT PRIMARY KEY);', '002_use': 'ALTER TABLE movies ADD COLUMN year INT;' }, 'missing-table-reference', 'mysql'), []);
  });
  it('assumes the tables a lone file does not create exist, as squawk does', () => {
    const host = createMemoryHost({ '/repo/scratch/change.sql': 'ALTER TABLE users ADD COLUMN last_login_at timestamptz;' });
    const analysis = analyze(['/repo/scratch/change.sql'], host, { dialect: 'postgres', config: defaultProjectConfig('/repo') });
    assert.equal(analysis.sets[0]?.standalone, true);
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('missing-') || f.rule === 'partial-migration-history'), []);
  });
});

describe('missing-column-reference', () => {
  it("checks the columns a table's own keys name, which both servers reject when missing", () => {
    for (const dialect of ['postgres', 'mysql'] as const) {
      const ups = {
        '001_c': 'CREATE TABLE c (id int PRIMARY KEY);',
        '002_d': 'CREATE TABLE d (id int, FOREIGN KEY (x) REFERENCES c (id), CONSTRAINT d_u UNIQUE (y), PRIMARY KEY (z));',
        '003_e': 'ALTER TABLE c ADD COLUMN w int, ADD CONSTRAINT c_w UNIQUE (w), ADD CONSTRAINT c_v UNIQUE (v);',
      };
      assert.deepEqual(messages(ups, 'missing-column-reference', dialect), [
        'A foreign key of `d` uses column `d.x`, which no migration creates.',
        'CREATE TABLE `d` uses column `d.y`, which no migration creates.',
        'CREATE TABLE `d` uses column `d.z`, which no migration creates.',
        'ALTER TABLE `c` uses column `c.v`, which no migration creates.',
      ], dialect);
    }
  });
  it('names the migration that renamed a column', () => {
    const ups = { '001_users': 'CREATE TABLE users (id int PRIMARY KEY, name text);', '012_rename': 'ALTER TABLE users RENAME COLUMN name TO full_name;', '013_backfill': "UPDATE users SET name = 'x';" };
    const result = found(ups, 'missing-column-reference');
    assert.deepEqual(result.map((f) => f.message), ['UPDATE uses column `users.name`, which was renamed to `full_name` in 012_rename.up.sql.']);
    assert.equal(result[0].related[0].message, 'was renamed to `full_name` here');
  });
  it('checks foreign key target columns and index columns', () => {
    const ups = { '001_movies': movies, '002_credits': 'CREATE TABLE credits (movie_id int REFERENCES movies (movie_id)); CREATE INDEX movies_year ON movies (year);' };
    assert.deepEqual(messages(ups, 'missing-column-reference'), [
      'A foreign key of `credits` references column `movies.movie_id`, which no migration creates.',
      'CREATE INDEX uses column `movies.year`, which no migration creates.',
    ]);
  });
  it('stays quiet on columns that exist, DROP COLUMN IF EXISTS and expression indexes', () => {
    const ups = { '001_movies': movies, '002_more': 'ALTER TABLE movies DROP COLUMN IF EXISTS rating; CREATE INDEX movies_lower_title ON movies (lower(title)); INSERT INTO movies (id, title) VALUES (1, $$x$$);' };
    assert.deepEqual(messages(ups, 'missing-column-reference'), []);
  });
});

/** What an error in the third statement of a MySQL file adds: the two before it stay applied. */
const STAYS_APPLIED = 'commits each DDL statement as it runs: when this one fails, the 2 statements on lines 1 and 2 before it stay applied. Undo them by hand before running the migration again, or fix this statement first.';

describe('a failing MySQL statement says what stays applied before it', () => {
  it('names the DDL statements before it in its file, on MySQL and MariaDB only', () => {
    const ups = { '001_users': 'CREATE TABLE users (id INT PRIMARY KEY);', '002_more': 'CREATE TABLE a (id INT);\nINSERT INTO a (id) VALUES (1);\nALTER TABLE a ADD COLUMN b INT;\nCREATE TABEL c (id INT);' };
    const [mysqlError] = findingsOf(check(golang(ups), { dialect: 'mysql' }), 'syntax-error');
    assert.match(mysqlError.message, / MySQL commits each DDL statement as it runs: when this one fails, the 2 statements on lines 1 and 3 before it stay applied\. Undo them by hand/);
    const [postgresError] = findingsOf(check(golang(ups), { dialect: 'postgres' }), 'syntax-error');
    assert.doesNotMatch(postgresError.message, /commits each DDL/);
  });
  it('says nothing for the first statement of a file, or after data changes only', () => {
    const ups = { '001_users': 'CREATE TABLE users (id INT PRIMARY KEY);', '002_first': 'CREATE TABEL c (id INT);', '003_data': 'INSERT INTO users (id) VALUES (1);\nCREATE TABEL d (id INT);' };
    assert.deepEqual(findingsOf(check(golang(ups), { dialect: 'mariadb' }), 'syntax-error').filter((f) => /commits each DDL/.test(f.message)), []);
  });
});

describe('MySQL routines in a framework that sends the file to the server whole', () => {
  const procedure = 'CREATE PROCEDURE purge(IN days INT)\nBEGIN\n  DELETE FROM users WHERE id < days;\n  IF days > 9 THEN\n    SELECT 1;\n  END IF;\nEND;';
  it('golang-migrate: a BEGIN … END body needs no DELIMITER, and a DELIMITER line is an error saying why', () => {
    const ups = { '001_users': 'CREATE TABLE users (id INT PRIMARY KEY);', '002_purge': procedure };
    assert.deepEqual(findingsOf(check(golang(ups), { dialect: 'mariadb' }), 'syntax-error'), []);
    const withDelimiter = { ...ups, '002_purge': `DELIMITER $$\n${procedure.slice(0, -1)}$$\nDELIMITER ;` };
    const errors = findingsOf(check(golang(withDelimiter), { dialect: 'mariadb' }), 'syntax-error');
    assert.deepEqual(errors.map((f) => f.range.start.line), [0, 8]);
    assert.match(errors[0].message, /^DELIMITER is a command of the mysql client, not SQL: this framework sends the file to the server as it is/);
  });
});

describe('SQL built or kept for run time', () => {
  const users = 'CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200));';
  it('follows PREPARE … EXECUTE of literal SQL, as MySQL migrations add a column only where it is missing', () => {
    const ups = {
      '001_users': users,
      '002_nickname': "SET @sql = CONCAT('ALTER TABLE users ADD COLUMN ', 'nickname', \" VARCHAR(50)\");\nPREPARE stmt FROM @sql;\nEXECUTE stmt;\nDEALLOCATE PREPARE stmt;",
      '003_immediate': "EXECUTE IMMEDIATE 'CREATE INDEX users_email ON users (email)';",
      '004_use': 'CREATE INDEX users_nickname ON users (nickname);\nDROP INDEX users_email ON users;\nCREATE INDEX users_age ON users (age);',
    };
    for (const dialect of ['mysql', 'mariadb'] as const) {
      const findings = check(golang(ups), { dialect }).findings.filter((f) => f.rule.startsWith('missing-'));
      const server = dialect === 'mariadb' ? 'MariaDB' : 'MySQL';
      assert.deepEqual(
        findings.map((f) => [f.rule, f.severity, f.message]),
        [['missing-column-reference', 'error', `CREATE INDEX uses column \`users.age\`, which no migration creates. ${server} ${STAYS_APPLIED}`]],
        dialect,
      );
    }
  });
  it('reports SQL that the literal parts build wrongly at the EXECUTE', () => {
    const ups = { '001_users': users, '002_bad': "PREPARE s FROM 'ALTER TABEL users ADD COLUMN x INT';\nEXECUTE s;" };
    const errors = findingsOf(check(golang(ups), { dialect: 'mariadb' }), 'syntax-error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /^the SQL it runs does not parse: /);
    assert.equal(errors[0].range.start.line, 1);
  });
  it('takes a column that SQL built at run time or a procedure mentions as created by it, with an info saying so', () => {
    const ups = {
      '001_users': users,
      '002_score': "SET @n = (SELECT COUNT(*) FROM users);\nSET @sql = IF(@n > 0, 'SELECT 1', 'ALTER TABLE users ADD COLUMN score INT');\nPREPARE s FROM @sql;\nEXECUTE s;",
      '003_age':
        "DROP PROCEDURE IF EXISTS add_age;\nDELIMITER $$\nCREATE PROCEDURE add_age()\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'age') THEN\n    ALTER TABLE users ADD COLUMN age INT;\n  END IF;\nEND$$\nDELIMITER ;\nCALL add_age();\nDROP PROCEDURE add_age;",
      '004_use': 'CREATE INDEX users_score ON users (score);\nCREATE INDEX users_age ON users (age);\nCREATE INDEX users_typo ON users (agee);',
    };
    const findings = check(golang(ups), { dialect: 'mariadb' }).findings.filter((f) => f.rule === 'missing-column-reference');
    assert.deepEqual(
      findings.map((f) => [f.severity, f.message, f.related.map((r) => `${fileOf(r.location.file)}:${r.location.range.start.line + 1} ${r.message}`)]),
      [
        ['info', 'CREATE INDEX uses column `users.score`, which no statement the replay can read creates; SQL that runs from text built while the migration runs mentions `score` and is taken to create it.', ['002_score.up.sql:4 SQL that runs from text built while the migration runs']],
        ['info', 'CREATE INDEX uses column `users.age`, which no statement the replay can read creates; SQL that runs in a procedure mentions `age` and is taken to create it.', ['003_age.up.sql:3 SQL that runs in a procedure']],
        ['error', `CREATE INDEX uses column \`users.agee\`, which no migration creates. MariaDB ${STAYS_APPLIED}`, []],
      ],
    );
  });
  it('does the same for a PostgreSQL DO block that creates a table with EXECUTE', () => {
    const ups = {
      '001_users': 'CREATE TABLE users (id int PRIMARY KEY);',
      '002_audit': "DO $$\nBEGIN\n  EXECUTE format('CREATE TABLE %I (id int)', 'audit_log');\nEND\n$$;",
      '003_use': 'CREATE INDEX audit_log_id ON audit_log (id);',
    };
    assert.deepEqual(found(ups, 'missing-table-reference').map((f) => f.severity), ['info']);
  });
});

describe('missing-object-reference', () => {
  it('reports a constraint dropped under a name the database never gave it', () => {
    const ups = { '001_users': 'CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE);', '002_drop': 'ALTER TABLE users DROP CONSTRAINT users_email_unique;' };
    assert.deepEqual(messages(ups, 'missing-object-reference'), ['ALTER TABLE `users` uses constraint `users.users_email_unique`, which no migration creates.']);
  });
  it('says where an index was dropped before', () => {
    const ups = { '001_movies': `${movies} CREATE INDEX movies_title ON movies (title);`, '002_drop': 'DROP INDEX movies_title;', '003_again': 'DROP INDEX movies_title;' };
    assert.deepEqual(messages(ups, 'missing-object-reference'), ['DROP INDEX uses index `movies_title`, which was dropped in 002_drop.up.sql.']);
  });
  it('stays quiet on the generated name and on IF EXISTS', () => {
    const ups = { '001_users': 'CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE);', '002_drop': 'ALTER TABLE users DROP CONSTRAINT users_email_key; DROP INDEX IF EXISTS nothing_here;' };
    assert.deepEqual(messages(ups, 'missing-object-reference'), []);
  });
});

describe('foreign-key-target-not-unique', () => {
  const base = 'CREATE TABLE movies (id int PRIMARY KEY, imdb_id text, tmdb_id int);';
  it('fires on PostgreSQL when the target columns are not a key', () => {
    assert.deepEqual(messages({ '001_movies': base, '002_credits': 'CREATE TABLE credits (imdb_id text REFERENCES movies (imdb_id));' }, 'foreign-key-target-not-unique'), [
      'The foreign key references `imdb_id` of `movies`, which is not its primary key or a unique key: PostgreSQL refuses it ("there is no unique constraint matching given keys").',
    ]);
  });
  it('fires when the target has no primary key and no columns are named', () => {
    assert.match(messages({ '001_tags': 'CREATE TABLE tags (name text);', '002_links': 'CREATE TABLE links (tag text REFERENCES tags);' }, 'foreign-key-target-not-unique')[0], /`tags` has no primary key/);
  });
  it('warns on MySQL when only a plain index serves, errors without one, and accepts it on MariaDB', () => {
    const mysqlBase = 'CREATE TABLE movies (id INT PRIMARY KEY, imdb_id VARCHAR(20), year INT, INDEX idx_imdb (imdb_id));';
    const plain = { '001_movies': mysqlBase, '002_credits': 'CREATE TABLE credits (imdb_id VARCHAR(20), FOREIGN KEY (imdb_id) REFERENCES movies (imdb_id));' };
    const warned = found(plain, 'foreign-key-target-not-unique', 'mysql');
    assert.deepEqual(warned.map((f) => f.severity), ['warning']);
    assert.deepEqual(messages(plain, 'foreign-key-target-not-unique', 'mariadb'), []);
    const none = { '001_movies': mysqlBase, '002_credits': 'CREATE TABLE credits (year INT, FOREIGN KEY (year) REFERENCES movies (year));' };
    assert.deepEqual(found(none, 'foreign-key-target-not-unique', 'mysql').map((f) => f.severity), ['error']);
  });
  it('stays quiet on primary keys, unique constraints, unique indexes and self references', () => {
    const ups = {
      '001_movies': `${base} ALTER TABLE movies ADD CONSTRAINT movies_imdb_key UNIQUE (imdb_id); CREATE UNIQUE INDEX movies_tmdb ON movies (tmdb_id);`,
      '002_links': 'CREATE TABLE links (a text REFERENCES movies (imdb_id), b int REFERENCES movies (tmdb_id), c int REFERENCES movies);',
      '003_tree': 'CREATE TABLE nodes (id int PRIMARY KEY, parent_id int REFERENCES nodes (id));',
    };
    assert.deepEqual(messages(ups, 'foreign-key-target-not-unique'), []);
  });
});

describe('dropped-object-used-later', () => {
  it('fires on the drop and points at every later use', () => {
    const ups = {
      '001_quality': 'CREATE TABLE quality_definitions (id int PRIMARY KEY, name text);',
      '010_refactor': 'DROP TABLE quality_definitions;',
      '011_seed': "INSERT INTO quality_definitions (name) VALUES ('HD');",
      '012_index': 'CREATE INDEX quality_name ON quality_definitions (name);',
    };
    const result = found(ups, 'dropped-object-used-later');
    assert.deepEqual(result.map((f) => f.message), ['Table `quality_definitions` is dropped here, but later migrations still use it: 011_seed.up.sql, 012_index.up.sql.']);
    assert.equal(fileOf(result[0].file), '010_refactor.up.sql');
    assert.deepEqual(result[0].related.map((r) => fileOf(r.location.file)), ['011_seed.up.sql', '012_index.up.sql']);
  });
  it('fires on a column rename that later migrations ignore', () => {
    const ups = { '001_users': 'CREATE TABLE users (id int PRIMARY KEY, name text);', '002_rename': 'ALTER TABLE users RENAME COLUMN name TO full_name;', '003_index': 'CREATE INDEX users_name ON users (name);' };
    assert.deepEqual(messages(ups, 'dropped-object-used-later'), ['Column `users.name` is renamed to `full_name` here, but later migrations still use the old name: 003_index.up.sql.']);
  });
  it('stays quiet when the object is recreated before the later use', () => {
    const ups = { '001_movies': movies, '002_rebuild': `DROP TABLE movies; ${movies}`, '003_use': 'CREATE INDEX movies_title ON movies (title);' };
    assert.deepEqual(messages(ups, 'dropped-object-used-later'), []);
  });
});

describe('drop-referenced-table', () => {
  const schema = `${movies} CREATE TABLE wanted_movies (id int PRIMARY KEY, movie_id int CONSTRAINT fk_wanted_movie REFERENCES movies (id));`;
  it('is an error on PostgreSQL without CASCADE, pointing at the referencing foreign key', () => {
    const result = found({ '001_schema': schema, '002_drop': 'DROP TABLE movies;' }, 'drop-referenced-table');
    assert.deepEqual(result.map((f) => [f.severity, f.message]), [
      ['error', '`movies` is still referenced by foreign keys of `wanted_movies`: PostgreSQL refuses to drop it without CASCADE ("other objects depend on it").'],
    ]);
    assert.equal(result[0].related[0].message, 'foreign key `fk_wanted_movie` of `wanted_movies` references it');
  });
  it('is a warning with CASCADE on PostgreSQL, and an error on MySQL, which ignores CASCADE', () => {
    assert.deepEqual(found({ '001_schema': schema, '002_drop': 'DROP TABLE movies CASCADE;' }, 'drop-referenced-table').map((f) => f.severity), ['warning']);
    const mysql = { '001_schema': 'CREATE TABLE movies (id INT PRIMARY KEY); CREATE TABLE wanted_movies (movie_id INT, FOREIGN KEY (movie_id) REFERENCES movies (id));', '002_drop': 'DROP TABLE movies CASCADE;' };
    assert.match(messages(mysql, 'drop-referenced-table', 'mysql')[0], /refuse to drop a table that foreign keys reference \(CASCADE is accepted and ignored\)/);
  });
  it('warns on MySQL with FOREIGN_KEY_CHECKS = 0 unless the migration recreates the table', () => {
    const table = 'CREATE TABLE movies (id INT PRIMARY KEY);';
    const base = { '001_schema': `${table} CREATE TABLE wanted_movies (movie_id INT, FOREIGN KEY (movie_id) REFERENCES movies (id));` };
    assert.deepEqual(found({ ...base, '002_drop': 'SET FOREIGN_KEY_CHECKS = 0; DROP TABLE movies; SET FOREIGN_KEY_CHECKS = 1;' }, 'drop-referenced-table', 'mysql').map((f) => f.severity), ['warning']);
    assert.deepEqual(messages({ ...base, '002_rebuild': `SET FOREIGN_KEY_CHECKS = 0; DROP TABLE movies; ${table} SET FOREIGN_KEY_CHECKS = 1;` }, 'drop-referenced-table', 'mysql'), []);
  });
  it('stays quiet when the referencing table goes first or in the same statement', () => {
    assert.deepEqual(messages({ '001_schema': schema, '002_drop': 'DROP TABLE wanted_movies; DROP TABLE movies;' }, 'drop-referenced-table'), []);
    assert.deepEqual(messages({ '001_schema': schema, '002_drop': 'DROP TABLE movies, wanted_movies;' }, 'drop-referenced-table'), []);
  });
});

describe('partial-migration-history', () => {
  const adopted = {
    '001_add_last_login': 'ALTER TABLE users ADD COLUMN last_login_at timestamptz;',
    '002_orders_index': 'CREATE INDEX orders_placed_at ON orders (placed_at);',
    '003_tags': 'CREATE TABLE tags (id int PRIMARY KEY, user_id int REFERENCES users (id));',
  };
  it('reports once, on the first migration, listing the tables assumed to exist', () => {
    const analysis = check(golang(adopted), { dialect: 'postgres' });
    const info = findingsOf(analysis, 'partial-migration-history');
    assert.equal(info.length, 1);
    assert.equal(info[0].severity, 'info');
    assert.equal(fileOf(info[0].file), '001_add_last_login.up.sql');
    assert.match(info[0].message, /no migration creates \(`users`, `orders`\); they are assumed to exist/);
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('missing-')), []);
  });
  it('is not assumed when the first migration builds tables and misses one: a lost CREATE TABLE, which the database rejects', () => {
    const ups = {
      '001_init': 'CREATE TABLE accounts (id int PRIMARY KEY);\nCREATE TABLE invoices (id int PRIMARY KEY, customer_id int REFERENCES customers (id));',
      '002_more': 'ALTER TABLE customers ADD COLUMN email text;',
    };
    const analysis = check(golang(ups), { dialect: 'postgres' });
    assert.deepEqual(findingsOf(analysis, 'partial-migration-history'), []);
    const errors = findingsOf(analysis, 'missing-table-reference');
    assert.deepEqual(
      errors.map((f) => [fileOf(f.file), f.severity, f.message]),
      [
        ['001_init.up.sql', 'error', 'A foreign key of `invoices` references table `customers`, which no migration creates. If the database had it before this history began, set "assumeExistingSchema": true in .migration-lens.json.'],
        ['002_more.up.sql', 'error', 'ALTER TABLE `customers` uses table `customers`, which no migration creates. If the database had it before this history began, set "assumeExistingSchema": true in .migration-lens.json.'],
      ],
    );
    assert.deepEqual(errors[0].fixes?.map((fix) => [fix.title, fix.edits.map((e) => [e.file, e.newText])]), [
      ['The history starts on an existing database: create .migration-lens.json with "assumeExistingSchema": true', [[`${ROOT}/.migration-lens.json`, '{\n  "assumeExistingSchema": true\n}\n']]],
    ]);
  });
  it('is assumed when the project says so, and the info says why', () => {
    const ups = { '001_init': 'CREATE TABLE invoices (id int PRIMARY KEY, customer_id int REFERENCES customers (id));' };
    const files = Object.fromEntries(Object.entries(golang(ups)).map(([path, text]) => [`${ROOT}/${path}`, text]));
    const config = { ...defaultProjectConfig('/repo'), assumeExistingSchema: true, source: '/repo/.migration-lens.json' };
    const analysis = analyze([ROOT], createMemoryHost(files), { dialect: 'postgres', config });
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('missing-')), []);
    assert.match(findingsOf(analysis, 'partial-migration-history')[0].message, /^History starts on an existing database \("assumeExistingSchema" is set in \/repo\/\.migration-lens\.json\): the first migrations use tables that no migration creates \(`customers`\)/);
    assert.match(findingsOf(check(golang(adopted), { dialect: 'postgres' }), 'partial-migration-history')[0].message, /^History starts on an existing database \(its first migration creates no table and changes existing ones\)/);
  });
  it('still reports a table used before a later migration creates it', () => {
    const ups = { ...adopted, '004_late': 'CREATE TABLE ratings (id int PRIMARY KEY);' , '002_orders_index': 'CREATE INDEX ratings_id ON ratings (id);' };
    assert.deepEqual(messages(ups, 'missing-table-reference'), ['CREATE INDEX uses table `ratings`, which is created in 004_late.up.sql, after this migration.']);
  });
  it('is replaced by a baseline schema: references to its tables are fine and nothing is assumed', () => {
    const files = Object.fromEntries(Object.entries(golang(adopted)).map(([path, text]) => [`${ROOT}/${path}`, text]));
    files['/repo/db/schema.sql'] = 'CREATE TABLE users (id int PRIMARY KEY, email text);\nCREATE TABLE orders (id int PRIMARY KEY, placed_at timestamptz);\n';
    const config = { ...defaultProjectConfig('/repo'), baseline: '/repo/db/schema.sql' };
    const analysis = analyze([ROOT], createMemoryHost(files), { dialect: 'postgres', config });
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('missing-') || f.rule === 'partial-migration-history'), []);
    files[`${ROOT}/004_typo.up.sql`] = 'CREATE INDEX orders_total ON orders (total);';
    files[`${ROOT}/004_typo.down.sql`] = '';
    const typo = analyze([ROOT], createMemoryHost(files), { dialect: 'postgres', config });
    assert.deepEqual(typo.findings.filter((f) => f.rule === 'missing-column-reference').map((f) => f.message), ['CREATE INDEX uses column `orders.total`, which neither the baseline schema nor any migration creates.']);
  });
});

describe('object-already-exists', () => {
  it('reports a table created again while it exists, across migrations and within one file, with where it was created', () => {
    for (const dialect of ['postgres', 'mysql'] as const) {
      const ups = { '001_users': 'CREATE TABLE users (id int PRIMARY KEY);', '002_again': 'CREATE TABLE users (id int PRIMARY KEY, email text);\nCREATE TABLE tags (id int);\nCREATE TABLE tags (id int);' };
      const result = found(ups, 'object-already-exists', dialect);
      assert.deepEqual(result.map((f) => f.message), [
        'Table `users` already exists here (created in 001_users.up.sql): the database refuses to create it again and the migration stops.',
        `Table \`tags\` already exists here (created in 002_again.up.sql): the database refuses to create it again and the migration stops.${dialect === 'mysql' ? ` MySQL ${STAYS_APPLIED}` : ''}`,
      ], dialect);
      assert.equal(result[0].related[0].message, '`users` is created here');
    }
  });
  it('reports a column or an index added twice', () => {
    const ups = { '001_users': 'CREATE TABLE users (id int PRIMARY KEY, email text);\nCREATE INDEX users_email ON users (email);', '002_more': 'ALTER TABLE users ADD COLUMN email text;\nCREATE INDEX users_email ON users (email);' };
    assert.deepEqual(found(ups, 'object-already-exists').map((f) => f.message.split(':')[0]), ['Column `users.email` already exists here (created in 001_users.up.sql)', 'Index `users_email` already exists here (created in 001_users.up.sql)']);
  });
  it('stays quiet with IF NOT EXISTS, after a drop, and for what a partial history only assumes', () => {
    const ups = {
      '001_users': 'ALTER TABLE accounts ADD COLUMN note text;\nCREATE TABLE users (id int PRIMARY KEY);',
      '002_again': 'CREATE TABLE IF NOT EXISTS users (id int);\nDROP TABLE users;\nCREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE accounts (id int);',
    };
    assert.deepEqual(messages(ups, 'object-already-exists'), []);
  });
});

describe('if-not-exists-keeps-earlier', () => {
  it('names the columns a skipped CREATE TABLE IF NOT EXISTS never adds, and where the table was created', () => {
    for (const dialect of ['postgres', 'mysql'] as const) {
      const ups = {
        '001_users': 'CREATE TABLE users (id int PRIMARY KEY);',
        '002_again': 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, email text, name text);',
        '003_use': 'UPDATE users SET email = NULL;',
      };
      const result = found(ups, 'if-not-exists-keeps-earlier', dialect);
      assert.deepEqual(result.map((f) => f.message), ['Table `users` already exists here (created in 001_users.up.sql), so IF NOT EXISTS skips this whole statement: columns `email`, `name` are never added, and what uses them later fails.'], dialect);
      assert.equal(result[0].related[0].message, '`users` is created here, without `email`, `name`');
      // The later use fails as the database says: the column is missing.
      assert.equal(found(ups, 'missing-column-reference', dialect).length, 1, dialect);
    }
  });
  it('stays quiet for the same columns (an idempotent migration), a new table, and a table re-created after a drop', () => {
    const ups = {
      '001_users': 'CREATE TABLE users (id int PRIMARY KEY, email text);',
      '002_again': 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, "email" text);\nCREATE TABLE IF NOT EXISTS tags (id int);',
      '003_drop': 'DROP TABLE users;\nCREATE TABLE IF NOT EXISTS users (id int, nickname text);',
    };
    assert.deepEqual(messages(ups, 'if-not-exists-keeps-earlier'), []);
  });
});

describe('the sequences of serial and identity columns', () => {
  it('exist for ALTER SEQUENCE and DROP SEQUENCE, also after the default was dropped and the table renamed', () => {
    const ups = {
      '001_tables': 'CREATE TABLE "T" (id SERIAL PRIMARY KEY);\nCREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);',
      '002_sequences': 'ALTER TABLE "T" ALTER COLUMN id DROP DEFAULT;\nALTER TABLE "T" RENAME TO t2;\nDROP SEQUENCE "T_id_seq";\nALTER SEQUENCE items_id_seq RESTART WITH 100;',
    };
    const analysis = check(golang(ups), { dialect: 'postgres' });
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('missing-') || f.rule === 'partial-migration-history'), []);
    // The sequence keeps the name it was created with: the renamed table's name is no sequence.
    const renamed = check(golang({ ...ups, '003_other': 'DROP SEQUENCE t2_id_seq;' }), { dialect: 'postgres' });
    assert.ok(renamed.findings.some((f) => f.message.includes('`t2_id_seq`')), 'the unknown sequence is named');
  });
});
