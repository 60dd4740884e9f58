// Practice rules that read the history, the framework or the rest of the part: timeouts, cascades
// into user data, backfills under DDL locks, transaction nesting, and the expand–contract rename.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../../server/src/engine/analyze.js';
import type { Finding } from '../../../server/src/engine/model/finding.js';
import { parseStatements } from '../../../server/src/engine/parse/index.js';
import { applyFixes, check, checkSql, enabling, findingsOf, ROOT } from './helpers.js';

before(() => initEngine());

const pg = (files: Record<string, string>, rule: string): Finding[] => findingsOf(check(files, { dialect: 'postgres', rules: enabling(rule) }), rule);
const sqlFindings = (sql: string, rule: string) => findingsOf(checkSql(sql, 'postgres', enabling(rule)), rule);
const parses = (sql: string) => assert.deepEqual(parseStatements(sql, { start: 0, end: sql.length }, 'postgres').flatMap((s) => (s.syntaxError ? [s.syntaxError.message] : [])), []);
const editsIn = (finding: Finding, file: string) => finding.fixes[0].edits.filter((edit) => edit.file === file);

describe('require-lock-timeout and require-statement-timeout', () => {
  it('fires once per part, at the first statement that locks a table, naming the lock', () => {
    const sql = 'ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN tag text;\n';
    for (const rule of ['require-lock-timeout', 'require-statement-timeout']) {
      const found = sqlFindings(sql, rule);
      assert.equal(found.length, 1);
      assert.match(found[0].message, /takes ACCESS EXCLUSIVE on `orders`/);
    }
  });

  it('the header fix parses and silences the rule', () => {
    const sql = 'CREATE INDEX IF NOT EXISTS i ON orders (a);\n';
    const [lock] = sqlFindings(sql, 'require-lock-timeout');
    const [statement] = sqlFindings(sql, 'require-statement-timeout');
    const fixed = applyFixes(sql, [lock.fixes[0], statement.fixes[0]]);
    // Both headers insert at the same offset; their order does not matter.
    assert.deepEqual(fixed.split('\n').slice(0, 2).sort(), ["SET lock_timeout = '5s';", "SET statement_timeout = '10min';"]);
    parses(fixed);
    assert.deepEqual(sqlFindings(fixed, 'require-lock-timeout'), []);
    assert.deepEqual(sqlFindings(fixed, 'require-statement-timeout'), []);
  });

  it('uses SET LOCAL inside a goose transaction, after the Up marker', () => {
    const text = '-- +goose Up\nALTER TABLE orders ADD COLUMN note text;\n-- +goose Down\nALTER TABLE orders DROP COLUMN note;\n';
    const [finding] = pg({ '00001_note.sql': text }, 'require-lock-timeout');
    assert.equal(applyFixes(text, [finding.fixes[0]]).split('\n')[1], "SET LOCAL lock_timeout = '5s';");
  });

  it('stays quiet on a lone CONCURRENTLY build where golang-migrate sends the file as one query: a SET would put it in a transaction', () => {
    assert.deepEqual(pg({ '000001_idx.up.sql': 'CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (a);\n' }, 'require-lock-timeout'), []);
    assert.deepEqual(pg({ '000001_vac.up.sql': 'VACUUM orders;\n' }, 'require-statement-timeout'), []);
  });

  it('fires on a CONCURRENTLY build elsewhere: it still waits in the lock queue', () => {
    const [finding] = pg({ '00001_idx.sql': '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (a);\n' }, 'require-lock-timeout');
    assert.match(finding.message, /takes SHARE UPDATE EXCLUSIVE on `orders`: reads and writes continue.*Without it, it waits without limit behind any long holder of a conflicting lock \(autovacuum, a long transaction\)/);
    assert.equal(sqlFindings('CREATE INDEX CONCURRENTLY i ON orders (a);', 'require-statement-timeout').length, 1);
  });

  /** Each statement alone gets one finding from each timeout rule, naming the lock it takes. */
  const firesInBothTimeoutRules = (cases: [sql: string, lock: RegExp][]) => {
    for (const rule of ['require-lock-timeout', 'require-statement-timeout']) {
      for (const [sql, lock] of cases) {
        const found = sqlFindings(sql, rule);
        assert.equal(found.length, 1, `${rule}: ${sql}`);
        assert.match(found[0].message, lock);
      }
    }
  };

  it('fires on VACUUM FULL, CLUSTER, LOCK TABLE and a REINDEX with CONCURRENTLY false, which block reads or writes', () => {
    const cases: [sql: string, lock: RegExp][] = [
      ['VACUUM FULL t;', /takes ACCESS EXCLUSIVE on `t`/],
      ['VACUUM (FULL true) t;', /takes ACCESS EXCLUSIVE on `t`/],
      ['CLUSTER t;', /takes ACCESS EXCLUSIVE on `t`/],
      ['LOCK TABLE t;', /takes ACCESS EXCLUSIVE on `t`/],
      ['LOCK TABLE t IN ACCESS EXCLUSIVE MODE;', /takes ACCESS EXCLUSIVE on `t`/],
      ['LOCK TABLE t IN EXCLUSIVE MODE;', /takes EXCLUSIVE on `t`/],
      ['LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE;', /takes SHARE ROW EXCLUSIVE on `t`/],
      ['LOCK TABLE t IN SHARE MODE;', /takes SHARE on `t`/],
      ['REINDEX (CONCURRENTLY false) INDEX idx;', /takes SHARE on the table of index `idx`/],
    ];
    firesInBothTimeoutRules(cases);
  });

  it('fires on locks that let reads and writes through too: they wait behind a long holder all the same', () => {
    const weak: [sql: string, lock: RegExp][] = [
      ['VACUUM (FULL false) t;', /takes SHARE UPDATE EXCLUSIVE on `t`/],
      ['VACUUM (FULL off) t;', /takes SHARE UPDATE EXCLUSIVE on `t`/],
      ['VACUUM t;', /takes SHARE UPDATE EXCLUSIVE on `t`/],
      ["COMMENT ON COLUMN t.c IS 'an opaque id';", /takes SHARE UPDATE EXCLUSIVE on `t`:/],
      ['COMMENT ON COLUMN "my.schema"."a.b".c IS NULL;', /takes SHARE UPDATE EXCLUSIVE on `"my.schema"."a.b"`:/],
      ['LOCK TABLE t IN ACCESS SHARE MODE;', /takes ACCESS SHARE on `t`/],
      ['LOCK TABLE t IN ROW SHARE MODE;', /takes ROW SHARE on `t`/],
      ['LOCK TABLE t IN ROW EXCLUSIVE MODE;', /takes ROW EXCLUSIVE on `t`/],
      ['LOCK TABLE t IN SHARE UPDATE EXCLUSIVE MODE;', /takes SHARE UPDATE EXCLUSIVE on `t`/],
      ['REINDEX (CONCURRENTLY) INDEX idx;', /takes SHARE UPDATE EXCLUSIVE on the table of index `idx`/],
      ['ALTER TABLE t VALIDATE CONSTRAINT c;', /takes SHARE UPDATE EXCLUSIVE on `t`/],
      ["ALTER TYPE mood ADD VALUE 'meh';", /takes a lock on type `mood`/],
      ['CREATE VIEW v AS SELECT a FROM t;', /takes ACCESS SHARE on `t`/],
      ['DROP FUNCTION f();', /takes a lock on function `f`/],
    ];
    firesInBothTimeoutRules(weak);
  });

  it('stays quiet on statements that lock nothing existing: new types, functions, sequences, schemas, plain data changes', () => {
    const quiet = [
      "CREATE TYPE mood AS ENUM ('sad', 'ok');",
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;',
      'CREATE SEQUENCE s;',
      'CREATE SCHEMA app;',
      'CREATE TABLE t (a int);',
      'CREATE VIEW v AS SELECT 1;',
      "UPDATE t SET a = 1 WHERE a IS NULL;\nINSERT INTO t VALUES (1);\nSELECT * FROM t;",
      // Tables created earlier in the same transaction: nobody else can see them yet.
      'BEGIN;\nCREATE TABLE t (a int);\nLOCK TABLE t;\nVACUUM FULL t;\nCLUSTER t;\nREINDEX TABLE t;\nCOMMENT ON TABLE t IS \'x\';\nCOMMIT;',
    ];
    for (const rule of ['require-lock-timeout', 'require-statement-timeout']) {
      for (const sql of quiet) assert.deepEqual(sqlFindings(sql, rule).map((f) => f.message), [], `${rule}: ${sql}`);
    }
  });

  it('stays quiet on tables created earlier in the same transaction and after a SET; fires once the new table is committed', () => {
    assert.deepEqual(sqlFindings('BEGIN;\nCREATE TABLE t (a text);\nCREATE INDEX i ON t (a);\nALTER TABLE t ADD COLUMN b text;\nCOMMIT;', 'require-lock-timeout'), []);
    assert.deepEqual(pg({ '00001_t.sql': '-- +goose Up\nCREATE TABLE t (a text);\nCREATE INDEX i ON t (a);\n' }, 'require-lock-timeout'), []);
    // A plain file runs each statement on its own: the table is visible, and lockable, once created.
    const [plain] = sqlFindings('CREATE TABLE t (a text);\nCREATE INDEX i ON t (a);', 'require-lock-timeout');
    assert.match(plain.message, /takes SHARE on `t`/);
    assert.equal(sqlFindings('BEGIN;\nCREATE TABLE t (a text);\nCOMMIT;\nALTER TABLE t ADD COLUMN b text;', 'require-lock-timeout').length, 1);
    assert.deepEqual(sqlFindings("SET LOCAL lock_timeout TO '2s';\nDROP TABLE t;", 'require-lock-timeout'), []);
    assert.equal(sqlFindings("SET lock_timeout = 0;\nDROP TABLE t;", 'require-lock-timeout').length, 1);
  });
});

