// Where the harness finds the repository, its build, code-server and Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const OUTPUT_DIR = path.join(REPO, 'test-output/e2e');
export const RUNS_DIR = path.join(REPO, '.vscode-test/runs');
export const FIXTURE_WORKSPACE = path.join(REPO, 'test/e2e/fixtures/workspace');
export const SUITE_ENTRY = path.join(REPO, 'test/e2e/suite/index.js');
export const SCREENSHOTS = [
  'diagnostics-hover.png',
  'command-palette.png',
  'confirm-errors.png',
  'migrations-view.png',
  'schema-view.png',
  'rule-docs-picker.png',
  'rule-docs.png',
  'migrations-mysql-target.png',
  'run-failure.png',
  'sql-console.png',
  'migrations-container.png',
  'walkthrough.png',
  'docker-target.png',
];

/** Written by scripts/setup-e2e.sh; the code-server version is pinned there only. */
export function codeServerEntry() {
  const manifest = path.join(REPO, '.vscode-test/code-server.json');
  const entry = fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).entry;
  if (!entry || !fs.existsSync(entry)) throw new Error('code-server is not installed: run scripts/setup-e2e.sh');
  return entry;
}

/** Debian's real binary first: /usr/bin/chromium is a wrapper script that prints shell noise. */
export function chromiumExecutable() {
  const candidates = [process.env.CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].filter(Boolean);
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`no Chromium at ${candidates.join(' or ')}: run scripts/setup-e2e.sh`);
  return found;
}
