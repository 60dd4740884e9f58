// Dialect detection: each signal in order of precedence, with the reason that names it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultProjectConfig } from '../../../server/src/engine/config/index.js';
import { discoverSets } from '../../../server/src/engine/discover/index.js';
import type { MigrationSet } from '../../../server/src/engine/model/migration-set.js';
import { createMemoryHost } from './memory-host.js';

const MYSQL_SQL = 'CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n';
const PG_SQL = 'CREATE TABLE t (id BIGSERIAL PRIMARY KEY, data JSONB);\n';

function dialectOf(files: Record<string, string>, options = {}): Pick<MigrationSet, 'dialect' | 'dialectReason'> {
  const [set] = discoverSets(['/p'], createMemoryHost({ '/p/package.json': '{}', ...files }), options);
  return { dialect: set.dialect, dialectReason: set.dialectReason };
}

describe('dialect detection order', () => {
  const mysqlFolder = { '/p/db/mysql/1_a.up.sql': PG_SQL };

  it('1. the dialect option wins over everything', () => {
    assert.deepEqual(dialectOf(mysqlFolder, { dialect: 'mariadb' }), { dialect: 'mariadb', dialectReason: 'set explicitly (dialect option: mariadb)' });
  });

  it('1. a set override in the config wins over the path', () => {
    const config = { ...defaultProjectConfig('/p'), source: '/p/.migration-lens.json', sets: [{ path: '/p/db/mysql', dialect: 'postgres' as const }] };
    assert.deepEqual(dialectOf(mysqlFolder, { config }), { dialect: 'postgres', dialectReason: 'set in /p/.migration-lens.json (sets[0].dialect)' });
  });

  it('2. the nearest dialect folder name on the path wins over content', () => {
    assert.deepEqual(dialectOf(mysqlFolder), { dialect: 'mysql', dialectReason: 'folder "mysql" on the path /p/db/mysql' });
    assert.equal(dialectOf({ '/p/mariadb/migrations/1_a.up.sql': PG_SQL }).dialect, 'mariadb');
    assert.equal(dialectOf({ '/p/mysql/pg/1_a.up.sql': MYSQL_SQL }).dialect, 'postgres');
  });

  it('3. the Prisma provider wins over URLs and content', () => {
    const result = dialectOf({
      '/p/.env': 'DATABASE_URL=postgresql://u@h/db\n',
      '/p/prisma/schema.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\ndatasource db {\n  provider = "mysql"\n  url = env("DATABASE_URL")\n}\n',
      '/p/prisma/migrations/20240101000000_init/migration.sql': PG_SQL,
    });
    assert.deepEqual(result, { dialect: 'mysql', dialectReason: 'provider = "mysql" in /p/prisma/schema.prisma' });
  });

  it('4. database URLs in project files, shell defaults included, win over content', () => {
    const env = dialectOf({ '/p/.env': 'DATABASE_URL=${DATABASE_URL:-mysql://u:p@h:3306/db}\n', '/p/db/migrations/1_a.sql': '-- migrate:up\n' + PG_SQL });
    assert.deepEqual(env, { dialect: 'mysql', dialectReason: 'DATABASE_URL in /p/.env' });
    const flyway = dialectOf({ '/p/flyway.conf': 'flyway.url=jdbc:mariadb://h/db\n', '/p/sql/V1__a.sql': PG_SQL });
    assert.deepEqual(flyway, { dialect: 'mariadb', dialectReason: 'flyway.url in /p/flyway.conf' });
    const dbconfig = dialectOf({ '/p/dbconfig.yml': 'production:\n  dialect: mysql\n', '/p/m/1_a.sql': '-- +migrate Up\n' + PG_SQL });
    assert.deepEqual(dbconfig, { dialect: 'mysql', dialectReason: 'dialect in /p/dbconfig.yml' });
    const goose = dialectOf({ '/p/.env': 'GOOSE_DRIVER=mysql\n', '/p/m/1_a.sql': '-- +goose Up\n' + PG_SQL });
    assert.deepEqual(goose, { dialect: 'mysql', dialectReason: 'GOOSE_DRIVER in /p/.env' });
  });

  it('4. project files are searched no higher than the project root', () => {
    const files = { '/.env': 'DATABASE_URL=mysql://h/db\n', '/p/package.json': '{}', '/p/m/1_a.up.sql': 'SELECT 1;\n' };
    const [set] = discoverSets(['/p'], createMemoryHost(files));
    assert.equal(set.dialect, 'postgres');
    assert.match(set.dialectReason, /default/);
  });

  it('5. content signals outside comments and strings', () => {
    const mysql = dialectOf({ '/p/m/1_a.up.sql': MYSQL_SQL + 'CREATE TABLE `x` (id int);\n' });
    assert.equal(mysql.dialect, 'mysql');
    assert.match(mysql.dialectReason, /AUTO_INCREMENT \(1_a\.up\.sql\), ENGINE=.*backticks/);
    const postgres = dialectOf({ '/p/m/1_a.up.sql': PG_SQL + "SELECT '1'::int; -- AUTO_INCREMENT in a comment\n" });
    assert.equal(postgres.dialect, 'postgres');
    assert.match(postgres.dialectReason, /SERIAL.*JSONB.*`::` casts/);
    const quoted = dialectOf({ '/p/m/1_a.up.sql': "INSERT INTO notes VALUES ('uses AUTO_INCREMENT and ENGINE=');\n" });
    assert.match(quoted.dialectReason, /default/);
  });

  it('6. PostgreSQL by default', () => {
    assert.deepEqual(dialectOf({ '/p/m/1_a.up.sql': 'CREATE TABLE t (id int);\n' }), {
      dialect: 'postgres',
      dialectReason: 'no dialect signal found; PostgreSQL is the default',
    });
  });
});