describe('cascade-on-user-data', () => {
  const users = 'CREATE TABLE users (id bigint PRIMARY KEY, username text);\n';
  const channels = 'CREATE TABLE channels (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE, title text);\n';

  it('fires on a cascade from a user-owned table, and the fix makes it RESTRICT', () => {
    const files = { '001_users.sql': users, '002_channels.sql': channels };
    const [finding] = pg(files, 'cascade-on-user-data');
    assert.match(finding.message, /ON DELETE CASCADE from `channels` to `users` \(created in 001_users.sql\)/);
    const fixed = applyFixes(channels, [finding.fixes[0]]);
    assert.match(fixed, /ON DELETE RESTRICT/);
    parses(fixed);
    assert.deepEqual(pg({ ...files, '002_channels.sql': fixed }, 'cascade-on-user-data'), []);
  });

  it('follows the foreign-key chain: scheduled_posts → channels → users (seed 003)', () => {
    const posts = 'ALTER TABLE scheduled_posts ADD CONSTRAINT posts_channel_fk FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE;\n';
    const files = {
      '001_users.sql': users,
      '002_channels.sql': channels.replace(' ON DELETE CASCADE', ''),
      '003_posts.sql': 'CREATE TABLE scheduled_posts (id bigint PRIMARY KEY, channel_id bigint, post_text text);\n',
      '004_fk.sql': posts,
    };
    const [finding] = pg(files, 'cascade-on-user-data');
    assert.match(finding.message, /which are user data \(`channels` belongs to `users`\)\./);
  });

  it('stays quiet on link tables, on lookup data, and on RESTRICT', () => {
    assert.deepEqual(pg({ '001_users.sql': users, '002_roles.sql': 'CREATE TABLE user_roles (user_id bigint REFERENCES users (id) ON DELETE CASCADE, role_id bigint, created_at timestamptz, PRIMARY KEY (user_id, role_id));' }, 'cascade-on-user-data'), []);
    assert.deepEqual(pg({ '001_movies.sql': 'CREATE TABLE movies (id bigint PRIMARY KEY);', '002_files.sql': 'CREATE TABLE movie_files (id bigint PRIMARY KEY, movie_id bigint REFERENCES movies (id) ON DELETE CASCADE, path text);' }, 'cascade-on-user-data'), []);
    assert.deepEqual(pg({ '001_users.sql': users, '002_channels.sql': channels.replace('CASCADE', 'RESTRICT') }, 'cascade-on-user-data'), []);
    // A foreign key into a lookup table named like a person's profile is not ownership (Radarr's movies → quality_profiles).
    const lookup = {
      '001_profiles.sql': 'CREATE TABLE quality_profiles (id bigint PRIMARY KEY, name text);',
      '002_movies.sql': 'CREATE TABLE movies (id bigint PRIMARY KEY, quality_profile_id bigint REFERENCES quality_profiles (id));',
      '003_files.sql': 'CREATE TABLE movie_files (id bigint PRIMARY KEY, movie_id bigint REFERENCES movies (id) ON DELETE CASCADE, path text);',
    };
    assert.deepEqual(pg(lookup, 'cascade-on-user-data'), []);
  });
});

