// Pre-flight before running on a server: URLs pasted from shells (seed 002), the wrong server for
// the set, and sessions holding locks on the tables the pending migrations change — the last two
// against the real throwaway PostgreSQL and MariaDB servers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { openTarget, type DatabaseConnection } from '../../server/src/db/connection.js';
import { checkDatabaseUrl, runPreflight } from '../../server/src/db/preflight/index.js';
import { checkServer } from '../../server/src/db/preflight/server.js';
import { initEngine } from '../../server/src/engine/index.js';
import type { Dialect } from '../../server/src/engine/model/source.js';
import { parseStatements } from '../../server/src/engine/parse/index.js';
import { testServerUrl } from '../support/databases/environment.js';

const postgres = testServerUrl('postgres');
const mariadb = testServerUrl('mysql');

const statements = async (sql: string, dialect: Dialect) => {
  await initEngine();
  return parseStatements(sql, { start: 0, end: sql.length }, dialect);
};
const setOf = (dialect: Dialect, dialectReason = 'folder name') => ({ root: '/work/shop/db/migrations', dialect, dialectReason });

describe('database URL', () => {
  test('seed 002: ${VAR:-default} pasted into .env is named, and the fix is the default itself, password hidden', () => {
    const raw = '${DATABASE_URL:-postgresql://medianest:change_this_password@localhost:5432/medianest?connection_limit=20&pool_timeout=30}';
    const problem = checkDatabaseUrl(raw, 'DATABASE_URL');
    assert.equal(problem?.severity, 'error');
    assert.equal(
      problem?.message,
      'DATABASE_URL contains shell syntax ${DATABASE_URL:-…}: .env files and settings are read literally, not expanded by a shell, so the URL would contain those characters. ' +
        'Instead, write the URL itself: DATABASE_URL=postgresql://medianest:***@localhost:5432/medianest?connection_limit=20&pool_timeout=30 (a literal "$" in a password is written %24).',
    );
    assert.ok(!problem.message.includes('change_this_password'));
  });

  test('$VAR and ${VAR} inside a URL, quotes, unknown schemes, no host, no database', () => {
    assert.match(checkDatabaseUrl('postgres://app:${DB_PASSWORD}@localhost/app')!.message, /^The database URL contains shell syntax \$\{DB_PASSWORD\}: .*replace \$\{DB_PASSWORD\} with the value of DB_PASSWORD/);
    assert.match(checkDatabaseUrl('$DATABASE_URL', '--target')!.message, /^--target contains shell syntax \$DATABASE_URL: .*replace \$DATABASE_URL with the value of DATABASE_URL/);
    assert.match(checkDatabaseUrl('"postgres://app@localhost/app"')!.message, /wrapped in " quotes.*remove them/);
    assert.match(checkDatabaseUrl('sqlserver://sa@localhost/app')!.message, /unsupported database URL scheme "sqlserver:"; use postgres:\/\/, postgresql:\/\/, mysql:\/\/ or mariadb:\/\//);
    assert.match(checkDatabaseUrl('postgres:///app')!.message, /names no host/);
    assert.match(checkDatabaseUrl('mysql://root@127.0.0.1:3306')!.message, /names no database/);
    assert.equal(checkDatabaseUrl('postgresql://app:pa%24word@127.0.0.1:5432/app?sslmode=disable'), undefined);
    assert.equal(checkDatabaseUrl('mariadb://root@localhost/shop'), undefined);
  });
});

describe('server dialect', () => {
  // No MySQL server runs here; a connection that reports itself as MySQL 8.4 stands in for one.
  const mysqlServer = { dialect: 'mysql', description: 'mysql://root@127.0.0.1:3306/shop', serverVersion: async () => '8.4.2' } as DatabaseConnection;

  test('a MariaDB-only set against MySQL is an error that says which server to use', async () => {
    const [problem] = await checkServer(mysqlServer, setOf('mariadb', 'RETURNING in 003_orders.sql'));
    assert.equal(problem.check, 'dialect');
    assert.equal(problem.message, 'The migrations in /work/shop/db/migrations use MariaDB-only syntax (RETURNING in 003_orders.sql), but mysql://root@127.0.0.1:3306/shop runs MySQL 8.4.2: point the target at a MariaDB server, or correct the set\'s dialect in .migration-lens.json if the detection is wrong.');
  });

  test('a MySQL set against PostgreSQL stops the run before any lock query', { skip: postgres.skip }, async () => {
    const connection = await openTarget({ kind: 'url', url: postgres.url! });
    try {
      const problems = await runPreflight(connection, { set: setOf('mysql'), pendingStatements: await statements('ALTER TABLE t ADD COLUMN c INT', 'mysql') });
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /are written for MySQL \(folder name\), but postgres:\/\/\S+ runs PostgreSQL \d+/);
      assert.equal(problems[0].severity, 'error');
    } finally {
      await connection.close();
    }
  });

  test('pgVersion differing from the server is a warning naming the server version', { skip: postgres.skip }, async () => {
    const connection = await openTarget({ kind: 'url', url: postgres.url! });
    try {
      const major = (await connection.serverVersion()).split('.')[0];
      const [problem] = await checkServer(connection, setOf('postgres'), { expectedPgVersion: '9.6' });
      assert.equal(problem.severity, 'warning');
      assert.match(problem.message, new RegExp(`assume PostgreSQL 9\\.6 \\(pgVersion\\), but .* runs PostgreSQL ${major}[^:]*: set pgVersion to "${major}"`));
      assert.deepEqual(await checkServer(connection, setOf('postgres'), { expectedPgVersion: major }), []);
    } finally {
      await connection.close();
    }
  });

  test('a PostgreSQL set against MariaDB is an error; a MySQL set runs on MariaDB', { skip: mariadb.skip }, async () => {
    const connection = await openTarget({ kind: 'url', url: mariadb.url! });
    try {
      const [problem] = await checkServer(connection, setOf('postgres'));
      assert.match(problem.message, /written for PostgreSQL .* runs MariaDB \d+/);
      assert.deepEqual(await checkServer(connection, setOf('mysql')), []);
    } finally {
      await connection.close();
    }
  });
});

describe('locks on the tables pending migrations change', () => {
  test('PostgreSQL: a transaction holding a lock from another session is reported with who, since when and what', { skip: postgres.skip }, async () => {
    const setup = new pg.Client({ connectionString: postgres.url });
    await setup.connect();
    await setup.query('DROP TABLE IF EXISTS preflight_accounts; CREATE TABLE preflight_accounts (id int PRIMARY KEY, balance int); INSERT INTO preflight_accounts VALUES (1, 10)');
    const holder = new pg.Client({ connectionString: postgres.url, application_name: 'nightly-report' });
    await holder.connect();
    const connection = await openTarget({ kind: 'url', url: postgres.url! });
    try {
      const holderPid = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await holder.query('BEGIN');
      await holder.query('UPDATE preflight_accounts SET balance = balance + 1 WHERE id = 1');
      const pending = await statements('CREATE TABLE ledger (id int);\nALTER TABLE preflight_accounts ADD COLUMN currency text;\nALTER TABLE ledger ADD COLUMN note text', 'postgres');

      const problems = await runPreflight(connection, { set: setOf('postgres'), pendingStatements: pending });
      assert.equal(problems.length, 1, JSON.stringify(problems));
      const [problem] = problems;
      assert.equal(problem.check, 'locks');
      assert.equal(problem.severity, 'error');
      assert.equal(problem.sessions!.length, 1);
      const [session] = problem.sessions!;
      assert.equal(session.pid, holderPid);
      assert.equal(session.application, 'nightly-report');
      assert.equal(session.state, 'idle in transaction');
      assert.equal(session.query, 'UPDATE preflight_accounts SET balance = balance + 1 WHERE id = 1');
      assert.ok(session.locks.includes('preflight_accounts (RowExclusiveLock)'), session.locks.join());
      assert.ok(Date.now() - Date.parse(session.transactionStart!) < 60_000);
      assert.match(problem.message, new RegExp(`^A session holds locks on tables the pending migrations change \\(preflight_accounts\\) on postgres://.*: pid ${holderPid} user \\w+ \\(nightly-report\\), idle in transaction, transaction since \\S+ holding preflight_accounts \\(RowExclusiveLock\\), last query: UPDATE preflight_accounts .*Let it finish, or end it, then run again\\.$`));

      await holder.query('COMMIT');
      assert.deepEqual(await runPreflight(connection, { set: setOf('postgres'), pendingStatements: pending }), []);
    } finally {
      await connection.close();
      await holder.end();
      await setup.query('DROP TABLE IF EXISTS preflight_accounts');
      await setup.end();
    }
  });

  test('MariaDB: an open transaction of another session is reported (performance_schema is off there)', { skip: mariadb.skip }, async () => {
    const setup = await mysql.createConnection(mariadb.url!);
    await setup.query('DROP TABLE IF EXISTS preflight_accounts');
    await setup.query('CREATE TABLE preflight_accounts (id int PRIMARY KEY, balance int) ENGINE=InnoDB');
    await setup.query('INSERT INTO preflight_accounts VALUES (1, 10)');
    const holder = await mysql.createConnection(mariadb.url!);
    const connection = await openTarget({ kind: 'url', url: mariadb.url! });
    try {
      const [[{ id: holderId }]] = (await holder.query('SELECT CONNECTION_ID() AS id')) as any;
      await holder.query('START TRANSACTION');
      await holder.query('UPDATE preflight_accounts SET balance = balance + 1 WHERE id = 1');
      const pending = await statements('ALTER TABLE preflight_accounts ADD COLUMN currency varchar(3)', 'mariadb');

      const problems = await runPreflight(connection, { set: setOf('mariadb'), pendingStatements: pending });
      assert.equal(problems.length, 1, JSON.stringify(problems));
      const [problem] = problems;
      assert.equal(problem.check, 'locks');
      const session = problem.sessions!.find((s) => s.pid === holderId);
      assert.ok(session, `session ${holderId} in ${JSON.stringify(problem.sessions)}`);
      assert.match(session.user, /^root@/);
      assert.equal(session.application, 'Sleep');
      assert.ok(Date.now() - Date.parse(session.transactionStart!) < 60_000);
      assert.match(problem.message, new RegExp(`open transaction.* \\(which tables they lock is not visible: performance_schema is off\\): pid ${holderId} user root@`));

      await holder.query('COMMIT');
      // InnoDB refreshes the INNODB_TRX view at most every 100 ms.
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.deepEqual(await runPreflight(connection, { set: setOf('mariadb'), pendingStatements: pending }), []);
    } finally {
      await connection.close();
      await holder.end();
      await setup.query('DROP TABLE IF EXISTS preflight_accounts');
      await setup.end();
    }
  });
});
