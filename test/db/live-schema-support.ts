// Shared by the baseline and drift tests: a golang-migrate set of three migrations in a temp
// workspace, written in SQL that PostgreSQL, MySQL and MariaDB all accept, with its replay.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { initEngine } from '../../server/src/engine/index.js';
import { ReplayProject } from '../../server/src/engine/schema/project.js';
import { createNodeFileHost } from '../../server/src/node-file-host.js';
import { diskOptions, servers, setFrom, type TargetKind } from './runner-support.js';

export const MIGRATIONS = {
  '001_create_users.up.sql': 'CREATE TABLE users (id integer PRIMARY KEY, email varchar(255) NOT NULL);\n',
  '001_create_users.down.sql': 'DROP TABLE users;\n',
  '002_create_orders.up.sql': 'CREATE TABLE orders (\n  id integer PRIMARY KEY,\n  user_id integer NOT NULL,\n  total integer NOT NULL,\n  FOREIGN KEY (user_id) REFERENCES users (id)\n);\n',
  '002_create_orders.down.sql': 'DROP TABLE orders;\n',
  '003_add_user_name.up.sql': 'ALTER TABLE users ADD COLUMN name varchar(100);\n',
  '003_add_user_name.down.sql': 'ALTER TABLE users DROP COLUMN name;\n',
};

/** Every target the tests run on, with the reason when its server is not there. */
export const LIVE_TARGETS: { kind: TargetKind; dialect: 'postgres' | 'mysql'; skip: string | false }[] = [
  { kind: 'pglite', dialect: 'postgres', skip: false },
  { kind: 'postgres', dialect: 'postgres', skip: servers.postgres.skip },
  { kind: 'mysql', dialect: 'mysql', skip: servers.mysql.skip },
];

/** `<tmp>/db/<dialect>/` holding MIGRATIONS (the folder name gives the dialect). */
export async function migrationWorkspace(t: TestContext, dialect: 'postgres' | 'mysql') {
  await initEngine();
  const dir = mkdtempSync(join(tmpdir(), 'ml-live-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const root = join(dir, 'db', dialect);
  mkdirSync(root, { recursive: true });
  for (const [name, text] of Object.entries(MIGRATIONS)) writeFileSync(join(root, name), text);
  const set = setFrom(root);
  const replay = new ReplayProject().replay(set, createNodeFileHost());
  return { dir, root, set, replay, options: diskOptions() };
}