describe('backfill-in-ddl-transaction', () => {
  it('fires on an UPDATE in the goose transaction that altered the table', () => {
    const text = "-- +goose Up\nALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free' WHERE plan IS NULL;\n";
    const [finding] = pg({ '00001_plan.sql': text }, 'backfill-in-ddl-transaction');
    assert.match(finding.message, /backfill of `users` runs in the same transaction as DDL on it \(goose runs each migration in a transaction\).*ACCESS EXCLUSIVE/);
    assert.equal(finding.related[0].location.file, `${ROOT}/00001_plan.sql`);
  });

  it('stays quiet when each statement commits on its own, on new tables, and on other tables', () => {
    assert.deepEqual(sqlFindings("ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free' WHERE plan IS NULL;", 'backfill-in-ddl-transaction'), []);
    assert.deepEqual(pg({ '00001_t.sql': "-- +goose Up\nCREATE TABLE t (a text);\nALTER TABLE t ADD COLUMN b text;\nUPDATE t SET b = a;\n" }, 'backfill-in-ddl-transaction'), []);
    assert.deepEqual(pg({ '00001_t.sql': "-- +goose Up\nALTER TABLE a ADD COLUMN b text;\nINSERT INTO c SELECT * FROM a;\n" }, 'backfill-in-ddl-transaction'), []);
  });

  it('fires on INSERT … SELECT between BEGIN and COMMIT', () => {
    const [finding] = sqlFindings('BEGIN;\nCREATE INDEX i ON archive (a);\nINSERT INTO archive (a) SELECT a FROM events;\nCOMMIT;', 'backfill-in-ddl-transaction');
    assert.match(finding.message, /between BEGIN and COMMIT in this file/);
  });
});

