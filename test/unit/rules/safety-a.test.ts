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
    { sql: 'CREATE TABLE orders (user_id int); ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);', dialect: pg },
  ],
  invalid: [
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
  valid: [{ sql: 'CREATE TABLE users (email text);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;', dialect: pg }],
  invalid: [
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
    { sql: 'CREATE TABLE users (id int);\nALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();', dialect: pg },
    { sql: "ALTER TABLE users ADD COLUMN code text DEFAULT upper(md5('x'));", dialect: pg },
    { sql: "CREATE FUNCTION app.next_code() RETURNS int LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN 1; END $$;\nALTER TABLE users ADD COLUMN code int DEFAULT app.next_code();", dialect: pg },
  ],
  invalid: [
    { sql: 'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();', dialect: pg, messages: [/volatile.*ACCESS EXCLUSIVE/] },
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
