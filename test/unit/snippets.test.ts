// Every snippet the extension contributes, with its placeholders at their defaults, is a migration
// our own rules accept: it parses in its dialect and no safety rule fires on it. A snippet of a
// safe pattern that the rules flag would teach users the opposite of what the squiggles say.
// Snippets whose steps "each belong in their own migration" are checked as one migration a step,
// after a history that creates the tables they name.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { defaultProjectConfig } from '../../server/src/engine/config/index.js';
import { analyze, initEngine } from '../../server/src/engine/index.js';
import type { Dialect } from '../../server/src/engine/model/source.js';
import { findRuleMeta } from '../../server/src/engine/rules/index.js';
import { expandDefaults, historyFor, readSnippets, snippetSteps } from '../support/snippets.js';
import { createMemoryHost } from './discover/memory-host.js';

before(() => initEngine());

type Layout = (version: number, sql: string) => [string, string];
const golangMigrate: Layout = (version, sql) => [`/repo/db/migrations/${String(version).padStart(6, '0')}_step.up.sql`, sql];
const FRAMEWORKS: Record<string, { layout: Layout; up: string }> = {
  goose: { layout: (version, sql) => [`/repo/db/migrations/${String(version).padStart(5, '0')}_step.sql`, sql], up: '-- +goose Up\n' },
  dbmate: { layout: (version, sql) => [`/repo/db/migrations/2024010100000${version}_step.sql`, sql], up: '-- migrate:up\n' },
  'sql-migrate': { layout: (version, sql) => [`/repo/db/migrations/${version}_step.sql`, sql], up: '-- +migrate Up\n' },
};

/** The syntax and safety findings of the snippet's own files, as "rule: message". */
function findingsOf(steps: string[], dialect: Dialect, layout: Layout, up = ''): string[] {
  const history = historyFor(steps);
  const files = Object.fromEntries([...history.map((sql) => up + sql), ...steps.map((sql) => (sql.includes(up.trim()) ? sql : up + sql))].map((sql, i) => layout(i + 1, sql)));
  const own = new Set(Object.keys(files).slice(history.length));
  const analysis = analyze(['/repo/db/migrations'], createMemoryHost(files), { dialect, config: defaultProjectConfig('/repo') });
  return analysis.findings
    .filter((finding) => own.has(finding.file))
    .filter((finding) => ['syntax', 'safety'].includes(findRuleMeta(finding.rule)?.category ?? 'syntax'))
    .map((finding) => `${finding.rule}: ${finding.message}`);
}

test('the default expansion of a snippet body: placeholders, nested defaults, choices, escapes', () => {
  assert.equal(expandDefaults(['A ${1:t} ${2:${1:t}_x} ${3|a,b|} $0 \\$\\$']), 'A t t_x a  $$');
});

for (const [file, dialects] of [
  ['postgres', ['postgres']],
  ['mysql', ['mysql', 'mariadb']],
] as const) {
  for (const [name, snippet] of Object.entries(readSnippets(file))) {
    for (const dialect of dialects) {
      test(`${name} (${dialect}) parses and no safety rule fires on it`, () => {
        assert.deepEqual(findingsOf(snippetSteps(expandDefaults(snippet.body)), dialect, golangMigrate), []);
      });
    }
  }
}

for (const [name, snippet] of Object.entries(readSnippets('frameworks'))) {
  const framework = Object.keys(FRAMEWORKS).find((prefix) => name.startsWith(`${prefix}:`));
  test(`${name} parses and no safety rule fires on it`, () => {
    assert.ok(framework, `${name}: a framework snippet names its framework first`);
    const { layout, up } = FRAMEWORKS[framework];
    assert.deepEqual(findingsOf([expandDefaults(snippet.body)], 'postgres', layout, up), []);
  });
}
