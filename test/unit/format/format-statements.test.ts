// Formatting changes whitespace and nothing else: every fixture tree of every framework and both
// dialects is formatted, and each formatted file parses to the same statements with the same
// changes, keeps its framework directives and comments, and formats to itself a second time.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { defaultProjectConfig } from '../../../server/src/engine/config/index.js';
import { formatStatements, type FormatEdit } from '../../../server/src/engine/format/format-statements.js';
import { analyze, initEngine } from '../../../server/src/engine/index.js';
import type { Statement } from '../../../server/src/engine/model/changes.js';
import { createNodeFileHost } from '../../../server/src/node-file-host.js';
import { partsIn } from '../../../server/src/engine/symbols/navigate.js';
import { createMemoryHost } from '../discover/memory-host.js';

before(() => initEngine());

const OPTIONS = { tabSize: 2, insertSpaces: true };

function apply(text: string, edits: FormatEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.range.start - a.range.start)) result = result.slice(0, edit.range.start) + edit.text + result.slice(edit.range.end);
  return result;
}

/** What a statement does, without where it sits (positions move when whitespace does) or how expressions are spaced. */
function meaning(statements: readonly Statement[]): string {
  return JSON.stringify(
    statements.map((statement) => statement.change ?? null),
    (key, value) => {
      if (key === 'range' || key === 'text' || key === 'at' || key.endsWith('Range')) return undefined;
      return (key === 'sql' || key === 'raw') && typeof value === 'string' ? value.replace(/\s+/g, '') : value;
    },
  );
}

const statementsOf = (analysis: ReturnType<typeof analyze>, file: string): Statement[] => partsIn(analysis, file).flatMap(({ part }) => part.steps.map((step) => step.statement));

test('every fixture file formats to the same statements, keeps what lies between them, and formats to itself again', () => {
  const fixtures = join(__dirname, '../../fixtures');
  const disk = createNodeFileHost();
  const analysis = analyze([fixtures], disk);
  let formattedStatements = 0;
  const files = new Set(analysis.sets.flatMap((set) => set.migrations.flatMap((migration) => [migration.up?.file, migration.down?.file])).filter((file) => file !== undefined));
  assert.ok(files.size > 50, `fixture files found: ${files.size}`);
  for (const file of files) {
    const text = disk.readFile(file) ?? '';
    const edits = formatStatements(analysis, file, text, OPTIONS);
    if (edits.length === 0) continue;
    formattedStatements += edits.length;
    const formatted = apply(text, edits);
    const set = analysis.sets.find((candidate) => candidate.migrations.some((migration) => migration.up?.file === file || migration.down?.file === file));
    assert.ok(set);
    // The formatted file analysed in place of the original, in its own set.
    const again = analyze([set.root], { readFile: (path) => (path === file ? formatted : disk.readFile(path)), readDirectory: (path) => disk.readDirectory(path) }, { dialect: set.dialect });
    assert.equal(meaning(statementsOf(again, file)), meaning(statementsOf(analysis, file)), `${file} means the same after formatting`);
    assert.deepEqual(
      statementsOf(again, file).map((statement) => statement.syntaxError?.message),
      statementsOf(analysis, file).map((statement) => statement.syntaxError?.message),
      file,
    );
    const outside = (source: string, statements: Statement[]) => statements.reduceRight((rest, statement) => rest.slice(0, statement.range.start) + rest.slice(statement.range.end), source);
    assert.equal(outside(formatted, statementsOf(again, file)), outside(text, statementsOf(analysis, file)), `${file}: directives, comments and blank lines between statements are kept`);
    assert.deepEqual(formatStatements(again, file, formatted, OPTIONS), [], `${file} formats to itself`);
  }
  assert.ok(formattedStatements > 50, `statements formatted: ${formattedStatements}`);
});

test('goose directives stay where they are; a statement that does not parse, and one outside the range, are left alone', () => {
  const file = '/repo/db/migrations/00001_users.sql';
  const text = [
    '-- +goose Up',
    '-- +goose StatementBegin',
    'create table users (id bigint primary key, email text not null, created_at timestamptz default now());',
    '-- +goose StatementEnd',
    'create index users_email on users (email) where email is not null;',
    'create tabel broken (id int);',
    '',
    '-- +goose Down',
    'drop table users;',
    '',
  ].join('\n');
  const analysis = analyze(['/repo/db/migrations'], createMemoryHost({ [file]: text }), { dialect: 'postgres', config: defaultProjectConfig('/repo') });
  const formatted = apply(text, formatStatements(analysis, file, text, { tabSize: 4, insertSpaces: true }));
  assert.equal(
    formatted,
    [
      '-- +goose Up',
      '-- +goose StatementBegin',
      'create table users (',
      '    id bigint primary key,',
      '    email text not null,',
      '    created_at timestamptz default now()',
      ');',
      '-- +goose StatementEnd',
      'create index users_email on users (email)',
      'where',
      '    email is not null;',
      'create tabel broken (id int);',
      '',
      '-- +goose Down',
      'drop table users;',
      '',
    ].join('\n'),
  );
  // Only the statement the range touches (the index, line 5).
  const start = text.indexOf('create index');
  const ranged = formatStatements(analysis, file, text, { ...OPTIONS, range: { start, end: start + 5 } });
  assert.deepEqual(
    ranged.map((edit) => text.slice(edit.range.start, edit.range.end)),
    ['create index users_email on users (email) where email is not null'],
  );
  // A text the analysis has not seen yet (typed since) is not formatted from stale positions.
  assert.deepEqual(formatStatements(analysis, file, `  ${text}`, OPTIONS), []);
});

test('MySQL: formatted with its own quoting and options; tabs when the editor indents with tabs', () => {
  const file = '/repo/db/migrations/000001_users.up.sql';
  const text = 'CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT, `email` varchar(255), PRIMARY KEY (`id`)) ENGINE=InnoDB;\n';
  const analysis = analyze(['/repo/db/migrations'], createMemoryHost({ [file]: text }), { dialect: 'mysql', config: defaultProjectConfig('/repo') });
  assert.equal(
    apply(text, formatStatements(analysis, file, text, { tabSize: 4, insertSpaces: false })),
    'CREATE TABLE `users` (\n\t`id` int NOT NULL AUTO_INCREMENT,\n\t`email` varchar(255),\n\tPRIMARY KEY (`id`)\n) ENGINE = InnoDB;\n',
  );
});
