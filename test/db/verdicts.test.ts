// The real servers judge the engine's error verdicts. Every fixture tree, and mutants of it made
// with the mistakes people make (a CREATE TABLE removed, a column or keyword misspelled, a file
// deleted, a table created twice) and a harmless change, is applied to a fresh database of the
// throwaway PostgreSQL or MariaDB server, up file by up file, until the server rejects one. Then
// `check`'s verdict must agree: the rejected file has an error finding, and no file the server
// accepted has one. The agreement is printed per mutation kind.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { defaultProjectConfig } from '../../server/src/engine/config/index.js';
import { analyze, initEngine, type MigrationSet } from '../../server/src/engine/index.js';
import { LineIndex, type Dialect } from '../../server/src/engine/model/source.js';
import { splitStatements } from '../../server/src/engine/parse/index.js';
import { testServerUrl } from '../support/databases/environment.js';
import { createMemoryHost } from '../unit/discover/memory-host.js';

const FIXTURES = join(__dirname, '../fixtures');
const ROOT = '/tree';

const TREES = [
  'radarr/migrations/postgres',
  'radarr/migrations/mysql',
  'frameworks/golang-migrate/postgres',
  'frameworks/golang-migrate/mysql',
  'frameworks/goose/postgres',
  'frameworks/goose/mysql',
  'frameworks/flyway/catalog',
  'frameworks/flyway/store',
  'frameworks/flyway/inventory',
  'frameworks/dbmate/app',
  'frameworks/dbmate/shop',
  'frameworks/prisma/admin',
  'frameworks/prisma/web',
  'frameworks/sql-migrate/billing',
  'frameworks/sql-migrate/ledger',
  'frameworks/plain/sql',
  'frameworks/node-pg-migrate/migrations',
];

type Files = Record<string, string>;

function readTree(folder: string): Files {
  const files: Files = {};
  const visit = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) visit(full);
      else files[`${ROOT}/${relative(folder, full)}`] = readFileSync(full, 'utf8');
    }
  };
  visit(folder);
  return files;
}

/** The set's up files in the order they run, with the text of their up part. */
function upParts(set: MigrationSet, files: Files): { file: string; text: string; start: number; end: number; inTransaction: boolean; sentWhole?: true }[] {
  return set.migrations.flatMap(({ up }) =>
    up ? [{ file: up.file, text: files[up.file], start: up.range.start, end: up.range.end, inTransaction: up.transaction.inTransaction, ...(up.sentWhole ? { sentWhole: up.sentWhole } : {}) }] : [],
  );
}

interface Mutation {
  kind: string;
  /** The mutated trees (one per place the mistake is made); none when the tree offers no place for it. */
  apply(files: Files, set: MigrationSet, dialect: Dialect): Files[];
}