describe('transaction-nesting in frameworks', () => {
  it('reports BEGIN and COMMIT inside goose\'s transaction, and the fix removes them', () => {
    const text = '-- +goose Up\nBEGIN;\nALTER TABLE t ADD COLUMN a text;\nCOMMIT;\n';
    const found = pg({ '00001_a.sql': text }, 'transaction-nesting');
    assert.equal(found.length, 2);
    assert.match(found[0].message, /goose runs each migration in a transaction.*`-- \+goose NO TRANSACTION`/);
    assert.equal(applyFixes(text, found.map((f) => f.fixes[0])), '-- +goose Up\nALTER TABLE t ADD COLUMN a text;\n');
  });

  it('stays quiet on BEGIN/COMMIT in golang-migrate, which opens no transaction of its own', () => {
    assert.deepEqual(pg({ '000001_a.up.sql': 'BEGIN;\nALTER TABLE t ADD COLUMN a text;\nCOMMIT;\n' }, 'transaction-nesting'), []);
  });
});

describe('renaming-column expand–contract fix', () => {
  it('adds the new column in place and writes backfill and drop migrations', () => {
    const files = {
      '000001_users.up.sql': 'CREATE TABLE users (id bigint, name text);\n',
      '000001_users.down.sql': 'DROP TABLE users;\n',
      '000002_rename.up.sql': 'ALTER TABLE users RENAME COLUMN name TO full_name;\n',
      '000002_rename.down.sql': 'ALTER TABLE users RENAME COLUMN full_name TO name;\n',
    };
    const [finding] = pg(files, 'renaming-column');
    const fix = finding.fixes[0];
    assert.match(fix.title, /expand–contract/);
    const here = applyFixes(files['000002_rename.up.sql'], [{ title: '', edits: editsIn(finding, `${ROOT}/000002_rename.up.sql`) }]);
    assert.equal(here, 'ALTER TABLE users ADD COLUMN full_name text;\n');
    const created = Object.fromEntries(fix.edits.filter((edit) => edit.file !== `${ROOT}/000002_rename.up.sql`).map((edit) => [edit.file.slice(ROOT.length + 1), edit.newText]));
    assert.deepEqual(Object.keys(created), ['000003_backfill_full_name.up.sql', '000003_backfill_full_name.down.sql', '000004_drop_name.up.sql', '000004_drop_name.down.sql']);
    assert.match(created['000003_backfill_full_name.up.sql'], /UPDATE users SET full_name = name WHERE full_name IS NULL AND name IS NOT NULL;/);
    assert.match(created['000004_drop_name.up.sql'], /ALTER TABLE users DROP COLUMN name;/);
    for (const text of [here, ...Object.values(created)]) parses(text);
    assert.deepEqual(pg({ ...files, '000002_rename.up.sql': here, ...created }, 'renaming-column'), []);
  });
});

