// Layer b: the packaged extension, installed from its .vsix the way a user installs it, driven
// through the workbench DOM like a user: explorer, squiggle, Problems panel, hover, palette.
import fs from 'node:fs';
import path from 'node:path';
import { packageExtension } from '../../../scripts/package.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { CodeServer } from '../lib/code-server.mjs';
import { FIXTURE_WORKSPACE, OUTPUT_DIR } from '../lib/paths.mjs';
import { log } from '../lib/results.mjs';
import fixture from '../fixture.js';
import { removeWorkspaceContainers, startDocker } from '../lib/docker.mjs';
import { containerSteps } from './ui-container.mjs';
import { dockerSteps } from './ui-docker.mjs';
import { showOnlyPane, stateSteps, widenSidebar } from './ui-state.mjs';

// Contributions can take 10+ s to appear on a loaded 2-core machine.
const APPEAR_MS = 60000;
const CHECK_COMMAND = 'migrationLens.checkWorkspace';
const UP_COMMAND = 'migrationLens.migrateUp';


/** Moves the pointer off the editor and lets animations settle, so pictures show no stray hover. */
async function settle(page) {
  await page.mouse.move(900, 450); // empty editor area below the text: nothing there to hover
  await page.waitForTimeout(1000);
}

const explorerRow = (page, name) => page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);

/** Clicks a folder until it reports itself expanded: a click while the tree re-renders (problem
 *  decorations arrive at about the same time) can select a row without toggling it. */
async function expandExplorerFolder(page, name) {
  const row = explorerRow(page, name);
  const deadline = Date.now() + APPEAR_MS;
  while ((await row.getAttribute('aria-expanded', { timeout: APPEAR_MS })) !== 'true') {
    if (Date.now() > deadline) throw new Error(`explorer folder "${name}" does not expand`);
    await row.click();
    await page.waitForTimeout(500);
  }
}

