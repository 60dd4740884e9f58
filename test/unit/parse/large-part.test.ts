// A seed file of thousands of INSERT rows is read in a fraction of the time: past the budget of
// fully parsed statements, rows that repeat an earlier row's head take its parse. What they yield
// must be exactly what parsing them would have, and everything else is still parsed.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Statement } from '../../../server/src/engine/model/changes.js';
import type { Dialect } from '../../../server/src/engine/model/source.js';
import { initParsers, parseStatements, splitStatements } from '../../../server/src/engine/parse/index.js';
import { FULL_PARSE_BUDGET } from '../../../server/src/engine/parse/large-part.js';
import { parseMysqlStatement } from '../../../server/src/engine/parse/mysql/index.js';
import { parsePostgresStatements } from '../../../server/src/engine/parse/postgres/index.js';
import { check, findingsOf } from '../rules/helpers.js';
import { whole } from './helpers.js';

before(initParsers);

const ROWS = FULL_PARSE_BUDGET + 600;

function seed(dialect: Dialect): string {
  const quote = dialect === 'postgres' ? '"' : '`';
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    if (i === FULL_PARSE_BUDGET + 100) lines.push('ALTER TABLE events ADD COLUMN note text;');
    if (i % 3 === 0) lines.push(`INSERT INTO events (id, kind) VALUES (${i}, 'click');`);
    else if (i % 3 === 1) lines.push(`INSERT INTO app.${quote}Users${quote} (id, name)\n  VALUES (${i}, 'user ${i}'), (${i + 1}, NULL);`);
    else lines.push(`INSERT INTO events (id, kind) VALUES (${i}, lower('CLICK'));`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every statement parsed on its own, as a part under the budget is. */
function parsedInFull(text: string, dialect: Dialect): Statement[] {
  const spans = splitStatements(text, whole(text), dialect);
  if (dialect === 'postgres') return parsePostgresStatements(text, whole(text), spans);
  return spans.map((span) => ({ range: span, text: text.slice(span.start, span.end), ...parseMysqlStatement(text, span, dialect) }));
}

for (const dialect of ['postgres', 'mysql'] as const) {
  describe(`a part of ${ROWS} rows and an ALTER (${dialect})`, () => {
    const text = seed(dialect);
    it('yields, row by row, the same changes as parsing every statement', () => {
      const skimmed = parseStatements(text, whole(text), dialect);
      const full = parsedInFull(text, dialect);
      assert.equal(skimmed.length, full.length);
      skimmed.forEach((statement, i) => {
        const { skimmed: _, ...rest } = statement;
        assert.deepEqual(rest, full[i], `statement ${i}: ${statement.text}`);
      });
    });
    it('skims only repeated rows of literals past the budget, and parses every head again after another statement', () => {
      const statements = parseStatements(text, whole(text), dialect);
      assert.ok(statements.slice(0, FULL_PARSE_BUDGET).every((statement) => !statement.skimmed));
      assert.ok(statements.every((statement) => !statement.skimmed || !/lower\(/.test(statement.text)), 'a row calling a function is parsed');
      const alter = statements.findIndex((statement) => statement.text.startsWith('ALTER'));
      assert.equal(statements[alter + 1].skimmed, undefined, 'the first row after the ALTER is parsed');
      assert.equal(statements.filter((statement) => statement.skimmed).length, 396);
    });
  });
}

describe('large-file-skimmed', () => {
  it('tells once per file how many rows were read for their table only', () => {
    const text = `CREATE TABLE events (id int PRIMARY KEY, kind text);\n${seed('postgres').replaceAll('app."Users"', 'events').replaceAll('(id, name)', '(id, kind)')}`;
    const analysis = check({ '001_seed.sql': text }, { dialect: 'postgres' });
    const [notice, ...more] = findingsOf(analysis, 'large-file-skimmed');
    assert.deepEqual(more, []);
    assert.equal(notice.severity, 'info');
    assert.match(notice.message, /^This file has 2,602 statements: from here on, 397 INSERT rows that repeat an earlier row's/);
  });
  it('stays quiet on a file under the budget', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `INSERT INTO events (id) VALUES (${i});`).join('\n');
    assert.deepEqual(findingsOf(check({ '001_seed.sql': `CREATE TABLE events (id int);\n${rows}` }, { dialect: 'postgres' }), 'large-file-skimmed'), []);
  });
});
