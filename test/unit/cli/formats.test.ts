// The output formats on a hand-made analysis with every field filled (related locations and
// fixes, which no engine rule produces yet), so the JSON contract is checked key by key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Analysis } from '../../../server/src/engine/index.js';
import { formatJson } from '../../../server/src/cli/output/json.js';
import { formatText } from '../../../server/src/cli/output/text.js';

const cwd = '/work/app';
const file = '/work/app/db/migrations/002_add_fk.sql';
const earlier = '/work/app/db/migrations/001_init.sql';
// A tab and an emoji before the reported range: the underline must keep the tab and give the
// emoji (two UTF-16 units) one column.
const line = "\tSELECT '😀', projct_id FROM tasks;";
const character = line.indexOf('projct_id');

export const analysis: Analysis = {
  sets: [
    {
      root: '/work/app/db/migrations',
      framework: 'golang-migrate',
      frameworkReason: 'files named NNN_name.up.sql',
      dialect: 'postgres',
      dialectReason: 'default',
      migrations: [
        { version: '001', name: 'init', id: '001', kind: 'versioned', up: { file: earlier, direction: 'up', range: { start: 0, end: 10 }, transaction: { inTransaction: true, reason: 'wrapped' } } },
        { version: '002', name: 'add_fk', id: '002', kind: 'versioned', up: { file, direction: 'up', range: { start: 0, end: 10 }, transaction: { inTransaction: true, reason: 'wrapped' } } },
      ],
      ignored: [],
      siblings: [],
    },
  ],
  findings: [
    {
      rule: 'unknown-column',
      severity: 'warning',
      message: 'column "projct_id" does not exist on "tasks"',
      file,
      range: { start: { line: 0, character }, end: { line: 0, character: character + 'projct_id'.length } },
      related: [{ location: { file: earlier, range: { start: { line: 3, character: 4 }, end: { line: 3, character: 14 } } }, message: '"tasks" created here' }],
      fixes: [
        {
          title: 'Change to "project_id"',
          edits: [{ file, range: { start: { line: 0, character }, end: { line: 0, character: character + 9 } }, newText: 'project_id' }],
        },
      ],
    },
  ],
};

test('JSON: the version 1 contract, paths relative to cwd, 1-based positions in UTF-16 units', () => {
  assert.deepEqual(JSON.parse(formatJson(analysis, cwd)), {
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

test('text: compiler-style header, source line, underline, related note and summary', () => {
  const text = formatText(analysis, cwd, (path) => (path === file ? `${line}\nSELECT 2;\n` : undefined));
  assert.equal(
    text,
    [
      `db/migrations/002_add_fk.sql:1:${character + 1}: warning unknown-column: column "projct_id" does not exist on "tasks"`,
      `1 | ${line}`,
      `  | \t        ^^^^^^^^^`,
      '  db/migrations/001_init.sql:4:5: note: "tasks" created here',
      '0 errors, 1 warning in 2 files',
      '',
    ].join('\n'),
  );
});

test('text: a clean run says so', () => {
  assert.equal(formatText({ ...analysis, findings: [] }, cwd, () => undefined), 'no problems in 2 files\n');
});
