// The engine's FileHost over the real disk (node:fs). Unreadable paths read as absent, which is
// what the engine expects: it reports what it can see and never throws for a missing file.

import { readdirSync, readFileSync } from 'node:fs';
import type { DirectoryEntry, FileHost } from './engine/index.js';

export function createNodeFileHost(): FileHost {
  return {
    readFile(path: string): string | undefined {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    readDirectory(path: string): DirectoryEntry[] | undefined {
      try {
        return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
      } catch {
        return undefined;
      }
    },
  };
}
