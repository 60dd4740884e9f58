// The manifest (package.json `contributes`) holds together: every command is titled and
// categorised, every view, menu, welcome page and walkthrough names commands and views that exist,
// every `when` clause reads contexts that VS Code or the client sets, every `viewItem` a menu waits
// for is one the views give a row, and every file the manifest points at is in the repository.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { containerRow, databaseRow, driftRow } from '../../../client/src/database/database-rows.js';
import { historyRow } from '../../../client/src/database/history-rows.js';
import { migrationRow } from '../../../client/src/database/migration-rows.js';
import type { SetDatabase } from '../../../server/src/lsp/protocol.js';

const root = resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const commandIds = new Set<string>(contributes.commands.map((command: { command: string }) => command.command));
const viewIds = new Set<string>(Object.values(contributes.views as Record<string, { id: string }[]>).flat().map((view) => view.id));

/** Contexts VS Code itself sets that the manifest reads. */
const BUILT_IN_CONTEXTS = new Set(['view', 'viewItem', 'editorLangId', 'editorHasSelection', 'editorTextFocus', 'isWorkspaceTrusted', 'false', 'true']);
/** VS Code's own commands the welcome pages and walkthrough link to. */
const BUILT_IN_COMMANDS = new Set(['workbench.action.files.openFolder', 'workbench.trust.manage', 'workbench.action.openWalkthrough', 'workbench.view.extension.migrationLens']);

function clientSources(dir = join(root, 'client/src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? clientSources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [readFileSync(join(dir, entry.name), 'utf8')] : []));
}
const sources = clientSources();

/** The context keys the client sets: `setContext` with a literal, or with a constant it declares. */
function contextsTheClientSets(): Set<string> {
  const keys = new Set<string>();
  for (const source of sources) {
    for (const [, argument] of source.matchAll(/executeCommand\(\s*'setContext',\s*([^,]+),/g)) {
      const literal = /^'([^']+)'$/.exec(argument.trim())?.[1];
      const constant = literal ?? new RegExp(`const ${argument.trim()} = '([^']+)'`).exec(source)?.[1];
      if (constant) keys.add(constant);
    }
  }
  return keys;
}

/** Every menu entry, with where it is. */
const menuEntries = Object.entries(contributes.menus as Record<string, { command: string; when?: string; group?: string }[]>).flatMap(([menu, entries]) => entries.map((entry) => ({ menu, ...entry })));

/** Every `when` clause of the manifest. */
const whenClauses: string[] = [
  ...menuEntries.map((entry) => entry.when),
  ...contributes.viewsWelcome.map((welcome: { when?: string }) => welcome.when),
  ...(contributes.keybindings ?? []).map((binding: { when?: string }) => binding.when),
].filter((when): when is string => typeof when === 'string');

