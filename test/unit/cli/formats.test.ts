// The JSON and text formats on a hand-made analysis, so the JSON contract is checked key by key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatJson } from '../../../server/src/cli/output/json.js';
import { formatText } from '../../../server/src/cli/output/text.js';
import { summarizeAnalysis } from '../../../server/src/cli/check-result.js';
import { analysis, character, cwd, file, line } from './sample-analysis.js';

const result = summarizeAnalysis(analysis);

test('JSON: the version 1 contract, paths relative to cwd, 1-based positions in UTF-16 units', () => {
  assert.deepEqual(JSON.parse(formatJson(result, cwd)), {
    version: 1,
    sets: [{ root: 'db/migrations', framework: 'golang-migrate', dialect: 'postgres', migrations: 2 }],
    findings: [
      {
        file: 'db/migrations/002_add_fk.sql',
        rule: 'unknown-column',
        severity: 'warning',
        message: 'column "projct_id" does not exist on "tasks"',
        line: 1,
        column: character + 1,
        endLine: 1,
        endColumn: character + 10,
        related: [{ file: 'db/migrations/001_init.sql', line: 4, column: 5, message: '"tasks" created here' }],
        fixes: [
          {
            title: 'Change to "project_id"',
            edits: [{ file: 'db/migrations/002_add_fk.sql', line: 1, column: character + 1, endLine: 1, endColumn: character + 10, newText: 'project_id' }],
          },
        ],
      },
    ],
  });
  // 😀 is two UTF-16 units: the column counts both.
  assert.equal(character, "\tSELECT '".length + 2 + "', ".length);
});

test('text: how each set was read, then compiler-style header, source line, underline, related note and summary', () => {
  const text = formatText(result, cwd, (path) => (path === file ? `${line}\nSELECT 2;\n` : undefined));
  assert.equal(
    text,
    [
      'db/migrations: golang-migrate, postgres (default), 2 migrations',
      `db/migrations/002_add_fk.sql:1:${character + 1}: warning unknown-column: column "projct_id" does not exist on "tasks"`,
      `1 | ${line}`,
      // After the tab: `SELECT '😀', ` is 12 characters on screen (13 UTF-16 units).
      `  | \t${' '.repeat(12)}^^^^^^^^^`,
      '  db/migrations/001_init.sql:4:5: note: "tasks" created here',
      '0 errors, 1 warning in 2 files',
      '',
    ].join('\n'),
  );
});

test('text: a clean run says so', () => {
  assert.equal(formatText({ ...result, findings: [] }, cwd, () => undefined), 'db/migrations: golang-migrate, postgres (default), 2 migrations\nno problems in 2 files\n');
});
