// The UI journey's part about the Migrations container, driven like a user: the activity bar's
// icon opens Migrations, History, Database and Schema; History lists the fixture's applied
// migrations newest first; Database names the set's embedded database and offers a drift check;
// the Explorer marks migration files with their state; "New Migration" from the palette creates
// the next golang-migrate pair and opens its up part; the Getting Started walkthrough shows its
// four steps. The container's picture is the README's (docs/images/migrations-container.png).
import fs from 'node:fs';
import path from 'node:path';
import { OUTPUT_DIR } from '../lib/paths.mjs';
import fixture from '../fixture.js';
import { CONTAINER_PANES as PANES, widenSidebar } from './ui-state.mjs';

const NEW_MIGRATION = { description: 'add invoice notes', files: ['db/migrations/000006_add_invoice_notes.up.sql', 'db/migrations/000006_add_invoice_notes.down.sql'] };

/** `tools`: as ui-state.mjs's (runFromPalette, settle, appearMs, workspace). */
export function containerSteps(page, { runFromPalette, settle, appearMs, workspace }) {
  const pane = (name) => page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: new RegExp(`^\\s*${name}`, 'i') }) });
  const header = (name) => pane(name).locator('.pane-header').first();
  const rowsText = async (locator) => (await locator.locator('.monaco-list-row').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  const setExpanded = async (name, expanded) => {
    if ((await header(name).getAttribute('aria-expanded')) !== String(expanded)) await header(name).click();
  };
  const text = async (locator) => (await locator.first().innerText()).replace(/\s+/g, ' ');

  /** The README's picture: db/migrations whole in each view (the other sets folded), each pane as tall as its rows, the sidebar alone. */
  const pictureOfContainer = async () => {
    await setExpanded('Schema', false);
    for (const name of ['Migrations', 'History', 'Database']) {
      for (const folder of ['worker', 'reports']) {
        const row = pane(name).locator('.monaco-list-row[aria-expanded="true"]', { hasText: folder }).first();
        if (await row.count()) await row.locator('.monaco-tl-twistie').click();
      }
    }
    await widenSidebar(page);
    // The sash under each pane goes to just below its last row.
    for (const name of ['Migrations', 'History']) {
      const rows = await pane(name).locator('.monaco-list-row').all();
      const last = await rows[rows.length - 1].boundingBox();
      const bottom = await pane(name).boundingBox();
      const sashY = bottom.y + bottom.height;
      await page.mouse.move(bottom.x + bottom.width / 2, sashY);
      await page.mouse.down();
      await page.mouse.move(bottom.x + bottom.width / 2, last.y + last.height + 8, { steps: 10 });
      await page.mouse.up();
    }
    await settle();
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'migrations-container.png'), clip: sidebar });
  };

  return [
    ['the activity bar\'s Migrations icon opens the container: Migrations, History, Database, Schema', async () => {
      await runFromPalette('View: Close All Editors');
      // From the Explorer: clicking the icon of the container already shown would close the sidebar.
      await runFromPalette('View: Show Explorer');
      await page.locator('.activitybar .action-item a[aria-label^="Migrations"]').first().click();
      for (const name of PANES) await header(name).waitFor({ timeout: appearMs });
      const title = await text(page.locator('.part.sidebar .composite.title'));
      return `${title}; panes ${PANES.join(', ')}`;
    }],
    ['History lists what db/migrations\' tracking table records, newest first, with when each ran', async () => {
      for (const name of PANES) await setExpanded(name, name !== 'Schema');
      const history = pane('History');
      const newest = history.locator('.monaco-list-row', { hasText: fixture.run.appliedLabels[fixture.run.appliedLabels.length - 1] });
      await newest.first().waitFor({ timeout: appearMs });
      await history.locator('.monaco-list-row', { hasText: '4 recorded in schema_migrations' }).first().waitFor({ timeout: appearMs });
      const rows = await rowsText(history);
      const order = fixture.run.appliedLabels.map((label) => rows.findIndex((row) => row.startsWith(label)));
      if (order.some((index) => index < 0) || order.some((index, i) => i > 0 && index > order[i - 1])) throw new Error(`not newest first: ${rows.join(' | ')}`);
      return rows.slice(0, 6).join(' | ');
    }],
    ['Database names the set\'s embedded database, where it is, and offers a drift check', async () => {
      const database = pane('Database');
      await database.locator('.monaco-list-row', { hasText: 'embedded db_migrations' }).first().waitFor({ timeout: appearMs });
      await database.locator('.monaco-list-row', { hasText: 'PostgreSQL in the extension\'s storage' }).first().waitFor({ timeout: appearMs });
      await database.locator('.monaco-list-row', { hasText: 'Check for drift…' }).first().waitFor({ timeout: appearMs });
      const shown = (await rowsText(database)).join(' | ');
      await pictureOfContainer();
      return shown;
    }],
    ['the Explorer marks the fixture\'s migration files with their state', async () => {
      await runFromPalette('View: Show Explorer');
      const explorerRow = (name) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
      // A badge is drawn by a CSS ::after rule on the row's label, not as text.
      const badges = (name) =>
        explorerRow(name).first().evaluate((row) => [...row.querySelectorAll('*')].map((element) => getComputedStyle(element, '::after').content).filter((content) => content && content !== 'none' && content !== 'normal').join(' '));
      const marked = {};
      for (const [name, badge] of [['000001_create_customers.up.sql', '✓'], ['000005_create_invoices.up.sql', '○']]) {
        await explorerRow(name).first().waitFor({ timeout: appearMs });
        const deadline = Date.now() + appearMs;
        while (!(marked[name] = await badges(name)).includes(badge)) {
          if (Date.now() > deadline) throw new Error(`${name} is not marked ${badge}: ${marked[name]}`);
          await page.waitForTimeout(250);
        }
      }
      return Object.entries(marked).map(([name, badge]) => `${name} ${badge}`).join(' | ');
    }],
    ['"New Migration" from the palette creates 000006_add_invoice_notes.up.sql and .down.sql and opens the up part', async () => {
      await runFromPalette('Migration Lens: New Migration…');
      const input = page.locator('.quick-input-widget input');
      await input.fill(NEW_MIGRATION.description);
      await page.keyboard.press('Enter');
      // No editor is open, and the workspace has three sets: the user picks one.
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'db/migrations' }).first().waitFor({ timeout: appearMs });
      await input.fill('db/migrations');
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab', { hasText: path.posix.basename(NEW_MIGRATION.files[0]) }).first().waitFor({ timeout: appearMs });
      const missing = NEW_MIGRATION.files.filter((file) => !fs.existsSync(path.join(workspace, file)));
      if (missing.length > 0) throw new Error(`not created: ${missing.join(', ')}`);
      await runFromPalette('View: Close All Editors');
      for (const file of NEW_MIGRATION.files) fs.rmSync(path.join(workspace, file));
      return NEW_MIGRATION.files.join(', ');
    }],
    ['the Getting Started walkthrough shows its four steps', async () => {
      await runFromPalette('Welcome: Open Walkthrough...');
      const input = page.locator('.quick-input-widget input');
      await input.fill('Migration Lens');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get Started with Migration Lens' }).first().waitFor({ timeout: appearMs });
      await page.keyboard.press('Enter');
      const steps = ['Open a migration folder and see its problems', 'Apply migrations to the embedded database', 'Switch to Docker or a database URL', 'Add a rule override'];
      for (const step of steps) await page.locator('.getting-started-step', { hasText: step }).first().waitFor({ timeout: appearMs });
      await settle();
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'walkthrough.png') });
      await runFromPalette('View: Close All Editors');
      return steps.join(' | ');
    }],
  ];
}
