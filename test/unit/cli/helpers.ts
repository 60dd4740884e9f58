// Shared by the CLI and protocol tests: throwaway workspaces on disk and an in-process CLI run.
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { main } from '../../../server/src/cli/main.js';

/**
 * A migration with a typo a developer makes (`INSRT`) after non-ASCII text on the same line, so
 * a column counted in bytes or code points instead of UTF-16 units would point elsewhere.
 */
export const BROKEN_MIGRATION = [
  'CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);',
  "INSERT INTO notes VALUES (1, 'café 😀');INSRT INTO notes VALUES (2, 'plain');",
  '',
].join('\n');
export const FIXED_MIGRATION = BROKEN_MIGRATION.replace('INSRT', 'INSERT');
/** 0-based line and UTF-16 character of `INSRT` in BROKEN_MIGRATION. */
export const TYPO = { line: 1, character: BROKEN_MIGRATION.split('\n')[1].indexOf('INSRT') };

/** Writes `files` (relative path → text) into a fresh temporary folder, removed after the test. */
export function tempWorkspace(t: TestContext, files: Record<string, string>): string {
  // realpath: macOS-style /tmp symlinks would otherwise make relative paths climb out and back.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'migration-lens-test-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