/** The ordered user journey; each step needs the previous one, so the first failure ends it. */
function steps(page, server, docker) {
  const { broken } = fixture;
  const fileName = path.posix.basename(broken.path);
  const brokenLine = page.locator('.monaco-editor .view-line', { hasText: broken.statement.slice(0, 30) });
  /** Polls: decorations and line boxes move while the editor lays out and panels open. */
  const squiggleOnBrokenLine = async () => {
    const deadline = Date.now() + APPEAR_MS;
    do {
      const line = await brokenLine.boundingBox();
      for (const squiggle of await page.locator('.monaco-editor .squiggly-error').all()) {
        const box = await squiggle.boundingBox();
        if (box && line && box.y + box.height / 2 >= line.y && box.y + box.height / 2 <= line.y + line.height) return box;
      }
      await page.waitForTimeout(250);
    } while (Date.now() < deadline);
    return undefined;
  };
  const palette = page.locator('.quick-input-widget');
  const paletteInput = palette.locator('input');
  const paletteRow = (text) => palette.locator('.monaco-list-row', { hasText: text });
  /** F1, the command's title, Enter: as a user runs a command. */
  const runFromPalette = async (title) => {
    await page.keyboard.press('F1');
    await paletteInput.fill(`>${title}`);
    await paletteRow(title).first().waitFor({ timeout: APPEAR_MS });
    await page.keyboard.press('Enter');
  };

  const tools = { runFromPalette, settle: () => settle(page), appearMs: APPEAR_MS, workspace: server.workspace, docker };
  return [
    ['the workbench loads the fixture workspace', async () => {
      await page.goto(server.url());
      await page.locator('.monaco-workbench').waitFor({ timeout: APPEAR_MS });
      await explorerRow(page, 'db').waitFor({ timeout: APPEAR_MS });
    }],
    ['the status bar shows the language server running', async () => {
      // The item shows $(database) only in the Running state ($(sync~spin) starting, $(error) stopped).
      const item = page.locator('.statusbar-item', { hasText: 'Migration Lens' });
      await item.locator('.codicon-database').waitFor({ timeout: APPEAR_MS });
    }],
    [`open ${broken.path} from the explorer`, async () => {
      const folders = broken.path.split('/').slice(0, -1);
      for (const folder of folders) await expandExplorerFolder(page, folder);
      await explorerRow(page, fileName).click({ timeout: APPEAR_MS });
      await brokenLine.waitFor({ timeout: APPEAR_MS });
    }],
    ['the dependency error is squiggled on the broken statement', async () => {
      const box = await squiggleOnBrokenLine();
      if (!box) throw new Error(`no .squiggly-error on the line "${broken.statement}"`);
      return `${await page.locator('.monaco-editor .squiggly-error').count()} squiggle(s)`;
    }],
    ['the Problems panel lists the finding with its rule id', async () => {
      await page.keyboard.press('Control+Shift+M');
      const fileRow = page.locator('.markers-panel .monaco-list-row', { hasText: fileName });
      const markerRow = page.locator('.markers-panel .monaco-list-row', { hasText: broken.message });
      await fileRow.waitFor({ timeout: APPEAR_MS });
      await markerRow.first().waitFor({ timeout: APPEAR_MS });
      const text = (await markerRow.first().innerText()).replace(/\s+/g, ' ');
      if (!text.includes(fixture.diagnosticSource) || !text.includes(broken.rule)) {
        throw new Error(`Problems row lacks "${fixture.diagnosticSource}" or "${broken.rule}": ${text}`);
      }
      return text;
    }],
    ['hovering the squiggle shows the message and rule id', async () => {
      const box = await squiggleOnBrokenLine();
      if (!box) throw new Error('the squiggle disappeared when the Problems panel opened');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover', { hasText: broken.message });
      await hover.first().waitFor({ timeout: APPEAR_MS });
      const text = (await hover.first().innerText()).replace(/\s+/g, ' ');
      if (!text.includes(broken.rule)) throw new Error(`hover lacks the rule id "${broken.rule}": ${text}`);
      await page.waitForTimeout(500); // the hover fades in
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'diagnostics-hover.png') });
      return text;
    }],
    ['F1 lists every Migration Lens command', async () => {
      await brokenLine.click(); // focus leaves the Problems panel, so the last step proves a move back
      await settle(page);
      await page.keyboard.press('F1');
      // The list renders only the rows in view: each title is typed, so every one is checked.
      for (const title of Object.values(fixture.commandTitles)) {
        await paletteInput.fill(`>${title}`);
        await paletteRow(title).first().waitFor({ timeout: APPEAR_MS });
      }
      await paletteInput.fill('>Migration Lens');
      await settle(page);
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'command-palette.png') });
      return `${await palette.locator('.monaco-list-row').count()} rows`;
    }],
    [`"${fixture.commandTitles[CHECK_COMMAND]}" lists the golang-migrate set with its one error`, async () => {
      await paletteInput.fill(`>${fixture.commandTitles[CHECK_COMMAND]}`);
      await paletteRow(fixture.commandTitles[CHECK_COMMAND]).first().waitFor({ timeout: APPEAR_MS });
      await page.keyboard.press('Enter');
      const setRow = paletteRow('db/migrations');
      await setRow.first().waitFor({ timeout: APPEAR_MS });
      const text = (await setRow.first().innerText()).replace(/\s+/g, ' ');
      for (const expected of ['golang-migrate', 'postgres', `${fixture.migrationCount} migrations`]) {
        if (!text.includes(expected)) throw new Error(`set row lacks "${expected}": ${text}`);
      }
      const errors = await setRow.first().locator('.codicon-error').evaluate((icon) => icon.nextSibling && icon.nextSibling.textContent.trim().split(/\s/)[0]);
      if (errors !== '1') throw new Error(`set row shows ${errors} errors, expected 1: ${text}`);
      return text;
    }],
    ['picking the set reveals its folder and focuses the Problems panel', async () => {
      await page.keyboard.press('Enter');
      await page.locator('.explorer-folders-view .monaco-list-row.selected[aria-label="migrations"]').waitFor({ timeout: APPEAR_MS });
      await page.waitForFunction(() => document.activeElement && document.activeElement.closest('.markers-panel'), null, { timeout: APPEAR_MS });
    }],
    [`"${fixture.commandTitles[UP_COMMAND]}" asks first, naming the error finding of the broken migration`, async () => {
      await brokenLine.click(); // the active editor's folder is the set the command runs
      await runFromPalette(fixture.commandTitles[UP_COMMAND]);
      const question = page.locator('.monaco-dialog-box', { hasText: `${fixture.run.failing} has an error` });
      await question.first().waitFor({ timeout: APPEAR_MS });
      const text = (await question.first().innerText()).replace(/\s+/g, ' ');
      if (!text.includes(broken.rule) || !text.includes('shipments')) throw new Error(`the question does not name the finding: ${text}`);
      await page.waitForTimeout(500); // the dialog fades in
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'confirm-errors.png') });
      return text;
    }],
    ['"Run Anyway" runs the set on its embedded database; the failure says it was rolled back', async () => {
      await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Run Anyway' }).first().click();
      const failed = page.locator('.notifications-toasts .notification-toast', { hasText: `${fixture.run.failing} (up) failed` });
      await failed.first().waitFor({ timeout: APPEAR_MS });
      const text = (await failed.first().innerText()).replace(/\s+/g, ' ');
      if (!text.includes('It was rolled back: nothing of it remains, and it is still pending.')) throw new Error(`the notification does not say what the failure left: ${text}`);
      return text;
    }],
    ['the Migrations view shows the applied migrations, the rolled-back one pending, and the set\'s own database', async () => {
      await runFromPalette('Focus on Migrations View');
      await showOnlyPane(page, 'Migrations');
      const row = (label) => page.locator('.monaco-list-row', { hasText: label });
      await row(fixture.run.failingLabel).locator('.codicon-circle-large-outline').first().waitFor({ timeout: APPEAR_MS });
      for (const label of fixture.run.appliedLabels) await row(label).locator('.codicon-pass-filled').first().waitFor({ timeout: APPEAR_MS });
      const setRow = row('embedded db_migrations');
      await setRow.first().waitFor({ timeout: APPEAR_MS });
      // Room for the view in the picture: the sidebar widens.
      await widenSidebar(page);
      await settle(page);
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'migrations-view.png') });
      return (await setRow.first().innerText()).replace(/\s+/g, ' ');
    }],
    ['the Schema view shows the tables after the open migration, with their columns', async () => {
      await runFromPalette('Focus on Schema View');
      // Room for a whole table: the other panes fold to their headers.
      await showOnlyPane(page, 'Schema');
      const schemaPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'schema' }) });
      await schemaPane.locator('.pane-header .description', { hasText: `after ${fixture.schema.after}` }).first().waitFor({ timeout: APPEAR_MS });
      const tableRow = schemaPane.locator('.monaco-list-row', { hasText: fixture.schema.table });
      await tableRow.first().waitFor({ timeout: APPEAR_MS });
      await tableRow.first().click();
      const columnRow = schemaPane.locator('.monaco-list-row', { hasText: fixture.schema.columnDetail });
      await columnRow.first().waitFor({ timeout: APPEAR_MS });
      const text = (await columnRow.first().innerText()).replace(/\s+/g, ' ');
      if (!text.startsWith(fixture.schema.column)) throw new Error(`the row "${text}" is not column ${fixture.schema.column}`);
      await settle(page);
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'schema-view.png') });
      return text;
    }],
    ...stateSteps(page, tools),
    ...containerSteps(page, tools),
    ...(docker.available ? dockerSteps(page, tools) : []),
  ];
}