describe('siblings', () => {
  const tree = (dialectA: string, dialectB: string, extra: Record<string, string> = {}) =>
    discoverSets(
      ['/p'],
      createMemoryHost({
        '/p/package.json': '{}',
        [`/p/${dialectA}/migrations/1_a.up.sql`]: 'SELECT 1;',
        [`/p/${dialectA}/migrations/2_b.up.sql`]: 'SELECT 1;',
        [`/p/${dialectB}/migrations/1_a.up.sql`]: 'SELECT 1;',
        ...extra,
      }),
    );

  it('links parallel trees that share versions, even when one has drifted', () => {
    const [mysql, postgres] = tree('postgres', 'mysql');
    assert.deepEqual(postgres.siblings, ['/p/mysql/migrations']);
    assert.deepEqual(mysql.siblings, ['/p/postgres/migrations']);
  });

  it('links trees whose folder names carry the dialect as one word', () => {
    const [mysql, postgres] = tree('migrations_pg', 'migrations-mysql');
    assert.deepEqual(postgres.siblings, ['/p/migrations-mysql/migrations']);
    assert.deepEqual(mysql.siblings, ['/p/migrations_pg/migrations']);
  });

  it('does not link two services of the same dialect that both start at 1', () => {
    const sets = tree('billing', 'ledger');
    assert.ok(sets.every((set) => set.siblings.length === 0));
  });

  it('does not link two services whose databases differ: only dialect folder names say "same schema"', () => {
    const sets = tree('shop', 'ledger', {
      '/p/shop/migrations/1_a.up.sql': 'CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;',
    });
    assert.ok(sets.every((set) => set.siblings.length === 0));
  });
});

describe('MariaDB told from MySQL', () => {
  it('a MySQL URL with a MariaDB image in the compose file is MariaDB, and the reason says both', () => {
    const result = dialectOf({
      '/p/.env': 'DATABASE_URL=mysql://u@localhost:3306/app\n',
      '/p/docker-compose.yml': 'services:\n  db:\n    image: "mariadb:10.11"\n  cache:\n    image: redis:7\n',
      '/p/db/migrations/1_a.up.sql': MYSQL_SQL,
    });
    assert.deepEqual(result, { dialect: 'mariadb', dialectReason: 'DATABASE_URL in /p/.env; the image mariadb:10.11 in /p/docker-compose.yml is MariaDB' });
  });
  it('MariaDB-only syntax in the migrations makes a MySQL-looking tree MariaDB', () => {
    const result = dialectOf({ '/p/db/migrations/1_a.up.sql': MYSQL_SQL, '/p/db/migrations/2_b.up.sql': 'ALTER TABLE t DROP COLUMN IF EXISTS old;\n' });
    assert.deepEqual(result, { dialect: 'mariadb', dialectReason: 'MySQL syntax in the migrations: AUTO_INCREMENT (1_a.up.sql), ENGINE= (1_a.up.sql); MariaDB-only syntax (DROP COLUMN IF EXISTS) in 2_b.up.sql' });
  });
  it('stays MySQL with a MySQL image, and PostgreSQL is never made MariaDB', () => {
    assert.equal(dialectOf({ '/p/compose.yaml': 'services:\n  db:\n    image: mysql:8.4\n', '/p/db/migrations/1_a.up.sql': `${MYSQL_SQL}ALTER TABLE t DROP COLUMN IF EXISTS old;\n` }).dialect, 'mysql');
    assert.equal(dialectOf({ '/p/compose.yaml': 'services:\n  db:\n    image: mariadb\n', '/p/db/migrations/1_a.up.sql': PG_SQL }).dialect, 'postgres');
  });
});

