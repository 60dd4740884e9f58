// Discovery over the real fixture trees through the node:fs FileHost.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { discoverSets } from '../../../server/src/engine/discover/index.js';
import type { MigrationPart, MigrationSet } from '../../../server/src/engine/model/migration-set.js';
import { createNodeFileHost } from '../../../server/src/node-file-host.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/frameworks').replace(/\\/g, '/');
const host = createNodeFileHost();
const all = discoverSets([FIXTURES], host);

function set(relativeRoot: string): MigrationSet {
  const found = all.find((candidate) => candidate.root === `${FIXTURES}/${relativeRoot}`);
  assert.ok(found, `no set at ${relativeRoot}; found ${all.map((s) => s.root.slice(FIXTURES.length + 1)).join(', ')}`);
  return found;
}

const body = (part: MigrationPart | undefined) => {
  assert.ok(part);
  return readFileSync(part.file, 'utf8').slice(part.range.start, part.range.end);
};

describe('fixture trees', () => {
  it('finds one set per migration folder and none for folders without migrations', () => {
    const roots = all.map((s) => s.root.slice(FIXTURES.length + 1));
    assert.deepEqual(roots, [
      'dbmate/app/db/migrations',
      'dbmate/shop/db/migrations',
      'edge/duplicates',
      'edge/flyway-ignored',
      'edge/gap',
      'edge/golang-migrate-ignored',
      'edge/goose-ignored',
      'edge/prisma-stray/prisma/migrations',
      'flyway/catalog/sql',
      'flyway/inventory/sql',
      'flyway/store/src/main/resources/db/migration',
      'golang-migrate/mysql',
      'golang-migrate/postgres',
      'goose/mysql',
      'goose/postgres',
      'node-pg-migrate/migrations',
      'plain/sql',
      'prisma/admin/prisma/migrations',
      'prisma/web/prisma/migrations',
      'sql-migrate/billing/migrations',
      'sql-migrate/ledger/migrations',
    ]);
  });

  it('golang-migrate: up/down files paired by version, siblings linked, implicit transaction on PostgreSQL', () => {
    const postgres = set('golang-migrate/postgres');
    const mysql = set('golang-migrate/mysql');
    assert.equal(postgres.framework, 'golang-migrate');
    assert.match(postgres.frameworkReason, /golang-migrate naming/);
    assert.deepEqual([postgres.dialect, mysql.dialect], ['postgres', 'mysql']);
    assert.match(mysql.dialectReason, /folder "mysql"/);
    assert.deepEqual(postgres.siblings, [mysql.root]);
    assert.deepEqual(mysql.siblings, [postgres.root]);
    assert.deepEqual(postgres.migrations.map((m) => m.versionKey), ['1', '2', '3', '4', '5']);
    const [users, , , lastLogin, concurrentIndex] = postgres.migrations;
    assert.equal(users.name, 'create_users');
    assert.ok(users.down?.file.endsWith('000001_create_users.down.sql'));
    assert.equal(users.up?.transaction.inTransaction, true, 'two statements run in one implicit transaction');
    assert.equal(users.up?.transaction.optOut, undefined);
    assert.match(users.up?.transaction.reason ?? '', /CONCURRENTLY alone in its own migration file/);
    assert.equal(lastLogin.up?.transaction.inTransaction, false);
    assert.equal(concurrentIndex.up?.transaction.inTransaction, false, 'CIC alone in its file runs outside a transaction');
    assert.equal(mysql.migrations[0].up?.transaction.inTransaction, false);
  });

  it('goose: sections without marker lines, NO TRANSACTION with its directive range', () => {
    const goose = set('goose/postgres');
    assert.equal(goose.framework, 'goose');
    const orders = goose.migrations[2];
    assert.match(body(orders.up), /^CREATE TABLE orders/);
    assert.ok(body(orders.up).includes('-- +goose StatementBegin'), 'StatementBegin/End stay for the parser');
    assert.equal(body(orders.down), 'DROP TABLE orders;\nDROP FUNCTION set_updated_at();\n');
    assert.equal(orders.up?.transaction.inTransaction, true);
    const index = goose.migrations[4];
    assert.equal(index.up?.transaction.inTransaction, false);
    assert.equal(index.down?.transaction.inTransaction, false);
    assert.equal(index.up?.transaction.optOut, '-- +goose NO TRANSACTION');
    const text = readFileSync(index.up?.file ?? '', 'utf8');
    const directive = index.up?.transaction.directiveRange;
    assert.ok(directive);
    assert.equal(text.slice(directive.start, directive.end), '-- +goose NO TRANSACTION');
    assert.deepEqual(goose.siblings, [set('goose/mysql').root]);
  });

  it('dbmate: dialect from DATABASE_URL in .env, transaction:false per section', () => {
    const app = set('dbmate/app/db/migrations');
    const shop = set('dbmate/shop/db/migrations');
    assert.equal(app.framework, 'dbmate');
    assert.match(app.frameworkReason, /db\/migrations/);
    assert.equal(app.dialect, 'postgres');
    assert.match(app.dialectReason, /DATABASE_URL in .*dbmate\/app\/\.env/);
    assert.equal(shop.dialect, 'mysql');
    const index = app.migrations[4];
    assert.equal(index.version, '20240214110000');
    assert.equal(index.name, 'index_orders_placed_at');
    assert.equal(body(index.up), 'CREATE INDEX CONCURRENTLY orders_placed_at_idx ON orders (placed_at);\n\n');
    assert.equal(index.up?.transaction.inTransaction, false);
    assert.equal(index.up?.transaction.optOut, '-- migrate:up transaction:false');
    assert.equal(index.down?.transaction.optOut, '-- migrate:down transaction:false');
    assert.equal(app.migrations[0].up?.transaction.inTransaction, true);
  });

  it('sql-migrate: dialect from dbconfig.yml, notransaction per direction, file name as id', () => {
    const ledger = set('sql-migrate/ledger/migrations');
    const billing = set('sql-migrate/billing/migrations');
    assert.equal(ledger.framework, 'sql-migrate');
    assert.match(ledger.dialectReason, /^dialect in .*ledger\/dbconfig\.yml$/);
    assert.equal(billing.dialect, 'mysql');
    assert.equal(ledger.migrations[0].id, '1_create_users.sql');
    const index = ledger.migrations[4];
    assert.equal(index.up?.transaction.inTransaction, false);
    assert.equal(index.up?.transaction.optOut, '-- +migrate Up notransaction');
    assert.equal(ledger.migrations[3].down?.transaction.inTransaction, true);
  });

  it('Flyway: versioned order, undo folded into down, repeatable last, executeInTransaction from .sql.conf', () => {
    const store = set('flyway/store/src/main/resources/db/migration');
    assert.equal(store.framework, 'flyway');
    assert.match(store.dialectReason, /flyway\.url in .*store\/flyway\.conf/);
    assert.equal(set('flyway/catalog/sql').dialect, 'mysql');
    assert.deepEqual(
      store.migrations.map((m) => [m.version, m.kind]),
      [['1', 'versioned'], ['1.1', 'versioned'], ['1.2', 'versioned'], ['2', 'versioned'], ['2.1', 'versioned'], ['', 'repeatable']],
    );
    assert.ok(store.migrations[3].down?.file.endsWith('U2__add_users_last_login_at.sql'));
    const index = store.migrations[4];
    assert.equal(index.up?.transaction.inTransaction, false);
    assert.match(index.up?.transaction.reason ?? '', /V2\.1__index_orders_placed_at\.sql\.conf/);
    assert.equal(store.migrations[0].up?.transaction.inTransaction, true);
    assert.equal(store.migrations[5].name, 'user_directory_view');
  });

  it('Prisma: folders in name order, provider from migration_lock.toml, no downs', () => {
    const web = set('prisma/web/prisma/migrations');
    const admin = set('prisma/admin/prisma/migrations');
    assert.equal(web.framework, 'prisma');
    assert.match(web.dialectReason, /provider = "postgresql" in .*migration_lock\.toml/);
    assert.equal(admin.dialect, 'mysql');
    assert.deepEqual(web.migrations.map((m) => m.id), [
      '20240301101500_init',
      '20240308143000_add_orders',
      '20240320090000_add_users_last_login_at',
      '20240402120000_index_orders_placed_at',
    ]);
    assert.ok(web.migrations.every((m) => m.down === undefined));
    assert.equal(web.migrations[0].up?.transaction.inTransaction, true);
    assert.equal(web.migrations[3].up?.transaction.inTransaction, false, 'a sole CIC statement runs outside a transaction');
  });

  it('node-pg-migrate: markers split the file, one transaction for the run', () => {
    const npm = set('node-pg-migrate/migrations');
    assert.equal(npm.framework, 'node-pg-migrate');
    assert.equal(npm.migrations[0].id, '1709280000000_create-users');
    assert.equal(body(npm.migrations[3].down), 'ALTER TABLE users DROP COLUMN last_login_at;\n');
    assert.equal(npm.migrations[0].up?.transaction.inTransaction, true);
    assert.match(npm.migrations[0].up?.transaction.reason ?? '', /one transaction/);
  });

  it('plain: numbered files in number order, outside a transaction by default', () => {
    const plain = set('plain/sql');
    assert.equal(plain.framework, 'plain');
    assert.deepEqual(plain.migrations.map((m) => m.version), ['001', '002', '003', '004']);
    assert.equal(plain.migrations[0].up?.transaction.inTransaction, false);
  });

  it('a lone .sql file checked on its own is a standalone set of one', () => {
    const file = `${FIXTURES}/plain/standalone/backfill_display_names.sql`;
    const [lone] = discoverSets([file], host);
    assert.equal(lone.standalone, true);
    assert.equal(lone.framework, 'plain');
    assert.equal(lone.root, `${FIXTURES}/plain/standalone`);
    assert.equal(lone.migrations.length, 1);
    assert.equal(lone.migrations[0].up?.file, file);
  });

  it('a file inside a migration folder brings its whole set', () => {
    const [golang] = discoverSets([`${FIXTURES}/golang-migrate/postgres/000003_create_orders.up.sql`], host);
    assert.equal(golang.root, `${FIXTURES}/golang-migrate/postgres`);
    assert.equal(golang.migrations.length, 5);
    const [prisma] = discoverSets([`${FIXTURES}/prisma/web/prisma/migrations/20240308143000_add_orders/migration.sql`], host);
    assert.equal(prisma.framework, 'prisma');
    assert.equal(prisma.migrations.length, 4);
  });
});

