// Shared by the parse tests: statement texts from ranges, and a partial deep comparison (node 20
// has no assert.partialDeepStrictEqual).
import assert from 'node:assert/strict';
import type { Statement } from '../../../server/src/engine/model/changes.js';
import type { SourceRange } from '../../../server/src/engine/model/source.js';
import { initParsers, parseStatements } from '../../../server/src/engine/parse/index.js';

export function whole(text: string): SourceRange {
  return { start: 0, end: text.length };
}

export function texts(text: string, ranges: SourceRange[]): string[] {
  return ranges.map((range) => text.slice(range.start, range.end));
}

/** Asserts that every key in `expected` has the same value in `actual`; arrays must match in length. */
export function assertIncludes(actual: unknown, expected: unknown, path = '$'): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${path}: length of ${JSON.stringify(actual)}`);
    expected.forEach((item, i) => assertIncludes(actual[i], item, `${path}[${i}]`));
  } else if (typeof expected === 'object' && expected !== null) {
    assert.ok(typeof actual === 'object' && actual !== null, `${path}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      assertIncludes((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
  } else {
    assert.equal(actual, expected, `${path}`);
  }
}

export async function postgresParser(): Promise<(sql: string) => Statement[]> {
  await initParsers();
  return (sql) => parseStatements(sql, whole(sql), 'postgres');
}