describe('the server version a compose file pins', () => {
  const serverVersionOf = (files: Record<string, string>) => discoverSets(['/p'], createMemoryHost({ '/p/package.json': '{}', ...files }))[0].serverVersion;
  it('is the tag of the image of the set\'s own engine, with where it was read', () => {
    assert.deepEqual(serverVersionOf({ '/p/docker-compose.yml': 'services:\n  db:\n    image: "mariadb:10.4"\n', '/p/db/mysql/1_a.up.sql': MYSQL_SQL }), undefined, 'a MySQL set is not told its version by a MariaDB image');
    assert.deepEqual(serverVersionOf({ '/p/docker-compose.yml': 'services:\n  db:\n    image: "mariadb:10.4"\n', '/p/db/mariadb/1_a.up.sql': MYSQL_SQL }), { version: '10.4', source: 'the image mariadb:10.4 in docker-compose.yml' });
    assert.deepEqual(serverVersionOf({ '/p/compose.yaml': 'services:\n  db:\n    image: docker.io/library/mysql:8.0.36-debian\n', '/p/db/migrations/1_a.up.sql': MYSQL_SQL }), { version: '8.0.36', source: 'the image docker.io/library/mysql:8.0.36-debian in compose.yaml' });
  });
  it('is unknown for a tag that is no version, and for PostgreSQL', () => {
    assert.equal(serverVersionOf({ '/p/compose.yaml': 'services:\n  db:\n    image: mysql:latest\n', '/p/db/migrations/1_a.up.sql': MYSQL_SQL }), undefined);
    assert.equal(serverVersionOf({ '/p/compose.yaml': 'services:\n  db:\n    image: mysql\n', '/p/db/migrations/1_a.up.sql': MYSQL_SQL }), undefined);
    assert.equal(serverVersionOf({ '/p/compose.yaml': 'services:\n  db:\n    image: postgres:15\n', '/p/db/migrations/1_a.up.sql': PG_SQL }), undefined);
  });
});

describe('engines that are not checked', () => {
  const setsOf = (files: Record<string, string>, options = {}) => discoverSets(['/p'], createMemoryHost({ '/p/package.json': '{}', ...files }), options);
  const unsupportedOf = (files: Record<string, string>, options = {}) => {
    const [set] = setsOf(files, options);
    return { unsupported: set.unsupported, reason: set.dialectReason };
  };

  it('are named by a folder on the path, the nearest one winning', () => {
    assert.deepEqual(unsupportedOf({ '/p/db/cockroach/1_a.up.sql': PG_SQL }), { unsupported: 'CockroachDB', reason: 'folder "cockroach" on the path /p/db/cockroach' });
    assert.deepEqual(unsupportedOf({ '/p/sqlite/migrations/1_a.up.sql': PG_SQL }), { unsupported: 'SQLite', reason: 'folder "sqlite" on the path /p/sqlite' });
    assert.equal(unsupportedOf({ '/p/sqlite/postgres/1_a.up.sql': PG_SQL }).unsupported, undefined, 'postgres is nearer');
  });

  it('are named by the framework\'s URL or driver, and by Prisma\'s provider', () => {
    assert.deepEqual(unsupportedOf({ '/p/.env': 'DATABASE_URL=sqlite:db/app.sqlite3\n', '/p/db/migrations/1_a.sql': '-- migrate:up\nCREATE TABLE a (id int);\n' }), { unsupported: 'SQLite', reason: 'DATABASE_URL in /p/.env' });
    assert.deepEqual(unsupportedOf({ '/p/.env': 'GOOSE_DRIVER=clickhouse\n', '/p/migrations/00001_a.sql': '-- +goose Up\nCREATE TABLE a (id UInt64);\n' }), { unsupported: 'ClickHouse', reason: 'GOOSE_DRIVER in /p/.env' });
    assert.equal(unsupportedOf({ '/p/prisma/migrations/migration_lock.toml': 'provider = "sqlserver"\n', '/p/prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE a (id INT);\n' }).unsupported, 'SQL Server');
  });

  it('are named by syntax only that engine accepts', () => {
    assert.deepEqual(unsupportedOf({ '/p/db/migrations/1_a.up.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);\n' }), { unsupported: 'SQLite', reason: 'SQLite syntax in the migrations: AUTOINCREMENT (1_a.up.sql)' });
    assert.equal(unsupportedOf({ '/p/db/migrations/1_a.up.sql': 'CREATE TABLE e (id UInt64) ENGINE = ReplacingMergeTree ORDER BY id;\n' }).unsupported, 'ClickHouse');
    assert.equal(unsupportedOf({ '/p/db/migrations/1_a.up.sql': 'CREATE INDEX i ON t (a) USING HASH WITH (bucket_count = 8);\n' }).unsupported, 'CockroachDB');
    assert.equal(unsupportedOf({ '/p/db/migrations/1_a.up.sql': `${MYSQL_SQL}-- AUTOINCREMENT in a comment says nothing\n` }).unsupported, undefined);
  });

  it('give way to a dialect the settings name', () => {
    assert.equal(unsupportedOf({ '/p/db/cockroach/1_a.up.sql': PG_SQL }, { dialect: 'postgres' }).unsupported, undefined);
  });
});
