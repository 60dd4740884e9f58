// Where the command line keeps what it creates for a workspace (embedded databases, the
// container's port and password): `<workspace>/.migration-lens`, ignored by git from the moment
// anything is written there. The extension keeps the same things in its own storage folder.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Workspace state folder of the CLI; discovery skips it and git ignores it. */
export const WORKSPACE_STATE_FOLDER = '.migration-lens';

/** The state folder of a workspace: the one given (the extension's storage), else the CLI's. */
export function stateFolder(workspace: string, given?: string): string {
  return given ?? join(workspace, WORKSPACE_STATE_FOLDER);
}

/**
 * Creates `folder` with a `.gitignore` of `*` the first time, so nothing written there (database
 * files, passwords) ever ends up in a commit. Called only by what writes: reading creates nothing.
 */
export function ensureStateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true });
  try {
    writeFileSync(join(folder, '.gitignore'), '*\n', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
