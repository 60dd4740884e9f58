// A hand-made analysis with every field filled (related locations and fixes, which no engine
// rule produces yet), shared by the format tests.
import type { Analysis } from '../../../server/src/engine/index.js';

export const cwd = '/work/app';
export const file = '/work/app/db/migrations/002_add_fk.sql';
const earlier = '/work/app/db/migrations/001_init.sql';
// A tab and an emoji before the reported range: the underline must keep the tab and give the
// emoji (two UTF-16 units) one column.
export const line = "\tSELECT '😀', projct_id FROM tasks;";
export const character = line.indexOf('projct_id');

export const analysis: Analysis = {
  replays: [],
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
