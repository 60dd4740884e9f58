// Ground truth for replay: every fixture migration set is applied to a real database, one
// migration at a time, and after each one the live catalog (read by db/introspect) must equal the
// snapshot replay computed for that point — zero differences. Then the downs run in reverse and
// the catalog must equal what replay says each down leaves behind.
//
// PostgreSQL sets run on PGlite always and on the throwaway server when ML_TEST_POSTGRES_URL is
// set; MySQL/MariaDB sets run on ML_TEST_MYSQL_URL. Without a server those parts are skipped
// with the reason (scripts/test.mjs makes CI fail instead).

import { PGlite } from '@electric-sql/pglite';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { introspectMysql, introspectPostgres } from '../../server/src/db/introspect/index.js';
import { AnalysisSession, analyze, initEngine, normalizePath, type FileHost, type MigrationSet } from '../../server/src/engine/index.js';
import type { Statement } from '../../server/src/engine/model/changes.js';
import { compareSchemas, type SchemaDifference } from '../../server/src/engine/schema/compare.js';
import type { Schema } from '../../server/src/engine/schema/model.js';
import { ReplayProject } from '../../server/src/engine/schema/project.js';
import type { SetReplay } from '../../server/src/engine/schema/replay.js';
import { createNodeFileHost } from '../../server/src/node-file-host.js';
import { testServerUrl } from '../support/databases/environment.js';
import { OWN_SETS } from '../unit/schema/sample-sets.js';
import { memoryHost, memorySet } from '../unit/schema/support.js';

const FIXTURES = normalizePath(resolve(__dirname, '../fixtures/frameworks'));

/** A database the migrations run on: one statement at a time, then its catalog read back. */
interface Target {
  execute(sql: string): Promise<void>;
  introspect(): Promise<Schema>;
  close(): Promise<void>;
}

interface Case {
  label: string;
  set: MigrationSet;
  replay: SetReplay;
  host: FileHost;
  project: ReplayProject;
}

async function collectCases(): Promise<Case[]> {
  await initEngine();
  const cases: Case[] = [];
  const diskHost = createNodeFileHost();
  const session = new AnalysisSession();
  const { project } = session;
  const analysis = analyze([FIXTURES], diskHost, { session });
  analysis.sets.forEach((set, i) => cases.push({ label: set.root.slice(FIXTURES.length + 1), set, replay: analysis.replays[i], host: diskHost, project }));
  for (const own of OWN_SETS) {
    const files = new Map<string, string>();
    const set = memorySet(own.migrations, own.dialect, files);
    const host = memoryHost(files);
    const ownProject = new ReplayProject();
    cases.push({ label: `own/${own.name}`, set, replay: ownProject.replay(set, host), host, project: ownProject });
  }
  return cases;
}

/** Why a set cannot be a ground truth (it is broken on purpose), or undefined. */
function unusable(testCase: Case): string | undefined {
  if (testCase.set.migrations.length === 0) return 'no migrations';
  const events = testCase.replay.all().flatMap((m) => [...m.events, ...(m.downResult?.events ?? [])]);
  if (events.length) return `replay reports ${events[0].message} (a fixture for broken histories)`;
  const syntax = allStatements(testCase, 'up').find((s) => s.syntaxError);
  if (syntax) return `syntax error: ${syntax.syntaxError!.message}`;
  return undefined;
}

function statementsOf(testCase: Case, index: number, direction: 'up' | 'down'): readonly Statement[] {
  const part = testCase.set.migrations[index][direction];
  return part ? testCase.project.statements(part, testCase.set.dialect, testCase.host) ?? [] : [];
}

function allStatements(testCase: Case, direction: 'up' | 'down'): Statement[] {
  return testCase.set.migrations.flatMap((_, i) => [...statementsOf(testCase, i, direction)]);
}

function explain(differences: SchemaDifference[]): string {
  return differences.map((d) => `  ${d.objectKind} ${d.object} ${d.property}: expected ${d.expected ?? '(absent)'}, actual ${d.actual ?? '(absent)'}`).join('\n');
}

