// The CONCURRENTLY rules and their framework-aware quick fixes.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../../server/src/engine/analyze.js';
import type { Finding } from '../../../server/src/engine/model/finding.js';
import { parseStatements } from '../../../server/src/engine/parse/index.js';
import { applyFixes, check, enabling, findingsOf, ROOT, statementRuleTable } from './helpers.js';

before(() => initEngine());

const pg = (files: Record<string, string>, rule: string): Finding[] => findingsOf(check(files, { dialect: 'postgres', rules: enabling(rule) }), rule);

/** The text of `file` after the first fix of `finding`, for edits in that file only. */
function fixedText(finding: Finding, file: string, text: string): string {
  const edits = finding.fixes[0].edits.filter((edit) => edit.file === file);
  return applyFixes(text, [{ title: '', edits }]);
}

const parses = (sql: string) => assert.deepEqual(parseStatements(sql, { start: 0, end: sql.length }, 'postgres').flatMap((s) => (s.syntaxError ? [s.syntaxError.message] : [])), []);

statementRuleTable('require-concurrent-index-creation', {
  valid: [
    { sql: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS movies_title_idx ON movies (title);', dialect: 'postgres' },
    { sql: 'BEGIN;\nCREATE TABLE movies (id bigint, title text);\nCREATE INDEX movies_title_idx ON movies (title);\nCOMMIT;', dialect: 'postgres' },
    { sql: 'CREATE INDEX idx ON movies (title);', dialect: 'mysql' },
  ],
  invalid: [
    // Outside a transaction the new table is committed, and visible to other sessions, at once.
    { sql: 'CREATE TABLE movies (id bigint, title text);\nCREATE INDEX movies_title_idx ON movies (title);', dialect: 'postgres', messages: [/without CONCURRENTLY/] },
    {
      sql: 'CREATE INDEX movies_title_idx ON movies (title);',
      dialect: 'postgres',
      messages: [/^Building index `movies_title_idx` on `movies` without CONCURRENTLY\. It takes SHARE/],
      fixed: 'CREATE INDEX CONCURRENTLY movies_title_idx ON movies (title);',
    },
    { sql: 'create unique index on movies (title);', dialect: 'postgres', fixed: 'create unique index concurrently on movies (title);' },
  ],
});

statementRuleTable('require-concurrent-index-deletion', {
  valid: [
    { sql: 'DROP INDEX CONCURRENTLY IF EXISTS movies_title_idx;', dialect: 'postgres' },
    { sql: 'BEGIN;\nCREATE TABLE movies (title text);\nCREATE INDEX movies_title_idx ON movies (title);\nDROP INDEX movies_title_idx;\nCOMMIT;', dialect: 'postgres' },
  ],
  invalid: [
    { sql: 'CREATE TABLE movies (title text);\nCREATE INDEX movies_title_idx ON movies (title);\nDROP INDEX movies_title_idx;', dialect: 'postgres', messages: [/^Dropping `movies_title_idx` without CONCURRENTLY/] },
    { sql: 'DROP INDEX movies_title_idx;', dialect: 'postgres', messages: [/^Dropping `movies_title_idx` without CONCURRENTLY/], fixed: 'DROP INDEX CONCURRENTLY movies_title_idx;' },
    { sql: 'DROP INDEX a, b;', dialect: 'postgres', messages: [/one per statement/] },
  ],
});

describe('CONCURRENTLY fixes per framework', () => {
  const orders = 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n';
  const index = 'CREATE INDEX orders_customer_idx ON orders (customer_id);';

  it('golang-migrate, single statement: CONCURRENTLY alone (the e2e fixture)', () => {
    const files = { '000001_orders.up.sql': orders, '000001_orders.down.sql': 'DROP TABLE orders;\n', '000002_index.up.sql': `${index}\n`, '000002_index.down.sql': 'DROP INDEX orders_customer_idx;\n' };
    const [finding] = pg(files, 'require-concurrent-index-creation');
    assert.match(finding.fixes[0].title, /concurrently/i);
    assert.equal(fixedText(finding, `${ROOT}/000002_index.up.sql`, files['000002_index.up.sql']), 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n');
  });

  it('golang-migrate, several statements: moves the statement into a new migration with its down', () => {
    const up = `ALTER TABLE orders ADD COLUMN note text;\n${index}\n`;
    const files = { '000001_orders.up.sql': orders, '000001_orders.down.sql': 'DROP TABLE orders;\n', '000002_note.up.sql': up, '000002_note.down.sql': 'ALTER TABLE orders DROP COLUMN note;\n' };
    const [finding] = pg(files, 'require-concurrent-index-creation');
    assert.match(finding.message, /one implicit transaction/);
    // The tool's own spelling, even where its name opens the sentence.
    assert.match(finding.message, /transaction block: golang-migrate sends the file's 2 statements/);
    assert.match(finding.fixes[0].title, /^Add CONCURRENTLY and move it to its own migration `000003_note_concurrently.up.sql`/);
    assert.equal(fixedText(finding, `${ROOT}/000002_note.up.sql`, up), 'ALTER TABLE orders ADD COLUMN note text;\n');
    const newUp = fixedText(finding, `${ROOT}/000003_note_concurrently.up.sql`, '');
    assert.equal(newUp, 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n');
    assert.equal(fixedText(finding, `${ROOT}/000003_note_concurrently.down.sql`, ''), 'DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;\n');
    parses(newUp);
    const after = { ...files, '000002_note.up.sql': 'ALTER TABLE orders ADD COLUMN note text;\n', '000003_note_concurrently.up.sql': newUp, '000003_note_concurrently.down.sql': 'DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;\n' };
    assert.deepEqual(pg(after, 'require-concurrent-index-creation'), []);
    assert.deepEqual(pg(after, 'ban-concurrent-index-creation-in-transaction'), []);
  });

  it('golang-migrate: moving a statement out leaves no blank lines behind, between statements or at the end', () => {
    const base = { '000001_orders.up.sql': orders, '000001_orders.down.sql': 'DROP TABLE orders;\n', '000002_note.down.sql': 'ALTER TABLE orders DROP COLUMN note;\n' };
    const between = `ALTER TABLE orders ADD COLUMN note text;\n\n${index}\n\nALTER TABLE orders ADD COLUMN tag text;\n`;
    const [middle] = pg({ ...base, '000002_note.up.sql': between }, 'require-concurrent-index-creation');
    assert.equal(fixedText(middle, `${ROOT}/000002_note.up.sql`, between), 'ALTER TABLE orders ADD COLUMN note text;\n\nALTER TABLE orders ADD COLUMN tag text;\n');
    const last = `ALTER TABLE orders ADD COLUMN note text;\n\n  ${index}\n\n`;
    const [atEnd] = pg({ ...base, '000002_note.up.sql': last }, 'require-concurrent-index-creation');
    assert.equal(fixedText(atEnd, `${ROOT}/000002_note.up.sql`, last), 'ALTER TABLE orders ADD COLUMN note text;\n');
  });

  it('goose: adds CONCURRENTLY and `-- +goose NO TRANSACTION`', () => {
    const text = `-- +goose Up\n${index}\n\n-- +goose Down\nDROP INDEX orders_customer_idx;\n`;
    const files = { '00001_orders.sql': `-- +goose Up\n${orders}-- +goose Down\nDROP TABLE orders;\n`, '00002_index.sql': text };
    const [finding] = pg(files, 'require-concurrent-index-creation');
    assert.match(finding.message, /`-- \+goose NO TRANSACTION` turns that transaction off/);
    const fixed = fixedText(finding, `${ROOT}/00002_index.sql`, text);
    assert.equal(fixed, `-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n\n-- +goose Down\nDROP INDEX orders_customer_idx;\n`);
    const after = { ...files, '00002_index.sql': fixed };
    assert.deepEqual(pg(after, 'require-concurrent-index-creation'), []);
    assert.deepEqual(pg(after, 'ban-concurrent-index-creation-in-transaction'), []);
  });

  it('dbmate and sql-migrate: the option goes on the section marker', () => {
    for (const [marker, optOut] of [['-- migrate:up', '-- migrate:up transaction:false'], ['-- +migrate Up', '-- +migrate Up notransaction']]) {
      const down = marker.replace(/up/i, (word) => (word === 'up' ? 'down' : 'Down'));
      const text = `${marker}\n${index}\n${down}\nDROP INDEX orders_customer_idx;\n`;
      const base = `${marker}\n${orders}${down}\nDROP TABLE orders;\n`;
      const files: Record<string, string> = marker.includes('migrate:') ? { '20240101000000_orders.sql': base, '20240102000000_index.sql': text } : { '1_orders.sql': base, '2_index.sql': text };
      const file = Object.keys(files)[1];
      const [finding] = pg(files, 'require-concurrent-index-creation');
      const fixed = fixedText(finding, `${ROOT}/${file}`, text);
      assert.equal(fixed, `${optOut}\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n${down}\nDROP INDEX orders_customer_idx;\n`);
      assert.deepEqual(pg({ ...files, [file]: fixed }, 'ban-concurrent-index-creation-in-transaction'), []);
    }
  });

  it('Flyway: writes executeInTransaction=false into the script\'s .conf', () => {
    const files = { 'V1__orders.sql': orders, 'V2__index.sql': `${index}\n` };
    const [finding] = pg(files, 'require-concurrent-index-creation');
    const conf = finding.fixes[0].edits.find((edit) => edit.file.endsWith('.conf'));
    assert.equal(conf?.file, `${ROOT}/V2__index.sql.conf`);
    assert.equal(conf?.newText, 'executeInTransaction=false\n');
  });

  it('between BEGIN and COMMIT: explains, offers no fix that would fail', () => {
    const [finding] = pg({ '001_index.sql': `BEGIN;\n${index}\nCOMMIT;\n` }, 'require-concurrent-index-creation');
    assert.match(finding.message, /between BEGIN and COMMIT/);
    assert.deepEqual(finding.fixes, []);
  });
});
