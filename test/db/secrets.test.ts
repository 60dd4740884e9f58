// A password never leaves the place the user put it: the command line's output in every format
// (text, JSON, SARIF), its errors, and what it says of the project's own files. The password is
// planted where projects keep one — dbmate's .env, flyway.conf, a URL on the command line,
// MIGRATION_LENS_DB_PASSWORD — and every command that could echo it is run, on a server that
// refuses the connection and on the real PostgreSQL with a database that does not exist.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { main } from '../../server/src/cli/main.js';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { servers } from './runner-support.js';

const SECRET = 'S3cr3t-Pa55w0rd';
const ENCODED = encodeURIComponent(SECRET);

const FILES = {
  '.env': `DATABASE_URL=postgres://app:${SECRET}@127.0.0.1:5432/app?sslmode=disable\n`,
  'db/migrations/20240101000000_users.sql': '-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n',
  'flyway/flyway.conf': `flyway.url=jdbc:mysql://127.0.0.1:3306/shop\nflyway.user=shop\nflyway.password=${SECRET}\n`,
  'flyway/sql/V1__init.sql': 'CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n',
};

async function cli(cwd: string, ...argv: string[]): Promise<string> {
  let said = '';
  await main(argv, { cwd, stdout: (s) => void (said += s), stderr: (s) => void (said += s) });
  return said;
}

function assertNoSecret(said: string, what: string): void {
  assert.ok(!said.includes(SECRET) && !said.includes(ENCODED), `${what} printed the password:\n${said}`);
}

describe('a password never appears in what the command line prints', () => {
  test('check in every format, over files that hold a password', async (t) => {
    const root = tempWorkspace(t, FILES);
    for (const format of ['text', 'json', 'sarif']) {
      const said = await cli(root, 'check', '.', '--format', format);
      assert.ok(said.length > 0);
      assertNoSecret(said, `check --format ${format}`);
    }
    assertNoSecret(await cli(root, 'status', '.', '--format', 'json'), 'status of every set');
  });

  test('a URL with a password to a server that refuses the connection: text and JSON errors', async (t) => {
    const root = tempWorkspace(t, FILES);
    for (const format of ['text', 'json']) {
      for (const command of ['status', 'up', 'drift', 'baseline']) {
        const said = await cli(root, command, 'db/migrations', '--target', `postgres://app:${ENCODED}@127.0.0.1:1/app`, '--format', format);
        assert.match(said, /cannot connect|refused|ECONNREFUSED/i, said);
        assertNoSecret(said, `${command} --format ${format}`);
      }
    }
  });

  test('MIGRATION_LENS_DB_PASSWORD on the real PostgreSQL, whose answer is an error', { skip: servers.postgres.skip }, async (t) => {
    const root = tempWorkspace(t, FILES);
    const url = new URL(servers.postgres.url!);
    url.pathname = '/no_such_database_here';
    const before = process.env.MIGRATION_LENS_DB_PASSWORD;
    process.env.MIGRATION_LENS_DB_PASSWORD = SECRET;
    try {
      for (const format of ['text', 'json']) {
        const said = await cli(root, 'status', 'db/migrations', '--target', url.toString(), '--format', format);
        assert.match(said, /no_such_database_here/, said);
        assertNoSecret(said, `status --format ${format}`);
      }
    } finally {
      if (before === undefined) delete process.env.MIGRATION_LENS_DB_PASSWORD;
      else process.env.MIGRATION_LENS_DB_PASSWORD = before;
    }
  });
});