/** Applies every up, checking after each, then every down in reverse, checking after each. */
async function verify(testCase: Case, target: Target): Promise<void> {
  const { set, replay } = testCase;
  const check = async (expected: Schema, when: string) => {
    const differences = compareSchemas(expected, await target.introspect());
    assert.equal(differences.length, 0, `${testCase.label} ${when}: the database differs from the replayed schema\n${explain(differences)}`);
  };
  for (let i = 0; i < set.migrations.length; i++) {
    for (const statement of statementsOf(testCase, i, 'up')) await target.execute(statement.text);
    await check(replay.migration(i).after, `after up of ${set.migrations[i].version}`);
  }
  if (!set.migrations.every((m) => m.down)) return;
  for (let i = set.migrations.length - 1; i >= 0; i--) {
    for (const statement of statementsOf(testCase, i, 'down')) await target.execute(statement.text);
    const migration = replay.migration(i);
    await check(migration.downResult!.after, `after down of ${set.migrations[i].version}`);
    // A fixture whose down does not undo its up would make this fail: that is a fixture bug.
    assert.deepEqual(compareSchemas(migration.before, migration.downResult!.after), [], `${testCase.label}: down of ${set.migrations[i].version} does not restore the schema before its up`);
  }
}

const databaseName = (label: string) => `gt_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`.slice(0, 60);

/**
 * PGlite takes seconds to start, so one instance serves every set, emptied in between: user
 * schemas and extensions dropped, `public` recreated.
 */
let sharedPglite: Promise<PGlite> | undefined;

const RESET_PGLITE = `
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND nspname NOT LIKE 'pg\\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION %I CASCADE', r.extname);
  END LOOP;
END $$;
DROP SCHEMA public CASCADE;
CREATE SCHEMA public;`;

async function pgliteTarget(): Promise<Target> {
  sharedPglite ??= PGlite.create();
  const db = await sharedPglite;
  await db.exec(RESET_PGLITE);
  return { execute: async (sql) => void (await db.exec(sql)), introspect: () => introspectPostgres(db), close: async () => undefined };
}

async function postgresTarget(url: string, label: string): Promise<Target> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = databaseName(label);
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: target.toString() });
  await db.connect();
  return {
    execute: async (sql) => void (await db.query(sql)),
    introspect: () => introspectPostgres(db),
    close: async () => {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

async function mysqlTarget(url: string, label: string): Promise<Target> {
  const db = await mysql.createConnection(url);
  const name = databaseName(label);
  await db.query(`DROP DATABASE IF EXISTS ${name}`);
  await db.query(`CREATE DATABASE ${name}`);
  await db.query(`USE ${name}`);
  return {
    execute: async (sql) => void (await db.query(sql)),
    introspect: () => introspectMysql(db),
    close: async () => {
      await db.query(`DROP DATABASE IF EXISTS ${name}`);
      await db.end();
    },
  };
}

/** PGlite ships no contrib extensions; a set that needs one is checked on the server only. */
function needsExtension(testCase: Case): boolean {
  return allStatements(testCase, 'up').some((s) => s.change?.kind === 'create-extension');
}

const postgresServer = testServerUrl('postgres');
const mysqlServer = testServerUrl('mysql');

describe('ground truth: replayed schema equals the live catalog', async () => {
  const cases = await collectCases();
  const targets: Target[] = [];
  after(async () => {
    for (const target of targets) await target.close();
    if (sharedPglite) await (await sharedPglite).close();
  });
  const run = async (testCase: Case, open: () => Promise<Target>) => {
    const target = await open();
    targets.push(target);
    await verify(testCase, target);
  };

  for (const testCase of cases) {
    const reason = unusable(testCase);
    const postgres = testCase.set.dialect === 'postgres';
    if (postgres) {
      const skipPglite = reason ?? (needsExtension(testCase) ? 'needs an extension PGlite does not ship' : undefined);
      test(`${testCase.label} on PGlite`, { skip: skipPglite ?? false }, () => run(testCase, pgliteTarget));
      test(`${testCase.label} on PostgreSQL`, { skip: reason ?? postgresServer.skip }, () => run(testCase, () => postgresTarget(postgresServer.url!, testCase.label)));
    } else {
      test(`${testCase.label} on MariaDB`, { skip: reason ?? mysqlServer.skip }, () => run(testCase, () => mysqlTarget(mysqlServer.url!, testCase.label)));
    }
  }
});
