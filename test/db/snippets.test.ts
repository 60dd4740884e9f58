// The snippets run: each one, placeholders at their defaults, applied step by step after the
// history that creates what it names, on the real PostgreSQL (the PostgreSQL and framework
// snippets) and the real MariaDB (the MySQL ones) that scripts/test.mjs starts. A snippet the
// server refuses would put a broken migration in the user's file.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Dialect } from '../../server/src/engine/model/source.js';
import { splitStatements } from '../../server/src/engine/parse/index.js';
import { expandDefaults, historyFor, readSnippets, snippetSteps, type SnippetFile } from '../support/snippets.js';
import { testServerUrl } from '../support/databases/environment.js';

/** The statements of a migration's text, as a runner sends them one by one (CONCURRENTLY cannot share a transaction). */
const statementsOf = (sql: string, dialect: Dialect): string[] => splitStatements(sql, { start: 0, end: sql.length }, dialect).map((range) => sql.slice(range.start, range.end));

/** Framework snippets' directives are comments to the server; their SQL is what runs. */
const SNIPPET_FILES: { file: SnippetFile; dialect: Dialect }[] = [
  { file: 'postgres', dialect: 'postgres' },
  { file: 'frameworks', dialect: 'postgres' },
  { file: 'mysql', dialect: 'mariadb' },
];

const postgres = testServerUrl('postgres');
const mariadb = testServerUrl('mysql');

for (const { file, dialect } of SNIPPET_FILES) {
  const server = dialect === 'postgres' ? postgres : mariadb;
  describe(`${file} snippets run on the real ${dialect === 'postgres' ? 'PostgreSQL' : 'MariaDB'}`, { skip: server.skip }, () => {
    let run: (sql: string) => Promise<unknown>;
    let reset: (name: string) => Promise<void>;
    let close: () => Promise<void>;
    before(async () => {
      if (dialect === 'postgres') {
        const client = new pg.Client({ connectionString: server.url });
        await client.connect();
        run = (sql) => client.query(sql);
        reset = async (name) => {
          await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE; CREATE SCHEMA ${name}`);
          await client.query(`SET search_path = ${name}`);
        };
        close = () => client.end();
      } else {
        const connection = await mysql.createConnection({ uri: server.url! });
        run = (sql) => connection.query(sql);
        reset = async (name) => {
          await connection.query(`DROP DATABASE IF EXISTS ${name}`);
          await connection.query(`CREATE DATABASE ${name}`);
          await connection.query(`USE ${name}`);
        };
        close = () => connection.end();
      }
    });
    after(() => close?.());

    Object.entries(readSnippets(file)).forEach(([name, snippet], index) => {
      test(name, async () => {
        await reset(`snippet_${file}_${index}`);
        const steps = snippetSteps(expandDefaults(snippet.body));
        for (const migration of [...historyFor(steps), ...steps]) {
          for (const statement of statementsOf(migration, dialect)) {
            await assert.doesNotReject(run(statement), `the server refuses: ${statement}`);
          }
        }
      });
    });
  });
}
