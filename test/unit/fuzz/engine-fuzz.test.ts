// Hostile input never crashes or hangs the engine. fast-check generates SQL-shaped text, random
// text and mutations of the fixture files (truncations, byte flips, mixed line endings, a BOM, NUL,
// deep parentheses, unterminated quotes, dollar quotes and comments) and runs them through the
// splitter, both parsers and a whole analysis with every rule and fix. Properties: nothing throws,
// each input is analysed within a time budget, every finding lies inside its document, every fix's
// result parses again, and no rule reports an internal error.
//
// FUZZ_RUNS sets the number of inputs per property (600 in `npm test`: 3,000 inputs; the nightly-sized
// run is `FUZZ_RUNS=20000 node scripts/test.mjs test/unit/fuzz`, five properties: 100,000 inputs).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { defaultProjectConfig } from '../../../server/src/engine/config/index.js';
import { analyze, initEngine } from '../../../server/src/engine/index.js';
import type { Finding } from '../../../server/src/engine/model/finding.js';
import { DIALECTS, LineIndex, type Dialect } from '../../../server/src/engine/model/source.js';
import { parseStatements, splitStatements } from '../../../server/src/engine/parse/index.js';
import { createMemoryHost } from '../discover/memory-host.js';
import { applyFixes } from '../rules/helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
/** What one input may cost at most; far above what any of them takes. */
const BUDGET_MS = 5_000;

const FIXTURE_TEXTS = ((): string[] => {
  const texts: string[] = [];
  const visit = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) visit(full);
      else if (entry.endsWith('.sql')) texts.push(readFileSync(full, 'utf8'));
    }
  };
  visit(join(__dirname, '../../fixtures'));
  return texts;
})();

const SQL_WORDS = [
  'CREATE', 'TABLE', 'INDEX', 'CONCURRENTLY', 'ALTER', 'ADD', 'COLUMN', 'DROP', 'NOT', 'NULL', 'DEFAULT', 'PRIMARY', 'KEY', 'REFERENCES',
  'FOREIGN', 'UNIQUE', 'CHECK', 'CONSTRAINT', 'INSERT', 'INTO', 'VALUES', 'UPDATE', 'SET', 'WHERE', 'DELETE', 'FROM', 'SELECT', 'BEGIN',
  'COMMIT', 'RENAME', 'TO', 'TYPE', 'USING', 'ON', 'IF', 'EXISTS', 'VIEW', 'AS', 'TRIGGER', 'FUNCTION', 'RETURNS', 'LANGUAGE', 'DELIMITER',
  'users', 'orders', 'id', 'email', 'int', 'bigint', 'text', 'varchar(255)', 'jsonb', 'serial', 'timestamptz', 'ENUM', 'AUTO_INCREMENT',
  '-- +goose Up', '-- +goose Down', '-- +goose StatementBegin', '-- +goose StatementEnd', '-- +migrate Up', '-- migrate:up',
];
const PUNCTUATION = ['(', ')', ',', ';', ';', '\n', ' ', ' ', "'", '"', '`', '$$', '$tag$', '--', '/*', '*/', '.', '=', '::', '[', ']', '\\', '\r\n', '\t'];

/** Text that looks like migrations: words, names and punctuation in any order. */
const sqlish = fc.array(fc.oneof(fc.constantFrom(...SQL_WORDS), fc.constantFrom(...PUNCTUATION), fc.string({ maxLength: 6 })), { maxLength: 120 }).map((parts) => parts.join(' '));