describe('require-table-schema (opt-in)', () => {
  it('fires only when configured', () => {
    const analysis = checkSql('CREATE TABLE orders (id bigint);\nCREATE TEMP TABLE scratch (a text);', 'postgres', { 'require-table-schema': 'warning' });
    assert.deepEqual(findingsOf(analysis, 'require-table-schema').map((f) => f.message), ["Table `orders` is not schema-qualified: its schema depends on the session's search_path. Write `public.orders` (or the schema you mean)."]);
    assert.deepEqual(findingsOf(checkSql('CREATE TABLE orders (id bigint);', 'postgres'), 'require-table-schema'), []);
  });
});

describe('prefer-robust-stmts', () => {
  // goose with NO TRANSACTION: a runner known to commit statement by statement.
  const goose = (body: string) => `-- +goose NO TRANSACTION\n-- +goose Up\nSELECT 1;\n${body}\n`;
  const robust = (body: string) => pg({ '00001_m.sql': goose(body) }, 'prefer-robust-stmts');

  it('adds the missing guard; the fixed SQL parses and is quiet', () => {
    const cases: [string, string][] = [
      ['CREATE TABLE t (id bigint);', 'CREATE TABLE IF NOT EXISTS t (id bigint);'],
      ['create index concurrently i on t (a);', 'create index concurrently if not exists i on t (a);'],
      ['DROP TABLE t;', 'DROP TABLE IF EXISTS t;'],
      ['ALTER TABLE t ADD COLUMN a text;', 'ALTER TABLE t ADD COLUMN IF NOT EXISTS a text;'],
      ['ALTER TABLE t DROP COLUMN a;', 'ALTER TABLE t DROP COLUMN IF EXISTS a;'],
      ['ALTER TABLE t DROP CONSTRAINT t_a_check;', 'ALTER TABLE t DROP CONSTRAINT IF EXISTS t_a_check;'],
      ['ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);', 'ALTER TABLE t DROP CONSTRAINT IF EXISTS t_a_key;\nALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);'],
    ];
    for (const [sql, fixed] of cases) {
      const [finding] = robust(sql);
      assert.ok(finding, sql);
      const text = goose(sql);
      const result = applyFixes(text, [finding.fixes[0]]);
      assert.equal(result, goose(fixed));
      parses(fixed);
      assert.deepEqual(robust(fixed), [], fixed);
    }
  });

  it('explains what cannot be guarded', () => {
    assert.match(robust('ALTER TABLE t RENAME COLUMN a TO b;')[0].message, /Run the migration in a transaction/);
  });

  it('stays quiet in transactions, on rerunnable changes and in plain folders', () => {
    assert.deepEqual(pg({ '00001_m.sql': '-- +goose Up\nSELECT 1;\nCREATE TABLE t (id bigint);\n' }, 'prefer-robust-stmts'), []);
    assert.deepEqual(robust('BEGIN;\nCREATE TABLE t (id bigint);\nCOMMIT;'), []);
    assert.deepEqual(robust('ALTER TABLE t ALTER COLUMN a SET NOT NULL;'), []);
    assert.deepEqual(robust('CREATE INDEX CONCURRENTLY ON t (a);'), []);
    assert.deepEqual(sqlFindings('SELECT 1;\nCREATE TABLE t (id bigint);', 'prefer-robust-stmts'), []);
  });

  it("reports a migration's only statement too: the runner records it in a step of its own, and a CONCURRENTLY build can fail half-way", () => {
    const lone = (body: string) => pg({ '00001_m.sql': `-- +goose NO TRANSACTION\n-- +goose Up\n${body}\n` }, 'prefer-robust-stmts');
    assert.deepEqual(lone('CREATE TABLE t (id bigint);').map((f) => f.message), ["Missing `IF NOT EXISTS`: the migration can't be rerun if it fails part way through."]);
    const [index] = lone('CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);');
    assert.equal(index.fixes[0].title, 'Add IF NOT EXISTS');
    assert.deepEqual(lone('CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id);'), []);
    assert.deepEqual(lone('ALTER TABLE t ALTER COLUMN a SET NOT NULL;'), []);
  });
});
