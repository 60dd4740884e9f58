// Schema-change safety rules (squawk's ids): cases that fire and stay quiet, their quick fixes,
// and fixes that create the next migration file of a framework that runs files in transactions.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../../server/src/engine/analyze.js';
import { parseStatements } from '../../../server/src/engine/parse/index.js';
import { nextVersion } from '../../../server/src/engine/discover/new-migration.js';
import { applyFixes, check, findingsOf, ROOT, statementRuleTable } from './helpers.js';

const pg = 'postgres' as const;

statementRuleTable('adding-foreign-key-constraint', {
  valid: [
    { sql: 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;', dialect: pg },
    { sql: 'BEGIN;\nCREATE TABLE orders (user_id int);\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);\nCOMMIT;', dialect: pg },
  ],
  invalid: [
    // Outside a transaction the new table is committed, and visible to other sessions, at once.
    { sql: 'CREATE TABLE orders (user_id int);\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);', dialect: pg },
    {
      sql: 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);',
      dialect: pg,
      messages: [/foreign key from `orders` to `users`.*SHARE ROW EXCLUSIVE|foreign key from `orders` to `users`/],
      fixed: 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;',
    },
    {
      sql: 'ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);',
      dialect: pg,
      fixed: 'ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;',
    },
  ],
});

statementRuleTable('constraint-missing-not-valid', {
  valid: [{ sql: 'ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;', dialect: pg }],
  invalid: [
    {
      sql: 'ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0);',
      dialect: pg,
      fixed: 'ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT positive;',
    },
  ],
});

statementRuleTable('adding-not-nullable-field', {
  valid: [{ sql: 'BEGIN;\nCREATE TABLE users (email text);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\nCOMMIT;', dialect: pg }],
  invalid: [
    { sql: 'CREATE TABLE users (email text);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;', dialect: pg, messages: [/`email` of `users` \(created earlier in this file, but committed before this statement runs, so other sessions can already use it\) NOT NULL scans the whole table/] },
    {
      sql: 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      dialect: pg,
      messages: [/`email` of `users` NOT NULL scans the whole table/],
    },
  ],
});

