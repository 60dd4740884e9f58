// Parses one statement placed inside a file after non-ASCII text, so every range checked is a
// file offset (UTF-16) and not an offset into the statement.

import assert from 'node:assert/strict';
import type { Statement } from '../../../server/src/engine/model/changes.js';
import { parseMysqlStatement } from '../../../server/src/engine/parse/mysql/index.js';

export const PREFIX = '-- migration: añade índices 😀\n';

export interface Parsed extends Pick<Statement, 'change' | 'syntaxError'> {
  file: string;
  /** Text of the file at `range`. */
  at(range: { start: number; end: number }): string;
}

export function parse(sql: string, dialect: 'mysql' | 'mariadb' = 'mysql'): Parsed {
  const file = `${PREFIX}${sql};\nSELECT 1;\n`;
  const range = { start: PREFIX.length, end: PREFIX.length + sql.length };
  const result = parseMysqlStatement(file, range, dialect);
  return { ...result, file, at: (r) => file.slice(r.start, r.end) };
}

/** Asserts that every field of `expected` is present with the same value in `actual` (deeply). */
export function assertSubset(actual: unknown, expected: unknown, path = '$'): void {
  if (expected === null || typeof expected !== 'object') {
    assert.deepEqual(actual, expected, `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return;
  }
  assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object, got ${JSON.stringify(actual)}`);
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array`);
    assert.equal(actual.length, expected.length, `${path}: length ${JSON.stringify(actual)}`);
  }
  for (const [key, value] of Object.entries(expected)) {
    assertSubset((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  }
}