/** The context values the views give rows: the row builders over every kind of row, and the literals in the views. */
function producedContextValues(): string[] {
  const values = new Set<string>();
  const states = ['applied', 'pending', 'failed', 'changed', 'missing'] as const;
  for (const state of states) {
    for (const own of [false, true]) {
      for (const last of [false, true]) {
        const row = migrationRow({ root: '/r', version: '1', last, status: { key: '1', version: '1', name: 'a', state, uri: 'file:///r/1_a.up.sql' } }, own);
        values.add(row.contextValue!);
      }
    }
    if (state !== 'pending') values.add(historyRow({ key: '1', version: '1', name: 'a', state }).contextValue!);
  }
  values.add(migrationRow({ root: '/r', version: '1', last: false, analysed: { id: '1_a', version: '1', name: 'a', repeatable: false, errors: 0, warnings: 0, infos: 0 } }, true).contextValue!);
  for (const kind of ['embedded', 'docker', 'url'] as const) {
    for (const needsTarget of [false, true]) {
      const database: SetDatabase = { root: '/r', label: kind, target: { kind, description: kind, local: true, passwordInUrl: false }, needsTarget };
      values.add(databaseRow(database, 'db').contextValue!);
    }
  }
  for (const dockerState of ['running', 'exited', undefined]) {
    values.add(containerRow({ action: 'status', container: 'c', image: 'postgres:16', done: 'none', cancelled: false, message: '', dockerState }).contextValue!);
  }
  values.add(driftRow('/r').contextValue!);
  for (const source of sources) {
    for (const line of source.split('\n').filter((text) => /contextValue\b.*['"]/.test(text))) {
      for (const [, literal] of line.matchAll(/'([A-Za-z][\w.]*)'/g)) values.add(literal);
    }
  }
  return [...values];
}

describe('the manifest', () => {
  it('titles and categorises every command, and gives an icon to every command shown as a button', () => {
    for (const command of contributes.commands) {
      assert.ok(command.title?.trim(), `${command.command} has no title`);
      assert.equal(command.category, 'Migration Lens', `${command.command} is not in the Migration Lens category`);
    }
    const buttons = menuEntries.filter((entry) => entry.menu === 'view/title' ? entry.group?.startsWith('navigation') : entry.group?.startsWith('inline'));
    const withoutIcon = buttons.filter((entry) => !contributes.commands.find((command: { command: string; icon?: string }) => command.command === entry.command)?.icon);
    assert.deepEqual(withoutIcon.map((entry) => `${entry.menu}: ${entry.command}`), []);
  });

  it('names only commands and views that exist, in every menu, welcome page, keybinding and walkthrough', () => {
    const unknownCommands = [
      ...menuEntries.map((entry) => entry.command),
      ...(contributes.keybindings ?? []).map((binding: { command: string }) => binding.command),
    ].filter((id) => !commandIds.has(id));
    assert.deepEqual(unknownCommands, []);
    const linkedCommands = JSON.stringify([contributes.viewsWelcome, contributes.walkthroughs]).match(/command:([\w.]+)/g) ?? [];
    assert.deepEqual(linkedCommands.map((link) => link.slice('command:'.length)).filter((id) => !commandIds.has(id) && !BUILT_IN_COMMANDS.has(id)), []);
    const namedViews = [...whenClauses.flatMap((when) => [...when.matchAll(/\bview == ([\w.]+)/g)].map((match) => match[1])), ...contributes.viewsWelcome.map((welcome: { view: string }) => welcome.view)];
    assert.deepEqual(namedViews.filter((id) => !viewIds.has(id)), []);
    assert.deepEqual(Object.keys(contributes.views).filter((container) => !contributes.viewsContainers.activitybar.some((c: { id: string }) => c.id === container)), []);
  });

  it('reads in `when` clauses only contexts that VS Code or the client sets', () => {
    const set = contextsTheClientSets();
    assert.ok(set.has('migrationLens.inSqlConsole'), `the client's setContext calls were not found: ${[...set].join(', ')}`);
    // The keys are what is left once the values compared with (`== x`, `=~ /x/`) are taken out.
    const read = whenClauses.flatMap((when) => when.replace(/(==|!=|=~)\s*(\/.*?\/(?=\s|$)|[\w.-]+)/g, ' ').match(/[A-Za-z][\w.]*/g) ?? []);
    const unknown = [...new Set(read)].filter((key) => !BUILT_IN_CONTEXTS.has(key) && !set.has(key));
    assert.deepEqual(unknown, []);
  });

  it('waits in its menus only for viewItem values the views give rows', () => {
    const produced = producedContextValues();
    const dead = menuEntries.flatMap(({ menu, command, when }) => {
      if (!when) return [];
      const equal = [...when.matchAll(/viewItem == ([\w.]+)/g)].map((match) => (value: string) => value === match[1]);
      const regex = [...when.matchAll(/viewItem =~ \/(.+?)\/(?=\s|$)/g)].map((match) => (value: string) => new RegExp(match[1]).test(value));
      return [...equal, ...regex].filter((matches) => !produced.some(matches)).map(() => `${menu}: ${command} when ${when}`);
    });
    assert.deepEqual(dead, []);
  });

  it('points at files that exist: icons, the JSON schema, the walkthrough\'s pages and pictures', () => {
    const files = [
      manifest.icon,
      ...contributes.viewsContainers.activitybar.map((container: { icon: string }) => container.icon),
      ...contributes.jsonValidation.map((validation: { url: string }) => validation.url),
      ...contributes.walkthroughs.flatMap((walkthrough: { steps: { media: Record<string, string> }[] }) => walkthrough.steps.flatMap((step) => [step.media.image, step.media.markdown])),
    ].filter(Boolean);
    assert.deepEqual(files.filter((file) => !existsSync(join(root, file))), []);
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    const shipped = (file: string) => ignore.split('\n').some((line) => line.startsWith('!') && new RegExp(`^${line.slice(1).replace(/\./g, '\\.').replace(/\*\*/g, '.+').replace(/\*/g, '[^/]+')}$`).test(file.replace(/^\.\//, '')));
    assert.deepEqual(files.filter((file) => !shipped(file)), [], 'the .vsix leaves them out (.vscodeignore)');
  });

  it('declares what it does in a workspace the user has not trusted, and checks .migration-lens.json with its schema', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /runs no migration, starts no Docker container and opens no database/);
    assert.deepEqual(contributes.jsonValidation, [{ fileMatch: '.migration-lens.json', url: './schemas/migration-lens.schema.json' }]);
    assert.equal(contributes.walkthroughs[0].steps.length, 4);
  });
});
