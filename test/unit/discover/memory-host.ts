// An in-memory FileHost: absolute paths to file texts; folders are implied by the paths.

import type { DirectoryEntry, FileHost } from '../../../server/src/engine/host.js';

export function createMemoryHost(files: Record<string, string>): FileHost {
  return {
    readFile: (path) => files[path],
    readDirectory(path) {
      const prefix = path === '/' ? '/' : `${path}/`;
      const entries = new Map<string, DirectoryEntry>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split('/');
        entries.set(name, { name, isDirectory: rest.length > 0 });
      }
      return entries.size > 0 ? [...entries.values()] : undefined;
    },
  };
}