describe('edge fixtures', () => {
  it('golang-migrate: files with neither .up nor .down are ignored; .up.SQL still runs (the extension is not checked)', () => {
    const edge = set('edge/golang-migrate-ignored');
    assert.deepEqual(edge.migrations.map((m) => m.versionKey), ['1', '2', '4']);
    assert.deepEqual(
      edge.ignored.map((i) => [i.file.slice(edge.root.length + 1), /neither \.up nor \.down/.test(i.reason) || /does not start with a version/.test(i.reason)]),
      [['3_create_orders.sql', true], ['schema.sql', true]],
    );
  });

  it('goose: wrong-case extension, missing Up annotation and missing version are ignored with reasons', () => {
    const edge = set('edge/goose-ignored');
    assert.deepEqual(edge.migrations.map((m) => m.id), ['00001_create_users']);
    const reasons = Object.fromEntries(edge.ignored.map((i) => [i.file.slice(edge.root.length + 1), i.reason]));
    assert.match(reasons['00002_create_accounts.SQL'], /lower-case \.sql/);
    assert.match(reasons['00003_create_orders.sql'], /no `-- \+goose Up`/);
    assert.match(reasons['seed_users.sql'], /positive integer version/);
  });

  it('Flyway: single underscore, wrong case and lower-case prefix are ignored', () => {
    const edge = set('edge/flyway-ignored');
    assert.deepEqual(edge.migrations.map((m) => m.id), ['V1__create_users.sql']);
    const reasons = Object.fromEntries(edge.ignored.map((i) => [i.file.slice(edge.root.length + 1), i.reason]));
    assert.match(reasons['V1_1_create_accounts.sql'], /two underscores/);
    assert.match(reasons['V2__create_orders.SQL'], /lower-case \.sql/);
    assert.match(reasons['v3__add_users_last_login_at.sql'], /V<version>__<description>\.sql/);
  });

  it('Prisma: a stray .sql directly in the migrations folder is ignored', () => {
    const edge = set('edge/prisma-stray/prisma/migrations');
    assert.equal(edge.migrations.length, 1);
    assert.equal(edge.ignored.length, 1);
    assert.match(edge.ignored[0].reason, /never applied/);
  });

  it('duplicates stay separate migrations with one version key; gaps are listed as they are', () => {
    const duplicates = set('edge/duplicates');
    assert.deepEqual(duplicates.migrations.map((m) => [m.version, m.versionKey]), [['001', '1'], ['002', '2'], ['2', '2']]);
    assert.ok(duplicates.migrations.every((m) => m.up && m.down));
    assert.deepEqual(set('edge/gap').migrations.map((m) => m.version), ['001', '002', '004']);
  });
});
