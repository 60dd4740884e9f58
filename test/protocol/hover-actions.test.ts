// Hover and the generic code actions of the built server (dist/server.js) over stdio.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, HoverRequest, type CodeAction, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol';
import { RuleDocsRequest, RuleListRequest } from '../../server/src/lsp/protocol.js';
import { tempWorkspace } from '../unit/cli/helpers.js';
import { LspTestClient } from './lsp-client.js';

const SETUP = 'CREATE TABLE movies (id INT PRIMARY KEY, title VARCHAR(100) NOT NULL);\n';
const CHANGE = '-- +goose Up\nCREATE INDEX idx ON movies (id);\n  ALTER TABLE movies\n    MODIFY title TEXT NOT NULL;\n';

async function startWithMysqlSet(t: Parameters<typeof LspTestClient.start>[0]) {
  const folder = tempWorkspace(t, { 'db/mysql/001_movies.sql': `-- +goose Up\n${SETUP}`, 'db/mysql/002_title.sql': CHANGE });
  const uri = pathToFileURL(`${folder}/db/mysql/002_title.sql`).href;
  const client = await LspTestClient.start(t, folder, { dialect: 'mysql' });
  await client.open(uri, CHANGE);
  await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.some((d) => d.code === 'mysql-alter-blocks-writes'));
  return { client, connection: client.connection, uri };
}

test('hovering a statement shows the findings there first, then its lock, then a link to the rule docs', async (t) => {
  const { connection, uri } = await startWithMysqlSet(t);
  const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 6 } });
  const sections = (hover?.contents as MarkupContent).value.split('\n\n---\n\n');
  assert.equal(sections.length, 3, sections.join('\n|\n'));
  // The message as markdown: its names in backticks render as code.
  assert.match(sections[0], /^\*\*warning\*\* `mysql-alter-blocks-writes`: .*`movies`/);
  assert.match(sections[1], /^\*\*Lock:\*\* takes ALGORITHM=COPY, LOCK=SHARED on `movies`: blocks writes until it finishes/);
  const link = `command:migrationLens.showRuleDocs?${encodeURIComponent('["mysql-alter-blocks-writes"]')}`;
  assert.equal(sections[2], `[Documentation of mysql-alter-blocks-writes](${link})`);
  assert.doesNotMatch(sections.join(''), /Reports ALTER TABLE/, 'the rule docs are a link away, not in the hover');
});

test('every finding offers ignore comments and its documentation', async (t) => {
  const { connection, uri } = await startWithMysqlSet(t);
  const actions = (await connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: { line: 3, character: 6 }, end: { line: 3, character: 6 } },
    context: { diagnostics: [] },
  })) as CodeAction[];
  const byTitle = new Map(actions.map((action) => [action.title, action]));
  const editOf = (title: string): TextEdit[] | undefined => byTitle.get(title)?.edit?.changes?.[uri];

  assert.deepEqual(editOf('Ignore mysql-alter-blocks-writes for this statement'), [
    { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '  -- migration-lens-ignore mysql-alter-blocks-writes\n' },
  ]);
  // After goose's `-- +goose Up`, which must stay the first line.
  assert.deepEqual(editOf('Ignore mysql-alter-blocks-writes in this file'), [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '-- migration-lens-ignore-file mysql-alter-blocks-writes\n' },
  ]);
  const docs = byTitle.get('Show documentation for mysql-alter-blocks-writes');
  assert.deepEqual(docs?.command?.arguments, ['mysql-alter-blocks-writes']);
  // A proper kind: the editor drops (and warns about) actions of the empty kind in "Quick Fix…".
  assert.deepEqual([...new Set(actions.map((action) => action.kind))], ['quickfix']);
  const { markdown } = await connection.sendRequest(RuleDocsRequest, { rule: 'mysql-alter-blocks-writes' });
  assert.match(markdown ?? '', /^# mysql-alter-blocks-writes\n/);
  const { rules } = await connection.sendRequest(RuleListRequest);
  assert.deepEqual(rules.find((rule) => rule.id === 'mysql-alter-blocks-writes')?.summary, markdown?.split('\n')[4]);
});

test('the inserted comments silence the finding', async (t) => {
  const { client, uri } = await startWithMysqlSet(t);
  const silenced = CHANGE.replace('  ALTER', '  -- migration-lens-ignore mysql-alter-blocks-writes\n  ALTER');
  await client.change(uri, 2, silenced);
  await client.waitForDiagnostics(uri, (diagnostics) => !diagnostics.some((d) => d.code === 'mysql-alter-blocks-writes'));
  await client.change(uri, 3, CHANGE.replace('-- +goose Up\n', '-- +goose Up\n-- migration-lens-ignore-file mysql-alter-blocks-writes\n'));
  await client.waitForDiagnostics(uri, (diagnostics) => !diagnostics.some((d) => d.code === 'mysql-alter-blocks-writes'));
});
