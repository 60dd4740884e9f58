import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable called `name` on PATH or in one of `extraDirs`, else undefined. */
export function findExecutable(name: string, extraDirs: string[] = []): string | undefined {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of [...pathDirs, ...extraDirs]) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory; keep looking
    }
  }
  return undefined;
}

/**
 * Debian and Ubuntu keep the server programs in /usr/lib/postgresql/<major>/bin, off PATH;
 * the newest installed major is the one a developer expects.
 */
export function debianPostgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  let majors: string[];
  try {
    majors = readdirSync(root).filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  return majors.sort((a, b) => Number(b) - Number(a)).map((major) => join(root, major, 'bin'));
}