const CREATE_TABLE = /\bcreate\s+table\s+(?:if\s+not\s+exists\s+)?([`"]?[\w.]+[`"]?)/i;

/** Each up statement with where it is. */
function statementsOf(set: MigrationSet, files: Files, dialect: Dialect): { file: string; start: number; end: number; text: string }[] {
  return upParts(set, files).flatMap((part) =>
    splitStatements(part.text, part, dialect, part).map((span) => ({ file: part.file, start: span.start, end: span.end, text: part.text.slice(span.start, span.end) })),
  );
}

/** Share of the mutants a server rejects that must get an error at the rejected file. */
const RECALL_BUDGET = 0.95;

/** SQL keywords a typo can hit, in the statements people write in migrations. */
const KEYWORDS = /^(?:create|table|alter|add|column|drop|index|unique|on|references|foreign|key|primary|not|null|default|insert|into|values|update|set|where|constraint|if|exists|view|as|select|from|modify|rename|to)$/i;

const replaceAt = (text: string, start: number, end: number, by: string) => text.slice(0, start) + by + text.slice(end);

const MUTATIONS: Mutation[] = [
  {
    kind: 'CREATE TABLE removed',
    apply(files, set, dialect) {
      const statements = statementsOf(set, files, dialect);
      // A table the later statements use, so that its absence matters.
      const removed = statements.find((statement, i) => {
        const table = CREATE_TABLE.exec(statement.text)?.[1]?.replace(/[`"]/g, '').split('.').pop();
        return table !== undefined && statements.slice(i + 1).some((later) => new RegExp(`\\b${table}\\b`, 'i').test(later.text));
      });
      return removed ? [{ ...files, [removed.file]: replaceAt(files[removed.file], removed.start, removed.end, 'SELECT 1') }] : [];
    },
  },
  {
    kind: 'column misspelled',
    // In an index or a foreign key (ON t (col), REFERENCES t (col)), and in an ALTER of a column.
    apply(files, set, dialect) {
      const variants: Files[] = [];
      for (const pattern of [/\b(?:on|references)\s+[`"]?\w+[`"]?\s*\(\s*[`"]?(\w+)/i, /\b(?:drop|alter|modify|rename)\s+column\s+(?:if\s+exists\s+)?[`"]?(\w+)/i]) {
        for (const statement of statementsOf(set, files, dialect)) {
          const column = pattern.exec(statement.text);
          if (!column) continue;
          const at = statement.start + column.index + column[0].length;
          variants.push({ ...files, [statement.file]: replaceAt(files[statement.file], at, at, 'x') });
          break;
        }
      }
      return variants;
    },
  },
  {
    kind: 'keyword misspelled',
    // Every keyword of one statement in the middle of the history, one mutant each.
    apply(files, set, dialect) {
      const statements = statementsOf(set, files, dialect).filter((statement) => /^\s*(?:create|alter|insert|update|drop)\b/i.test(statement.text));
      const target = statements[Math.floor(statements.length / 2)];
      if (!target) return [];
      return [...target.text.matchAll(/\b[A-Za-z]+\b/g)]
        .filter((word) => KEYWORDS.test(word[0]))
        .slice(0, 12)
        .map((word) => {
          const at = target.start + word.index;
          return { ...files, [target.file]: replaceAt(files[target.file], at, at + word[0].length, `${word[0]}E`) };
        });
    },
  },
  {
    kind: 'file deleted',
    apply(files, set) {
      const migration = set.migrations.find((candidate, i) => i < set.migrations.length - 1 && candidate.up && CREATE_TABLE.test(files[candidate.up.file]));
      if (!migration) return [];
      const without = { ...files };
      for (const part of [migration.up, migration.down]) if (part) delete without[part.file];
      return [without];
    },
  },
  {
    kind: 'table created twice',
    apply(files, set, dialect) {
      const statements = statementsOf(set, files, dialect);
      const create = statements.find((statement) => CREATE_TABLE.test(statement.text) && !/if\s+not\s+exists/i.test(statement.text));
      const last = upParts(set, files).at(-1);
      if (!create || !last || last.file === create.file) return [];
      return [{ ...files, [last.file]: replaceAt(files[last.file], last.end, last.end, `\n${create.text};\n`) }];
    },
  },
  {
    kind: 'other dialect pasted',
    // What a developer copies from the other tree of a project that runs both.
    apply(files, set, dialect) {
      const table = statementsOf(set, files, dialect)
        .map((statement) => CREATE_TABLE.exec(statement.text)?.[1]?.replace(/[`"]/g, ''))
        .find((name): name is string => name !== undefined);
      const last = upParts(set, files).at(-1);
      if (!table || !last) return [];
      const pasted =
        dialect === 'postgres'
          ? [`ALTER TABLE ${table} MODIFY COLUMN zz_note VARCHAR(20);`, `CREATE TABLE zz_flags (id INT AUTO_INCREMENT PRIMARY KEY, flag TINYINT(1)) ENGINE=InnoDB;`]
          : [`ALTER TABLE ${table} ADD COLUMN zz_tags text[];`, `CREATE INDEX CONCURRENTLY zz_idx ON ${table} (id);`, 'SELECT BIN_TO_UUID(UUID_TO_BIN(UUID()));'];
      return pasted.map((sql) => ({ ...files, [last.file]: replaceAt(files[last.file], last.end, last.end, `\n${sql}\n`) }));
    },
  },
  {
    kind: 'harmless addition',
    apply(files, set) {
      const last = upParts(set, files).at(-1);
      if (!last) return [];
      return [{ ...files, [last.file]: replaceAt(files[last.file], last.end, last.end, '\n-- reviewed\nCREATE TABLE zz_audit_note (id int PRIMARY KEY, note varchar(200));\n') }];
    },
  },
];

/** A fresh database on a server for one tree: runs statements, then goes. */
interface Judge {
  run(sql: string): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

async function freshPostgres(url: string): Promise<Judge> {
  const name = `verdict_${process.pid}_${counter++}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.href });
  await client.connect();
  return {
    run: async (sql) => void (await client.query(sql)),
    close: async () => {
      await client.end();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    },
  };
}

async function freshMariaDb(url: string): Promise<Judge> {
  const name = `verdict_${process.pid}_${counter++}`;
  const connection = await mysql.createConnection({ uri: url });
  await connection.query(`CREATE DATABASE ${name}`);
  await connection.query(`USE ${name}`);
  return {
    run: async (sql) => void (await connection.query(sql)),
    close: async () => {
      await connection.query(`DROP DATABASE ${name}`);
      await connection.end();
    },
  };
}

interface Outcome {
  tree: string;
  kind: string;
  /** The up file the server rejected, if one, with its reason. */
  rejected?: { file: string; reason: string };
  /** Files with an error finding. */
  flagged: string[];
  agrees: boolean;
}

const postgres = testServerUrl('postgres');
const mariadb = testServerUrl('mysql');
const outcomes: Outcome[] = [];

describe('error verdicts agree with the real servers', { timeout: 600_000 }, () => {
  after(() => {
    if (outcomes.length === 0) return;
    const kinds = [...new Set(outcomes.map((outcome) => outcome.kind))];
    console.log('  verdicts agreeing with the server, by mutation:');
    for (const kind of kinds) {
      const of = outcomes.filter((outcome) => outcome.kind === kind);
      console.log(`    ${kind.padEnd(22)} ${of.filter((o) => o.agrees).length}/${of.length} (server rejected ${of.filter((o) => o.rejected).length})`);
    }
  });

  for (const tree of TREES) {
    test(tree, async (t) => {
      await initEngine();
      const original = readTree(join(FIXTURES, tree));
      const detected = analyze([ROOT], createMemoryHost(original), { config: defaultProjectConfig('/') }).sets[0];
      assert.ok(detected, `no migration set in ${tree}`);
      // MariaDB is the MySQL-family server here: judge MySQL trees as MariaDB trees.
      const dialect: Dialect = detected.dialect === 'postgres' ? 'postgres' : 'mariadb';
      const server = dialect === 'postgres' ? postgres : mariadb;
      if (server.skip) return t.skip(server.skip);
      const mutants = [{ kind: 'original', apply: (files: Files) => [files] }, ...MUTATIONS].flatMap((mutation) =>
        mutation.apply(original, detected, dialect).map((files) => ({ kind: mutation.kind, files })),
      );
      for (const mutation of mutants) {
        const { files } = mutation;
        const analysis = analyze([ROOT], createMemoryHost(files), { config: defaultProjectConfig('/'), dialect });
        const set = analysis.sets[0];
        // Per up part: goose and sql-migrate keep the down part in the same file, and only ups run.
        const errors = analysis.findings.filter((finding) => finding.severity === 'error');
        const flaggedPart = (part: { file: string; text: string; start: number; end: number }) => {
          const lines = new LineIndex(part.text);
          return errors.some((finding) => finding.file === part.file && lines.offsetAt(finding.range.start) >= part.start && lines.offsetAt(finding.range.start) <= part.end);
        };
        const flagged = upParts(set, files).filter(flaggedPart).map((part) => part.file);
        const judge = dialect === 'postgres' ? await freshPostgres(server.url!) : await freshMariaDb(server.url!);
        let rejected: Outcome['rejected'];
        const accepted: string[] = [];
        try {
          for (const part of upParts(set, files)) {
            // As the framework runs it: in one transaction where it uses one (PostgreSQL; MySQL
            // commits each DDL statement whatever the framework does).
            const transaction = dialect === 'postgres' && part.inTransaction;
            try {
              if (transaction) await judge.run('BEGIN');
              for (const span of splitStatements(part.text, part, dialect, part)) await judge.run(part.text.slice(span.start, span.end));
              if (transaction) await judge.run('COMMIT');
              accepted.push(part.file);
            } catch (error) {
              if (transaction) await judge.run('ROLLBACK');
              rejected = { file: part.file, reason: (error as Error).message };
              break;
            }
          }
        } finally {
          await judge.close();
        }
        const falseErrors = accepted.filter((file) => flagged.includes(file));
        const missed = rejected !== undefined && !flagged.includes(rejected.file);
        const agrees = !missed && falseErrors.length === 0;
        outcomes.push({ tree, kind: mutation.kind, rejected, flagged, agrees });
        // Never a false "this will fail"; the rejections caught are counted against RECALL_BUDGET below.
        assert.deepEqual(falseErrors, [], `${tree} · ${mutation.kind}: errors in files the server accepted`);
        if (!agrees) {
          console.log(
            `  ${tree} · ${mutation.kind}: server ${rejected ? `rejected ${rejected.file.slice(ROOT.length + 1)} (${rejected.reason.split('\n')[0]})` : 'accepted every file'}; ` +
              `errors in ${flagged.map((file) => file.slice(ROOT.length + 1)).join(', ') || 'no file'}`,
          );
        }
      }
    });
  }

  test(`at least ${RECALL_BUDGET * 100}% of the mutants a server rejects get an error at the file it rejects`, (t) => {
    const rejected = outcomes.filter((outcome) => outcome.kind !== 'original' && outcome.rejected);
    if (rejected.length === 0) return t.skip('no server ran the trees');
    const caught = rejected.filter((outcome) => outcome.flagged.includes(outcome.rejected!.file));
    const falseErrors = outcomes.filter((outcome) => !outcome.agrees && !(outcome.rejected && !outcome.flagged.includes(outcome.rejected.file)));
    console.log(`  recall: ${caught.length}/${rejected.length} rejected mutants (${((caught.length / rejected.length) * 100).toFixed(1)}%); false will-fail errors: ${falseErrors.length} of ${outcomes.length} trees`);
    assert.ok(caught.length / rejected.length >= RECALL_BUDGET, `recall ${caught.length}/${rejected.length} is below ${RECALL_BUDGET * 100}%`);
  });
});
