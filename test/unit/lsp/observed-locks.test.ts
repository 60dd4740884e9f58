// The store of lock-trace observations: an observation holds while its statement's text is
// unchanged, follows the statement when edits elsewhere move it, and a new trace of a file
// replaces the old one.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initEngine } from '../../../server/src/engine/index.js';
import { parseStatements } from '../../../server/src/engine/parse/index.js';
import { ObservedLocks, type CurrentStatement, type FileTrace } from '../../../server/src/lsp/observed-locks.js';

const FILE = '/work/db/postgres/002_widen.up.sql';
const WIDEN = 'ALTER TABLE t ALTER COLUMN c TYPE bigint';
const INDEX = 'CREATE INDEX u_id ON u (id)';

before(() => initEngine());

const statementsOf = (text: string): CurrentStatement[] => parseStatements(text, { start: 0, end: text.length }, 'postgres');

function traceOf(text: string, target = 'embedded PostgreSQL (/tmp/db)'): FileTrace {
  const statements = statementsOf(text).map(({ range, text: ran }) => ({ range, text: ran, locks: [], rewritten: [] }));
  return { file: FILE, target, tracedAt: new Date('2024-05-01T12:00:00Z'), statements };
}

const observedTexts = (store: ObservedLocks, text: string) => store.factsFor(FILE, statementsOf(text)).map((fact) => fact.statement.text);

test('every observation holds while the file reads as it was traced', () => {
  const store = new ObservedLocks();
  const text = `${WIDEN};\n${INDEX};\n`;
  store.record(traceOf(text));
  const facts = store.factsFor(FILE, statementsOf(text));
  assert.deepEqual(facts.map((fact) => fact.range), statementsOf(text).map((statement) => statement.range));
  assert.equal(facts[0].trace.target, 'embedded PostgreSQL (/tmp/db)');
  assert.deepEqual(store.files(), [FILE]);
});

test('an edited statement loses its observation; the others keep theirs', () => {
  const store = new ObservedLocks();
  store.record(traceOf(`${WIDEN};\n${INDEX};\n`));
  assert.deepEqual(observedTexts(store, `${WIDEN.replace('bigint', 'numeric')};\n${INDEX};\n`), [INDEX]);
  assert.deepEqual(observedTexts(store, `${WIDEN};\n${INDEX.replace('(id)', '(id DESC)')};\n`), [WIDEN]);
  assert.deepEqual(observedTexts(store, `${WIDEN}  ;\n`), [WIDEN], 'space outside the statement changes nothing; the removed statement is gone');
});

test('statements moved by an edit elsewhere keep their observation at their new place', () => {
  const store = new ObservedLocks();
  store.record(traceOf(`${WIDEN};\n${INDEX};\n`));
  const moved = `-- widen before the index\nSELECT 1;\n${WIDEN};\n${INDEX};\n`;
  const facts = store.factsFor(FILE, statementsOf(moved));
  assert.deepEqual(facts.map((fact) => fact.statement.text), [WIDEN, INDEX]);
  assert.deepEqual(facts.map((fact) => moved.slice(fact.range.start, fact.range.end)), [WIDEN, INDEX]);
});

test('observations pair with statements in order, so a repeated statement keeps one each', () => {
  const store = new ObservedLocks();
  store.record(traceOf(`${INDEX};\n${WIDEN};\n`));
  // The traced INDEX pairs with the first copy; WIDEN must come after it, and does.
  assert.deepEqual(observedTexts(store, `${INDEX};\n${INDEX};\n${WIDEN};\n`), [INDEX, WIDEN]);
  // Swapped: INDEX pairs first, and WIDEN, now before it, is not paired out of order.
  assert.deepEqual(observedTexts(store, `${WIDEN};\n${INDEX};\n`), [INDEX]);
});

test('a new trace of the file replaces the old one; other files and untraced files are apart', () => {
  const store = new ObservedLocks();
  const text = `${WIDEN};\n${INDEX};\n`;
  store.record(traceOf(text, 'first'));
  store.record(traceOf(text, 'second'));
  assert.deepEqual(store.factsFor(FILE, statementsOf(text)).map((fact) => fact.trace.target), ['second', 'second']);
  assert.deepEqual(store.factsFor('/work/db/postgres/003_other.up.sql', statementsOf(text)), []);
});
