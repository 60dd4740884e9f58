// The UI journey's Docker part, on the real Docker engine run.mjs starts (lib/docker.mjs): with
// `migrationLens.target` set to `docker` the Migrations view reads the container before it
// exists (every migration pending, nothing created), "Migrate Up" creates it and runs the set
// there, the Migrations and Database views show what it holds and that it runs, and after the
// window reloads (an editor restart: a new extension host and language server) the same
// container is read with the same migrations applied. Picture: docker-target.png (README).
import fs from 'node:fs';
import path from 'node:path';
import { DOCKER_VERSION, workspaceContainers } from '../lib/docker.mjs';
import { OUTPUT_DIR } from '../lib/paths.mjs';
import fixture from '../fixture.js';
import { CONTAINER_PANES, widenSidebar } from './ui-state.mjs';

// A first start initialises PostgreSQL's data directory in the container before it accepts connections.
const CONTAINER_START_MS = 180000;

/** `tools`: as ui-state.mjs's (runFromPalette, settle, appearMs, workspace). */
export function dockerSteps(page, { runFromPalette, settle, appearMs, workspace }) {
  const pane = (name) => page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: new RegExp(`^\\s*${name}`, 'i') }) });
  const row = (name, label) => pane(name).locator('.monaco-list-row', { hasText: label });
  const text = async (locator) => (await locator.first().innerText()).replace(/\s+/g, ' ');
  const showPanes = async (...names) => {
    for (const name of CONTAINER_PANES) {
      const header = pane(name).locator('.pane-header').first();
      if ((await header.getAttribute('aria-expanded')) !== String(names.includes(name))) await header.click();
    }
  };
  const openViews = async () => {
    await runFromPalette('Focus on Migrations View');
    await showPanes('Migrations', 'Database');
    await runFromPalette('Migration Lens: Refresh Migrations View');
  };
  const migrationsShow = async (icons) => {
    for (const [label, icon] of icons) await row('Migrations', label).locator(`.codicon-${icon}`).first().waitFor({ timeout: appearMs });
  };
  const appliedUpTo4 = [...fixture.run.appliedLabels.map((label) => [label, 'pass-filled']), [fixture.run.failingLabel, 'circle-large-outline']];
  let containers = [];

  return [
    ['with migrationLens.target "docker", the Migrations view reads the container before it exists: every migration pending, none created', async () => {
      await runFromPalette('Notifications: Clear All Notifications');
      const settingsFile = path.join(workspace, '.vscode/settings.json');
      const settings = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'migrationLens.target': 'docker', 'migrationLens.docker.version': DOCKER_VERSION }, null, 2));
      await openViews();
      await row('Migrations', 'docker db_migrations').first().waitFor({ timeout: appearMs });
      await migrationsShow([...fixture.run.appliedLabels, fixture.run.failingLabel].map((label) => [label, 'circle-large-outline']));
      await row('Database', 'not created yet').first().waitFor({ timeout: appearMs });
      const created = workspaceContainers(workspace);
      if (created.length > 0) throw new Error(`reading created ${created.length} container(s)`);
      return text(row('Migrations', 'docker db_migrations'));
    }],
    ['"Migrate Up" creates the container and runs the set in it: four applied, the broken one rolled back', async () => {
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(path.posix.basename(fixture.broken.path));
      // Clicked, not Enter: the list shows the recently opened files first, until it filters.
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: path.posix.basename(fixture.broken.path) }).first().click({ timeout: appearMs });
      await page.locator('.monaco-editor .view-line', { hasText: fixture.broken.statement.slice(0, 30) }).first().waitFor({ timeout: appearMs });
      await runFromPalette('Migration Lens: Migrate Up (All Pending)');
      const dialog = page.locator('.monaco-dialog-box', { hasText: `${fixture.run.failing} has an error` });
      await dialog.first().waitFor({ timeout: appearMs });
      await dialog.locator('.monaco-button', { hasText: 'Run Anyway' }).first().click();
      const failed = page.locator('.notifications-toasts .notification-toast', { hasText: `${fixture.run.failing} (up) failed` });
      await failed.first().waitFor({ timeout: CONTAINER_START_MS });
      const shown = await text(failed);
      if (!shown.includes('It was rolled back')) throw new Error(`the notification does not say what the failure left: ${shown}`);
      containers = workspaceContainers(workspace);
      if (containers.length !== 1) throw new Error(`${containers.length} containers for the workspace, expected the one Migrate Up created`);
      return shown;
    }],
    ['the Migrations view shows what the container holds; the Database view shows it running with its URL', async () => {
      await runFromPalette('Notifications: Clear All Notifications');
      await runFromPalette('View: Close All Editors');
      await openViews();
      await migrationsShow(appliedUpTo4);
      const container = row('Database', 'container migration-lens-');
      await container.locator('.codicon-vm-running').first().waitFor({ timeout: appearMs });
      const shown = await text(container);
      if (!/running · postgres:\/\/postgres@127\.0\.0\.1:\d+\//.test(shown)) throw new Error(`the container row reads "${shown}"`);
      // The picture shows db/migrations: the other sets fold.
      for (const name of ['Migrations', 'Database']) {
        for (const folder of ['worker', 'reports']) {
          const open = pane(name).locator('.monaco-list-row[aria-expanded="true"]', { hasText: folder }).first();
          if (await open.count()) await open.locator('.monaco-tl-twistie').click();
        }
      }
      await widenSidebar(page);
      await settle();
      await page.screenshot({ path: path.join(OUTPUT_DIR, 'docker-target.png') });
      return shown;
    }],
    ['after an editor restart (Reload Window) the same container is read, with the same migrations applied', async () => {
      const reloaded = page.waitForEvent('load', { timeout: appearMs });
      await runFromPalette('Developer: Reload Window');
      await reloaded;
      await page.locator('.monaco-workbench').waitFor({ timeout: appearMs });
      await page.locator('.statusbar-item', { hasText: 'Migration Lens' }).locator('.codicon-database').waitFor({ timeout: appearMs });
      await openViews();
      await migrationsShow(appliedUpTo4);
      await row('Database', 'container migration-lens-').locator('.codicon-vm-running').first().waitFor({ timeout: appearMs });
      const after = workspaceContainers(workspace);
      if (after.join() !== containers.join()) throw new Error(`containers before the reload ${containers.join()}, after ${after.join()}`);
      return `container ${after[0].slice(0, 12)} kept`;
    }],
  ];
}
