// The UI journey's part about each set's database and the story of a failed run, driven through
// the workbench like a user: the question before running a migration with an error, the rule
// documentation picker and its read-only page, a MySQL set on the default target (a neutral row
// with its two actions), a run that fails part-way and the ways out (the notification's buttons,
// the SQL console with Ctrl+Enter, Reset Database from the failed row). Pictures in
// test-output/e2e/ (README and marketplace images).
import fs from 'node:fs';
import path from 'node:path';
import { OUTPUT_DIR } from '../lib/paths.mjs';

/** A goose migration without a transaction: two statements take effect, the third fails. */
export const WORKER = {
  path: 'worker/migrations/00001_create_jobs.sql',
  text: "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE jobs (id bigint PRIMARY KEY, name text NOT NULL);\nINSERT INTO jobs VALUES (1, 'nightly');\nUPDATE jobs SET nme = name;\n-- +goose Down\nDROP TABLE jobs;\n",
  label: '00001 create_jobs',
};
export const REPORTS = {
  files: {
    'reports/mysql/000001_create_reports.up.sql': 'CREATE TABLE reports (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n',
    'reports/mysql/000001_create_reports.down.sql': 'DROP TABLE reports;\n',
  },
  set: 'reports/mysql',
};

/** Drags the sidebar's edge to `width` pixels, so a picture shows its rows' descriptions whole. */
export async function widenSidebar(page, width = 620) {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (!sidebar || sidebar.width >= width) return;
  const edge = sidebar.x + sidebar.width;
  await page.mouse.move(edge, sidebar.y + sidebar.height / 2);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + width, sidebar.y + sidebar.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** The Migrations container's views, as their pane headers read. */
export const CONTAINER_PANES = ['Migrations', 'History', 'Database', 'Schema'];

/** The container's pane `name`, whole: the other panes fold to their headers, so its rows are not scrolled out of view. */
export async function showOnlyPane(page, name) {
  for (const other of CONTAINER_PANES) {
    const header = page.locator('.part.sidebar .pane-header', { hasText: new RegExp(`^\\s*${other}`, 'i') }).first();
    if ((await header.getAttribute('aria-expanded')) !== String(other === name)) await header.click();
  }
}

/**
 * `tools`: what ui.mjs drives the workbench with — `runFromPalette(title)`, `settle()`,
 * `appearMs`, `workspace` (the folder code-server opened, where files can be added) and
 * `docker` (lib/docker.mjs: whether a Docker engine answers).
 */
export function stateSteps(page, { runFromPalette, settle, appearMs, workspace, docker }) {
  const toast = (text) => page.locator('.notifications-toasts .notification-toast', { hasText: text });
  const dialog = page.locator('.monaco-dialog-box');
  const migrationsPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^\s*migrations/i }) });
  const row = (label) => migrationsPane.locator('.monaco-list-row', { hasText: label });
  const text = async (locator) => (await locator.first().innerText()).replace(/\s+/g, ' ');
  const addFiles = (files) => {
    for (const [file, contents] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), contents);
    }
  };
  const openMigrationsView = async () => {
    await runFromPalette('Focus on Migrations View');
    await showOnlyPane(page, 'Migrations');
    // Files written outside the editor: the view reads the sets again when asked.
    await runFromPalette('Migration Lens: Refresh Migrations View');
  };

  // Pictures show one thing: earlier notifications go first.
  const clearNotifications = () => runFromPalette('Notifications: Clear All Notifications');

  return [
    ['"Show Rule Documentation" offers every rule with its summary', async () => {
      await clearNotifications();
      await runFromPalette('Migration Lens: Show Rule Documentation');
      const input = page.locator('.quick-input-widget input');
      await input.fill('missing-table');
      const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'missing-table-reference' });
      await pick.first().waitFor({ timeout: appearMs });
      const shown = await text(pick);
      if (!shown.includes('dependency') || !shown.includes('does not exist at that point in the history')) throw new Error(`the pick lacks the category or summary: ${shown}`);
      await settle();
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'rule-docs-picker.png') });
      return shown;
    }],
    ['picking a rule opens its page rendered in a read-only preview, not an untitled document', async () => {
      await page.keyboard.press('Enter');
      const tab = page.locator('.tabs-container .tab', { hasText: 'Preview missing-table-reference.md' });
      await tab.first().waitFor({ timeout: appearMs });
      if (await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).count()) throw new Error('an untitled document was opened');
      const heading = page.frameLocator('iframe.webview').frameLocator('iframe').locator('h1', { hasText: 'missing-table-reference' });
      await heading.first().waitFor({ timeout: appearMs });
      await settle();
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'rule-docs.png') });
      const title = await text(tab);
      await runFromPalette('View: Close All Editors');
      return title;
    }],
    ['a MySQL set on the default target is a neutral row with "Use a Docker MySQL" and "Set a URL…"', async () => {
      await clearNotifications();
      addFiles(REPORTS.files);
      await openMigrationsView();
      await row(REPORTS.set).first().waitFor({ timeout: appearMs });
      const choose = row('No MySQL database yet');
      await choose.locator('.codicon-info').first().waitFor({ timeout: appearMs });
      await row('Use a Docker MySQL').locator('.codicon-vm').first().waitFor({ timeout: appearMs });
      await row('Set a URL…').locator('.codicon-link').first().waitFor({ timeout: appearMs });
      const errors = await migrationsPane.locator('.monaco-list-row .codicon-error').count();
      if (errors > 0) throw new Error(`${errors} red error row(s) in the Migrations view`);
      await widenSidebar(page);
      await settle();
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'migrations-mysql-target.png') });
      // The whole label shows: the sidebar does not cut it off.
      const cut = await choose.locator('.monaco-icon-label-container').first().evaluate((label) => label.scrollWidth > label.clientWidth + 1);
      if (cut) throw new Error('the row\'s label is cut off in the sidebar');
      return text(choose);
    }],
    ['"Use a Docker MySQL" sets that set\'s target: its row names its database in the container', async () => {
      await row('Use a Docker MySQL').first().click();
      const set = row(REPORTS.set);
      await page.waitForFunction(
        (label) => [...document.querySelectorAll('.monaco-list-row')].some((r) => r.textContent.includes(label) && r.textContent.includes('docker reports_mysql')),
        REPORTS.set,
        { timeout: appearMs },
      );
      // Reading a container that does not exist yet creates none: every migration is pending.
      // Without Docker the row says so instead.
      const pending = row('000001 create_reports').locator('.codicon-circle-large-outline');
      await (docker.available ? pending : row(/Docker (is not installed|daemon)/)).first().waitFor({ timeout: appearMs });
      return text(set);
    }],
    ['a run that fails part-way names what took effect and offers the ways out', async () => {
      addFiles({ [WORKER.path]: WORKER.text });
      await openMigrationsView();
      await row('worker/migrations').first().waitFor({ timeout: appearMs });
      // From the worker file, so the command runs on its set.
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(path.posix.basename(WORKER.path));
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: path.posix.basename(WORKER.path) }).first().waitFor({ timeout: appearMs });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-line', { hasText: 'UPDATE jobs SET nme' }).first().waitFor({ timeout: appearMs });
      await runFromPalette('Migration Lens: Migrate Up (All Pending)');
      await dialog.filter({ hasText: '00001_create_jobs has an error' }).first().waitFor({ timeout: appearMs });
      await dialog.locator('.monaco-button', { hasText: 'Run Anyway' }).first().click();
      const failure = toast('00001_create_jobs (up) failed');
      await failure.first().waitFor({ timeout: appearMs });
      const shown = await text(failure);
      for (const expected of ['It was NOT rolled back', 'line 3: CREATE TABLE jobs', 'line 4: INSERT INTO jobs', 'recorded as failed part-way', 'Go to Statement', 'Open SQL Console', 'Force Version…', 'Reset Database…']) {
        if (!shown.includes(expected)) throw new Error(`the notification lacks "${expected}": ${shown}`);
      }
      await page.mouse.move(900, 450);
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'run-failure.png') });
      return shown;
    }],
    ['"Open SQL Console" opens a console on the set\'s database; Ctrl+Enter runs the statement there', async () => {
      await toast('00001_create_jobs (up) failed').locator('.monaco-button', { hasText: 'Open SQL Console' }).first().click();
      const header = page.locator('.monaco-editor .view-line', { hasText: 'SQL console on the embedded PostgreSQL database worker_migrations' });
      await header.first().waitFor({ timeout: appearMs });
      await page.keyboard.press('Control+End');
      await page.keyboard.type('SELECT id, name FROM jobs;');
      await page.keyboard.press('Control+Enter');
      const output = page.locator('.output-view, .panel .monaco-editor', { hasText: 'nightly' });
      await toast('ran 1 statement on').first().waitFor({ timeout: appearMs });
      await toast('ran 1 statement on').locator('.monaco-button', { hasText: 'Show Output' }).first().click();
      await output.first().waitFor({ timeout: appearMs });
      await settle();
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'sql-console.png') });
      return text(output);
    }],
    ['the failed row says "failed part-way"; "Reset Database…" on it asks, then every migration is pending', async () => {
      await runFromPalette('View: Revert and Close Editor');
      await openMigrationsView();
      const failed = row(WORKER.label);
      await failed.locator('.codicon-error').first().waitFor({ timeout: appearMs });
      const shown = await text(failed);
      if (!shown.includes('failed part-way')) throw new Error(`the failed row reads "${shown}"`);
      await failed.first().click({ button: 'right' });
      const reset = page.locator('.context-view .action-label', { hasText: 'Reset Database…' }).first();
      await reset.waitFor({ timeout: appearMs });
      await page.waitForTimeout(300); // the menu settles before it takes clicks
      await reset.click();
      await dialog.filter({ hasText: 'Reset the database of worker/migrations?' }).first().waitFor({ timeout: appearMs });
      await dialog.locator('.monaco-button', { hasText: /^Reset$/ }).first().click();
      await toast('Deleted the embedded database worker_migrations').first().waitFor({ timeout: appearMs });
      await row(WORKER.label).locator('.codicon-circle-large-outline').first().waitFor({ timeout: appearMs });
      return shown;
    }],
  ];
}