statementRuleTable('disallowed-unique-constraint', {
  valid: [{ sql: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;', dialect: pg }],
  invalid: [
    {
      sql: 'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
      dialect: pg,
      fixed:
        'CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;',
    },
  ],
});

statementRuleTable('ban-char-field', {
  valid: [{ sql: 'CREATE TABLE countries (code varchar(2), name text);', dialect: pg }],
  invalid: [
    { sql: 'CREATE TABLE countries (code char(2));', dialect: pg, fixed: 'CREATE TABLE countries (code text);' },
    { sql: 'ALTER TABLE countries ADD COLUMN codes character(2)[];', dialect: pg, fixed: 'ALTER TABLE countries ADD COLUMN codes text[];' },
  ],
});

statementRuleTable('adding-field-with-default', {
  valid: [
    { sql: "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;", dialect: pg },
    { sql: 'BEGIN;\nCREATE TABLE users (id int);\nALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\nCOMMIT;', dialect: pg },
    { sql: 'ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT now();', dialect: pg },
    { sql: "ALTER TABLE users ADD COLUMN note text DEFAULT 'now(1)';", dialect: pg },
    { sql: 'CREATE FUNCTION now(integer) RETURNS timestamptz LANGUAGE sql STABLE AS $$ SELECT now() $$;\nALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT now(1);', dialect: pg },
    { sql: "ALTER TABLE users ADD COLUMN code text DEFAULT upper(md5('x'));", dialect: pg },
    { sql: "CREATE FUNCTION app.next_code() RETURNS int LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN 1; END $$;\nALTER TABLE users ADD COLUMN code int DEFAULT app.next_code();", dialect: pg },
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();', dialect: pg, messages: [/volatile.*ACCESS EXCLUSIVE/] },
    { sql: 'CREATE TABLE users (id int);\nALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();', dialect: pg, messages: [/volatile/] },
    {
      sql: 'ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT now(123);',
      dialect: pg,
      messages: [/the default calls `now\(…\)` with arguments, but the stable built-in `now\(\)` takes none: the call resolves to another `now` function, VOLATILE unless/],
    },
    { sql: 'ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT pg_catalog.now(1);', dialect: pg, messages: [/`now\(…\)` with arguments/] },
    {
      sql: 'ALTER TABLE users ADD COLUMN code int DEFAULT next_code();',
      dialect: pg,
      messages: [/the default calls `next_code\(\)`, which no migration here declares STABLE or IMMUTABLE: PostgreSQL makes a function VOLATILE unless it says so/],
    },
    {
      sql: 'CREATE FUNCTION next_code() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\nALTER TABLE users ADD COLUMN code int DEFAULT next_code();',
      dialect: pg,
      messages: [/the default calls `next_code\(\)`, which is VOLATILE as its migration creates it/],
    },
  ],
});

statementRuleTable('adding-required-field', {
  valid: [{ sql: "ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT '';", dialect: pg }],
  invalid: [{ sql: 'ALTER TABLE users ADD COLUMN email text NOT NULL;', dialect: pg, messages: [/fails if `users` has any rows/] }],
});

describe('safety rules across migrations', () => {
  before(async () => {
    await initEngine();
  });

  it('names the migration that created the table', () => {
    const analysis = check({ '001_users.sql': 'CREATE TABLE users (id int);', '002_drop.sql': 'DROP TABLE users;' }, { dialect: pg });
    const [finding] = findingsOf(analysis, 'ban-drop-table');
    assert.match(finding.message, /`users` \(created in 001_users.sql\)/);
    assert.equal(finding.related[0].location.file, `${ROOT}/001_users.sql`);
  });

  it('stays quiet on a SET NOT NULL proven by a CHECK (PostgreSQL 12+)', () => {
    const analysis = check(
      {
        '001_users.sql': 'CREATE TABLE users (email text);',
        '002_check.sql': 'ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL) NOT VALID;',
        '003_set.sql': 'ALTER TABLE users VALIDATE CONSTRAINT nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
      },
      { dialect: pg },
    );
    assert.deepEqual(findingsOf(analysis, 'adding-not-nullable-field'), []);
  });

  it('rewrites SET NOT NULL as a validated CHECK, quiet afterwards', () => {
    const files = { '001_users.sql': 'CREATE TABLE users (email text);', '002_set.sql': 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;' };
    const [finding] = findingsOf(check(files, { dialect: pg }), 'adding-not-nullable-field');
    const fixed = applyFixes(files['002_set.sql'], finding.fixes.slice(0, 1));
    assert.equal(
      fixed,
      'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n' +
        'ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;',
    );
    assert.deepEqual(parseStatements(fixed, { start: 0, end: fixed.length }, pg).flatMap((s) => (s.syntaxError ? [s.syntaxError.message] : [])), []);
    assert.deepEqual(findingsOf(check({ ...files, '002_set.sql': fixed }, { dialect: pg }), 'adding-not-nullable-field'), []);
  });

  it('puts VALIDATE in the next goose migration, which then checks clean', () => {
    const files = {
      '00001_users.sql': '-- +goose Up\nCREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE orders (user_id int);\n-- +goose Down\nDROP TABLE orders;\nDROP TABLE users;\n',
      '00002_fk.sql': '-- +goose Up\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n-- +goose Down\nALTER TABLE orders DROP CONSTRAINT orders_user_fk;\n',
    };
    const [finding] = findingsOf(check(files, { dialect: pg }), 'adding-foreign-key-constraint');
    const [fix] = finding.fixes;
    const created = fix.edits.filter((edit) => edit.file !== finding.file);
    assert.deepEqual(created.map((edit) => edit.file), [`${ROOT}/00003_validate_orders_user_fk.sql`]);
    assert.deepEqual(created[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const fixed = {
      ...files,
      '00002_fk.sql': applyFixes(files['00002_fk.sql'], [{ ...fix, edits: fix.edits.filter((edit) => edit.file === finding.file) }]),
      '00003_validate_orders_user_fk.sql': created[0].newText,
    };
    assert.match(fixed['00003_validate_orders_user_fk.sql'], /^-- \+goose Up\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n\n-- \+goose Down\n/);
    const sql = fixed['00003_validate_orders_user_fk.sql'];
    assert.deepEqual(parseStatements(sql, { start: 0, end: sql.length }, pg).flatMap((s) => (s.syntaxError ? [s.syntaxError.message] : [])), []);
    const after = check(fixed, { dialect: pg });
    assert.deepEqual([...findingsOf(after, 'adding-foreign-key-constraint'), ...findingsOf(after, 'constraint-missing-not-valid')], []);
    assert.deepEqual(findingsOf(after, 'syntax-error'), []);
  });

  it('creates up and down files for golang-migrate', () => {
    const files = {
      '001_users.up.sql': 'CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE orders (user_id int);',
      '001_users.down.sql': 'DROP TABLE orders;\nDROP TABLE users;',
      '002_fk.up.sql': 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\nSELECT 1;',
      '002_fk.down.sql': 'ALTER TABLE orders DROP CONSTRAINT orders_user_fk;',
    };
    const [finding] = findingsOf(check(files, { dialect: pg }), 'adding-foreign-key-constraint');
    const created = finding.fixes[0].edits.filter((edit) => edit.file !== finding.file).map((edit) => edit.file);
    assert.deepEqual(created, [`${ROOT}/003_validate_orders_user_fk.up.sql`, `${ROOT}/003_validate_orders_user_fk.down.sql`]);
  });

  it('reports CREATE INDEX CONCURRENTLY in a goose transaction with the opt-out directive', () => {
    const files = { '00001_idx.sql': '-- +goose Up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nSELECT 1;\n-- +goose Down\nDROP INDEX users_email_idx;\n' };
    const [finding] = findingsOf(check(files, { dialect: pg }), 'ban-concurrent-index-creation-in-transaction');
    assert.match(finding.message, /-- \+goose NO TRANSACTION/);
    const quiet = { '00001_idx.sql': `-- +goose NO TRANSACTION\n${files['00001_idx.sql']}` };
    assert.deepEqual(findingsOf(check(quiet, { dialect: pg }), 'ban-concurrent-index-creation-in-transaction'), []);
  });

  it("lets a lone CONCURRENTLY statement through where the transaction is only assumed, never where the framework really wraps the file", () => {
    const rule = 'ban-concurrent-index-creation-in-transaction';
    const lone = 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n';
    // Plain files with assumeInTransaction: the runner is unknown, and a runner that wraps files usually runs a lone statement on its own (as squawk assumes).
    assert.deepEqual(findingsOf(check({ '001_idx.sql': lone }, { dialect: pg, config: { assumeInTransaction: true } }), rule), []);
    assert.equal(findingsOf(check({ '001_idx.sql': `${lone}SELECT 1;\n` }, { dialect: pg, config: { assumeInTransaction: true } }), rule).length, 1);
    assert.equal(findingsOf(check({ '001_idx.sql': `BEGIN;\n${lone}COMMIT;\n` }, { dialect: pg, config: { assumeInTransaction: true } }), rule).length, 1);
    // goose, dbmate, sql-migrate and Flyway wrap the file whatever it holds: PostgreSQL refuses the statement there.
    const wrapped: Record<string, string>[] = [
      { '00001_idx.sql': `-- +goose Up\n${lone}` },
      { '20240101000000_idx.sql': `-- migrate:up\n${lone}` },
      { '1_idx.sql': `-- +migrate Up\n${lone}` },
      { 'V1__idx.sql': lone },
    ];
    for (const files of wrapped) assert.equal(findingsOf(check(files, { dialect: pg }), rule).length, 1, Object.keys(files)[0]);
  });

  it('skips drops in down migrations', () => {
    const files = { '001_users.up.sql': 'CREATE TABLE users (id int);', '001_users.down.sql': 'DROP TABLE users;' };
    assert.deepEqual(findingsOf(check(files, { dialect: pg }), 'ban-drop-table'), []);
  });

  it('numbers the next migration like the last one', () => {
    assert.equal(nextVersion('009'), '010');
    assert.equal(nextVersion('20240101120000'), '20240101120001');
    assert.equal(nextVersion('1.2'), '1.3');
    assert.equal(nextVersion('00001', 2), '00003');
  });
});

describe('a table created earlier in the same transaction (PostgreSQL) or migration (MySQL, MariaDB)', () => {
  before(async () => {
    await initEngine();
  });

  // Each rule, the statement it reports on an existing table `t`, and what creates `t` first.
  const table = 'CREATE TABLE t (a int, b int NOT NULL);';
  const cases: [rule: string, statement: string, create?: string][] = [
    ['adding-field-with-default', 'ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid();'],
    ['adding-foreign-key-constraint', 'ALTER TABLE t ADD CONSTRAINT t_a_fk FOREIGN KEY (a) REFERENCES u (id);'],
    ['adding-not-nullable-field', 'ALTER TABLE t ALTER COLUMN a SET NOT NULL;'],
    ['adding-required-field', 'ALTER TABLE t ADD COLUMN c int NOT NULL;'],
    ['adding-serial-primary-key-field', 'ALTER TABLE t ADD PRIMARY KEY (a);'],
    ['ban-drop-column', 'ALTER TABLE t DROP COLUMN a;'],
    ['ban-drop-not-null', 'ALTER TABLE t ALTER COLUMN b DROP NOT NULL;'],
    ['ban-drop-table', 'DROP TABLE t;'],
    ['changing-column-type', 'ALTER TABLE t ALTER COLUMN a TYPE bigint;'],
    ['constraint-missing-not-valid', 'ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0);'],
    ['data-change-without-where', 'UPDATE t SET a = 1;'],
    ['disallowed-unique-constraint', 'ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);'],
    ['renaming-column', 'ALTER TABLE t RENAME COLUMN a TO c;'],
    ['renaming-table', 'ALTER TABLE t RENAME TO t2;'],
    ['require-concurrent-index-creation', 'CREATE INDEX t_a_idx ON t (a);'],
    ['require-concurrent-index-deletion', 'DROP INDEX t_a_idx;', `${table}\nCREATE INDEX CONCURRENTLY t_a_idx ON t (a);`],
    ['require-lock-timeout', 'ALTER TABLE t ADD COLUMN c text;'],
    ['require-statement-timeout', 'ALTER TABLE t ADD COLUMN c text;'],
  ];
  const count = (files: Record<string, string>, rule: string, config?: NonNullable<Parameters<typeof check>[1]>['config']) =>
    findingsOf(check(files, { dialect: pg, rules: { [rule]: 'warning' }, config }), rule).length;

  for (const [rule, statement, create = table] of cases) {
    it(`${rule}: quiet in the creating transaction, reported once the table is committed`, () => {
      // Inside a transaction the new table is empty and invisible to other sessions until the commit.
      assert.equal(count({ '001_m.sql': `BEGIN;\n${create}\n${statement}\nCOMMIT;\n` }, rule), 0, 'BEGIN … COMMIT');
      assert.equal(count({ '00001_m.sql': `-- +goose Up\n${create}\n${statement}\n` }, rule), 0, "goose's transaction");
      assert.equal(count({ '001_m.sql': `${create}\n${statement}\n` }, rule, { assumeInTransaction: true }), 0, 'assumeInTransaction');
      // Outside one, every statement commits on its own: the table is visible, may hold rows and be locked, at once.
      assert.equal(count({ '001_m.sql': `${create}\n${statement}\n` }, rule), 1, 'a plain file');
      assert.equal(count({ '001_m.sql': `BEGIN;\n${create}\nCOMMIT;\n${statement}\n` }, rule), 1, 'after COMMIT');
      assert.equal(count({ '001_m.sql': `BEGIN;\n${create}\nCOMMIT;\nBEGIN;\n${statement}\nCOMMIT;\n` }, rule), 1, 'in a later transaction');
      assert.equal(count({ '00001_m.sql': `-- +goose NO TRANSACTION\n-- +goose Up\n${create}\n${statement}\n` }, rule), 1, 'goose NO TRANSACTION');
    });
  }

  it('says why a table made a few lines above counts, and how to tell a plain file runs in a transaction', () => {
    const plain = check({ '001_m.sql': `${table}\nCREATE INDEX t_a_idx ON t (a);\n` }, { dialect: pg });
    const [finding] = findingsOf(plain, 'require-concurrent-index-creation');
    assert.match(finding.message, /`t` \(created earlier in this file, but committed before this statement runs, so other sessions can already use it\)/);
    assert.match(finding.related[0].message, /set "assumeInTransaction": true/);
    // After a COMMIT in a transactional framework the setting would not help: it is not offered.
    const goose = check({ '00001_m.sql': `-- +goose Up\n${table}\nCOMMIT;\nCREATE INDEX t_a_idx ON t (a);\n` }, { dialect: pg });
    const [afterCommit] = findingsOf(goose, 'require-concurrent-index-creation');
    assert.match(afterCommit.message, /committed before this statement runs/);
    assert.doesNotMatch(afterCommit.related[0].message, /assumeInTransaction/);
  });

  it('backfill-in-ddl-transaction: quiet on a table created in the same transaction, reported on one committed before', () => {
    const backfill = 'ALTER TABLE t ADD COLUMN c int;\nUPDATE t SET c = a WHERE c IS NULL;';
    assert.equal(count({ '001_m.sql': `BEGIN;\n${table}\n${backfill}\nCOMMIT;\n` }, 'backfill-in-ddl-transaction'), 0);
    assert.equal(count({ '001_m.sql': `BEGIN;\n${table}\nCOMMIT;\nBEGIN;\n${backfill}\nCOMMIT;\n` }, 'backfill-in-ddl-transaction'), 1);
  });

  it('MySQL and MariaDB keep the same-migration exemption: their DDL commits implicitly, so no transaction would ever hold', () => {
    for (const dialect of ['mysql', 'mariadb'] as const) {
      const analysis = check({ '001_m.sql': 'CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN c int NOT NULL;\nUPDATE t SET a = 1;\n' }, { dialect, rules: { 'mysql-adding-required-column': 'warning', 'data-change-without-where': 'warning' } });
      assert.deepEqual(analysis.findings.filter((f) => f.rule === 'mysql-adding-required-column' || f.rule === 'data-change-without-where').map((f) => f.rule), [], dialect);
    }
  });
});