/** A fixture file changed the way files get damaged. */
const mutatedFixture = fc
  .record({
    text: fc.constantFrom(...FIXTURE_TEXTS),
    mutation: fc.constantFrom('truncate', 'flip', 'crlf', 'bom', 'nul', 'deep', 'quote', 'dollar', 'comment', 'invalid-utf8', 'repeat'),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 0x10ffff }),
  })
  .map(({ text, mutation, at, byte }) => {
    const cut = text.length === 0 ? 0 : at % text.length;
    switch (mutation) {
      case 'truncate':
        return text.slice(0, cut);
      case 'flip':
        return text.slice(0, cut) + String.fromCodePoint(byte >= 0xd800 && byte <= 0xdfff ? 0xfffd : byte) + text.slice(cut + 1);
      case 'crlf':
        return text.replace(/\n/g, (newline, offset: number) => (offset % 3 === 0 ? '\r\n' : offset % 3 === 1 ? '\r' : newline));
      case 'bom':
        return `\uFEFF${text.replace(/\n/g, '\r\n')}`;
      case 'nul':
        return text.slice(0, cut) + '\u0000' + text.slice(cut);
      case 'deep':
        return `${text.slice(0, cut)}SELECT ${'('.repeat(10_000)}1${')'.repeat(at % 2 === 0 ? 10_000 : 9_999)};${text.slice(cut)}`;
      case 'quote':
        return `${text.slice(0, cut)}'unterminated ${text.slice(cut)}`;
      case 'dollar':
        return `${text.slice(0, cut)}$body$ never closed ${text.slice(cut)}`;
      case 'comment':
        return `${text.slice(0, cut)}/* never closed ${text.slice(cut)}`;
      case 'invalid-utf8':
        return Buffer.concat([Buffer.from(text.slice(0, cut)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(text.slice(cut))]).toString('utf8');
      default:
        return text.repeat(1 + (at % 20));
    }
  });

const anyText = fc.oneof(sqlish, mutatedFixture, fc.string({ unit: 'binary', maxLength: 400 }));

function withinBudget<T>(what: string, input: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  const took = performance.now() - started;
  assert.ok(took < BUDGET_MS, `${what} took ${took.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 200))}`);
  return result;
}

/** Every finding inside the document it names, and every fix's result parsing again without throwing. */
function checkFindings(findings: readonly Finding[], files: Record<string, string>, dialect: Dialect): void {
  for (const finding of findings) {
    assert.doesNotMatch(finding.message, /^Internal error in rule/, finding.message);
    const text = files[finding.file];
    if (text === undefined) continue;
    const lines = new LineIndex(text);
    for (const position of [finding.range.start, finding.range.end]) {
      const offset = lines.offsetAt(position);
      assert.ok(offset >= 0 && offset <= text.length, `${finding.rule}: position ${JSON.stringify(position)} outside ${finding.file}`);
      assert.deepEqual(lines.positionAt(offset), position, `${finding.rule}: position ${JSON.stringify(position)} is not a place in ${finding.file}`);
    }
    for (const fix of finding.fixes) {
      const edits = fix.edits.filter((edit) => edit.file === finding.file);
      const fixed = applyFixes(text, [{ ...fix, edits }]);
      parseStatements(fixed, { start: 0, end: fixed.length }, dialect);
    }
  }
}

describe(`fuzzing the engine (${RUNS} inputs per property)`, { timeout: 600_000 }, () => {
  before(initEngine);

  test('the splitter: ordered spans inside the text, for every dialect', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...DIALECTS), (text, dialect) => {
        const spans = withinBudget('splitting', text, () => splitStatements(text, { start: 0, end: text.length }, dialect));
        let end = 0;
        for (const span of spans) {
          assert.ok(span.start >= end && span.start <= span.end && span.end <= text.length, `span ${JSON.stringify(span)} after ${end}`);
          end = span.end;
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('both parsers: statements and syntax errors inside the text', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...DIALECTS), (text, dialect) => {
        const statements = withinBudget('parsing', text, () => parseStatements(text, { start: 0, end: text.length }, dialect));
        for (const statement of statements) {
          for (const range of [statement.range, statement.syntaxError?.range].filter((r) => r !== undefined)) {
            assert.ok(range.start >= 0 && range.start <= range.end && range.end <= text.length, `range ${JSON.stringify(range)} outside ${text.length}`);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('a whole analysis of a golang-migrate history with a hostile file: every rule and fix', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...DIALECTS), fc.nat({ max: 3 }), (text, dialect, position) => {
        const base = FIXTURE_TEXTS.slice(0, 3);
        const files: Record<string, string> = {};
        const ups = [...base.slice(0, position), text, ...base.slice(position)];
        ups.forEach((up, i) => {
          const version = String(i + 1).padStart(6, '0');
          files[`/repo/db/migrations/${version}_step.up.sql`] = up;
          files[`/repo/db/migrations/${version}_step.down.sql`] = i === position ? text : '';
        });
        const analysis = withinBudget('analysing', text, () => analyze(['/repo/db/migrations'], createMemoryHost(files), { dialect, config: defaultProjectConfig('/repo') }));
        checkFindings(analysis.findings, files, dialect);
      }),
      { numRuns: RUNS },
    );
  });

  test('a lone file of random text, as `check file.sql` reads it', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'grapheme', maxLength: 300 })), fc.constantFrom(...DIALECTS), (text, dialect) => {
        const files = { '/repo/scratch.sql': text };
        const analysis = withinBudget('analysing', text, () => analyze(['/repo/scratch.sql'], createMemoryHost(files), { dialect, config: defaultProjectConfig('/repo') }));
        checkFindings(analysis.findings, files, dialect);
      }),
      { numRuns: RUNS },
    );
  });

  test('goose files: directives in random places', () => {
    const directives = fc.array(fc.oneof(fc.constantFrom('-- +goose Up\n', '-- +goose Down\n', '-- +goose StatementBegin\n', '-- +goose StatementEnd\n', '-- +goose NO TRANSACTION\n'), sqlish), { maxLength: 12 });
    fc.assert(
      fc.property(directives, fc.constantFrom(...DIALECTS), (parts, dialect) => {
        const text = parts.join('\n');
        const files = { '/repo/db/migrations/00001_first.sql': `-- +goose Up\n${text}`, '/repo/db/migrations/00002_second.sql': text };
        const analysis = withinBudget('analysing', text, () => analyze(['/repo/db/migrations'], createMemoryHost(files), { dialect, config: defaultProjectConfig('/repo') }));
        checkFindings(analysis.findings, files, dialect);
      }),
      { numRuns: RUNS },
    );
  });
});
