// The disk as a FileHost, for the CLI and the language server. The engine itself never imports
// node:fs; it reads only through the FileHost it is handed.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { DirectoryEntry, FileHost } from './engine/host.js';

export function createNodeFileHost(): FileHost {
  return {
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    readDirectory(path) {
      try {
        return readdirSync(path, { withFileTypes: true }).map(
          (entry): DirectoryEntry => ({
            name: entry.name,
            // A symbolic link counts as what it points to, as the frameworks' own walkers see it.
            isDirectory: entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(`${path}/${entry.name}`)),
          }),
        );
      } catch {
        return undefined;
      }
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