export async function runUi(results, dir, cleanups) {
  const vsix = path.join(dir, 'migration-lens.vsix');
  const server = await CodeServer.create(dir, FIXTURE_WORKSPACE);
  cleanups.push(() => server.stop());
  if (!await results.check('vsce package (scripts/package.mjs)', () => `${(packageExtension(vsix) / 1024).toFixed(0)} KB`)) return [];
  if (!await results.check('code-server --install-extension migration-lens.vsix', () => server.installExtension(vsix))) return [];
  const docker = await startDocker();
  if (docker.available) {
    cleanups.push(() => docker.stop());
    cleanups.push(async () => log(`Docker: removed ${removeWorkspaceContainers(server.workspace)} container(s) of the run's workspace`));
  }
  await server.start();
  log(`code-server on port ${server.port} (log: ${server.logFile})`);
  const browser = await launchBrowser(path.join(dir, 'browser'));
  cleanups.push(() => browser.close());
  const page = await browser.context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack || error.message));

  const journey = steps(page, server, docker);
  for (const [index, [name, run]] of journey.entries()) {
    if (await results.check(name, run)) continue;
    const picture = path.join(OUTPUT_DIR, `ui-failure-${index + 1}.png`);
    await page.screenshot({ path: picture }).catch(() => {});
    log(`UI journey stopped at step ${index + 1}/${journey.length}; screenshot ${picture}; ${journey.length - index - 1} step(s) not run`);
    break;
  }
  if (!docker.available) results.skip(`the Docker target in the editor (${docker.reason})`);
  if (pageErrors.length) fs.writeFileSync(path.join(OUTPUT_DIR, 'ui-page-errors.log'), pageErrors.join('\n\n'));
  await browser.close();
  log(`code-server stopped: ${await server.stop()}`);
  return browser.blocked;
}
