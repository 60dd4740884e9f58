import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initEngine } from '../../../server/src/engine/analyze.js';
import { applyFixes, check, checkSql, findingsOf } from './helpers.js';

before(() => initEngine());

const JSONB = 'CREATE TABLE a (data JSONB);\nCREATE TABLE b (data JSONB);\n';

describe('suppression comments', () => {
  it('-- migration-lens-ignore silences the next statement only', () => {
    const found = findingsOf(checkSql(`-- migration-lens-ignore postgres-type-in-mysql\n${JSONB}`, 'mysql'), 'postgres-type-in-mysql');
    assert.deepEqual(found.map((f) => f.range.start.line), [2]);
  });
  it('reaches over other comment lines and takes several ids', () => {
    const sql = `-- migration-lens-ignore version-gap, postgres-type-in-mysql -- copied from the pg tree\n-- reviewed\n${JSONB}`;
    assert.deepEqual(findingsOf(checkSql(sql, 'mysql'), 'postgres-type-in-mysql').map((f) => f.range.start.line), [3]);
  });
  it('-- migration-lens-ignore-file silences the whole file, wherever it is', () => {
    assert.deepEqual(findingsOf(checkSql(`${JSONB}-- migration-lens-ignore-file postgres-type-in-mysql\n`, 'mysql'), 'postgres-type-in-mysql'), []);
  });
  it("honours squawk's comments", () => {
    assert.equal(findingsOf(checkSql(`-- squawk-ignore postgres-type-in-mysql\n${JSONB}`, 'mysql'), 'postgres-type-in-mysql').length, 1);
    assert.equal(findingsOf(checkSql(`-- squawk-ignore-file\n${JSONB}`, 'mysql'), 'postgres-type-in-mysql').length, 0);
  });
  it('a silenced dialect finding still explains the syntax error', () => {
    assert.deepEqual(findingsOf(checkSql(`-- migration-lens-ignore-file postgres-type-in-mysql\n${JSONB}`, 'mysql'), 'syntax-error'), []);
  });
  it('silences file-level findings through the first statement', () => {
    const analysis = check({ '001_a.up.sql': '-- migration-lens-ignore missing-down-migration\nCREATE TABLE a (id int);' }, { dialect: 'postgres' });
    assert.deepEqual(findingsOf(analysis, 'missing-down-migration'), []);
  });
});

describe('unknown-rule-in-suppression', () => {
  it('reports a misspelt id with the closest known one as a fix', () => {
    const sql = '-- migration-lens-ignore postgres-types-in-mysql\nCREATE TABLE a (data JSON);';
    const [finding] = findingsOf(checkSql(sql, 'mysql'), 'unknown-rule-in-suppression');
    assert.match(finding.message, /`postgres-types-in-mysql` is not a Migration Lens rule, so this comment silences nothing; did you mean `postgres-type-in-mysql`\?/);
    assert.deepEqual(finding.range, { start: { line: 0, character: 25 }, end: { line: 0, character: 48 } });
    assert.equal(applyFixes(sql, finding.fixes), sql.replace('types', 'type'));
  });
  it('offers no guess for an unrelated id, and ignores ids in squawk comments', () => {
    assert.match(findingsOf(checkSql('-- migration-lens-ignore frobnicate\nSELECT 1;', 'mysql'), 'unknown-rule-in-suppression')[0].message, /README/);
    assert.deepEqual(findingsOf(checkSql('-- squawk-ignore prefer-robust-stmts\nSELECT 1;', 'mysql'), 'unknown-rule-in-suppression'), []);
  });
});

describe('configured levels', () => {
  it('a configured level replaces the default', () => {
    const [finding] = findingsOf(checkSql('CREATE TABLE a (data JSONB);', 'mysql', { 'postgres-type-in-mysql': 'info' }), 'postgres-type-in-mysql');
    assert.equal(finding.severity, 'info');
  });
  it('"off" turns a rule off, and its syntax errors come back', () => {
    const analysis = checkSql('CREATE TABLE a (data JSONB);', 'mysql', { 'postgres-type-in-mysql': 'off' });
    assert.deepEqual(findingsOf(analysis, 'postgres-type-in-mysql'), []);
    assert.equal(findingsOf(analysis, 'syntax-error').length, 1);
  });
  it('"off" applies to the suppression check too', () => {
    assert.deepEqual(findingsOf(checkSql('-- migration-lens-ignore nope\nSELECT 1;', 'mysql', { 'unknown-rule-in-suppression': 'off' }), 'unknown-rule-in-suppression'), []);
  });
});

describe('rules that read the replayed schema', () => {
  it('DROP INDEX in MySQL gets `ON table` from the history', () => {
    const sql = 'CREATE TABLE movies (title VARCHAR(100));\nCREATE INDEX idx_title ON movies (title);\nDROP INDEX idx_title;';
    const [finding] = findingsOf(checkSql(sql, 'mysql'), 'postgres-syntax-in-mysql');
    assert.match(finding.message, /`DROP INDEX idx_title ON movies`/);
    const fixed = applyFixes(sql, finding.fixes);
    assert.ok(fixed.endsWith('DROP INDEX idx_title ON movies;'));
    assert.deepEqual(checkSql(fixed, 'mysql').findings, []);
  });
});

describe('dollar-quoted bodies in a MySQL set', () => {
  it('report once and explain the fragments the splitter cut', () => {
    const sql = 'CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.updated_at = now()::timestamp;\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\nCREATE TABLE after_it (id INT);';
    const analysis = checkSql(sql, 'mysql');
    assert.deepEqual(
      analysis.findings.map((f) => [f.rule, f.range.start.line]),
      [['postgres-syntax-in-mysql', 0]],
    );
  });
});
