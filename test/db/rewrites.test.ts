// adding-field-with-default against the real PostgreSQL that scripts/test.mjs starts: a table
// whose rows are rewritten gets a new file on disk (pg_relation_filenode changes), so the server
// itself says whether ADD COLUMN rewrote it. The rule fires exactly when it did — including where
// our verdict differs from squawk's (`-1`, serial columns) and where it depends on how a
// migration declared a user function.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { initEngine } from '../../server/src/engine/index.js';
import { testServerUrl } from '../support/databases/environment.js';
import { check, findingsOf } from '../unit/rules/helpers.js';

const server = testServerUrl('postgres');
const TABLE = 'CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t SELECT generate_series(1, 100);';

interface Case {
  /** A function the migration before creates, when the default calls one. */
  setup?: string;
  column: string;
  rewrites: boolean;
}

const CASES: Case[] = [
  { column: 'c int', rewrites: false },
  { column: 'c int DEFAULT 0', rewrites: false },
  { column: 'c int DEFAULT -1', rewrites: false },
  { column: "c text DEFAULT lower('X')", rewrites: false },
  { column: 'c timestamptz DEFAULT now()', rewrites: false },
  { column: 'c uuid DEFAULT gen_random_uuid()', rewrites: true },
  { column: 'c timestamptz DEFAULT clock_timestamp()', rewrites: true },
  { column: 'c bigserial', rewrites: true },
  { column: 'c int GENERATED ALWAYS AS IDENTITY', rewrites: true },
  { column: 'c int GENERATED ALWAYS AS (id * 2) STORED', rewrites: true },
  // PL/pgSQL: PostgreSQL may inline a one-line SQL function into a constant (see the rule's docs).
  { setup: 'CREATE FUNCTION next_code() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;', column: 'c int DEFAULT next_code()', rewrites: true },
  { setup: 'CREATE FUNCTION next_code() RETURNS int LANGUAGE plpgsql VOLATILE AS $$ BEGIN RETURN 1; END $$;', column: 'c int DEFAULT next_code()', rewrites: true },
  { setup: 'CREATE FUNCTION next_code() RETURNS int LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN 1; END $$;', column: 'c int DEFAULT next_code()', rewrites: false },
  { setup: 'CREATE FUNCTION app.next_code() RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN 1; END $$;', column: 'c int DEFAULT app.next_code()', rewrites: false },
];

describe('adding-field-with-default agrees with PostgreSQL on which ADD COLUMN rewrites the table', { skip: server.skip }, () => {
  let client: pg.Client;
  before(async () => {
    await initEngine();
    client = new pg.Client({ connectionString: server.url! });
    await client.connect();
  });
  after(() => client?.end());

  /** Runs the case on a fresh schema; true when the table's file changed. */
  async function rewritten({ setup = '', column }: Case): Promise<boolean> {
    await client.query('DROP SCHEMA IF EXISTS app CASCADE; DROP TABLE IF EXISTS t; DROP FUNCTION IF EXISTS next_code();');
    await client.query(`CREATE SCHEMA app; ${TABLE} ${setup}`);
    const file = async () => (await client.query<{ file: string }>("SELECT pg_relation_filenode('t')::text AS file")).rows[0].file;
    const before = await file();
    await client.query(`ALTER TABLE t ADD COLUMN ${column}`);
    return (await file()) !== before;
  }

  for (const entry of CASES) {
    test(`${entry.rewrites ? 'fires, and PostgreSQL rewrites' : 'quiet, and PostgreSQL keeps'} the table: ${entry.setup ? `${entry.setup} ` : ''}ADD COLUMN ${entry.column}`, async () => {
      assert.equal(await rewritten(entry), entry.rewrites, 'PostgreSQL');
      const analysis = check(
        { '001_table.up.sql': `CREATE SCHEMA app;\n${TABLE}\n${entry.setup ?? ''}`, '002_column.up.sql': `ALTER TABLE t ADD COLUMN ${entry.column};` },
        { dialect: 'postgres' },
      );
      assert.equal(findingsOf(analysis, 'adding-field-with-default').length, entry.rewrites ? 1 : 0, analysis.findings.map((f) => `${f.rule}: ${f.message}`).join('\n'));
    });
  }
});
