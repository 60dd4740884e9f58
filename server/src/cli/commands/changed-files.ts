// `check --changed-since <ref>`: the files a branch touches, as git sees them — committed since
// the merge base with <ref>, plus uncommitted and untracked files — so CI comments only on the
// migrations a pull request changes while the whole history is still replayed.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { normalizePath } from '../../engine/host.js';

const run = promisify(execFile);

/** Runs git with an argument array (no shell) and returns stdout, or the error it failed with. */
async function git(args: string[], cwd: string): Promise<{ stdout: string } | { error: Error & { stderr?: string; code?: unknown } }> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { stdout };
  } catch (error) {
    return { error: error as Error & { stderr?: string } };
  }
}

/** NUL-separated paths (`-z`), so names with spaces or newlines survive. */
const paths = (stdout: string): string[] => stdout.split('\0').filter((path) => path.length > 0);

/** Absolute paths of the changed files, or a message saying what is wrong and what to do. */
export async function changedFilesSince(ref: string, cwd: string): Promise<Set<string> | string> {
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  if ('error' in top) {
    if ((top.error as { code?: unknown }).code === 'ENOENT') return '--changed-since needs git, which is not installed or not on PATH';
    return `--changed-since needs a git repository, and ${cwd} is not inside one; run from the repository or drop --changed-since`;
  }
  const root = top.stdout.trim();
  // A ref that starts with `-` would be read as an option; no branch or tag can start with one.
  const known = ref.startsWith('-') ? undefined : await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (!known || 'error' in known) return `unknown git ref "${ref}"; fetch it first (\`git fetch origin ${ref}\`) or pass a branch, tag or commit that exists`;

  const lists = await Promise.all([
    git(['diff', '--name-only', '-z', `${ref}...HEAD`], cwd),
    git(['diff', '--name-only', '-z', 'HEAD'], cwd),
    git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], cwd),
  ]);
  const files = new Set<string>();
  for (const list of lists) {
    if ('error' in list) return `git failed while listing the files changed since "${ref}": ${(list.error.stderr ?? list.error.message).trim()}`;
    for (const path of paths(list.stdout)) files.add(normalizePath(join(root, path)));
  }
  return files;
}
