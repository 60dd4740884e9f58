// PLACEHOLDER owned by the discover work (issue 3): treats every folder of .sql files as one
// plain set and a lone .sql file as a set of one. Replaced by real framework discovery.
import { basename, dirname, joinPath, normalizePath, type FileHost } from '../host.js';
import type { Migration, MigrationSet } from '../model/migration-set.js';
import type { Dialect } from '../model/source.js';

export interface DiscoverOptions {
  /** Forces the dialect of every set (CLI --dialect, explicit setting). */
  dialect?: Dialect;
}

export function discoverSets(paths: string[], host: FileHost, options: DiscoverOptions = {}): MigrationSet[] {
  const byFolder = new Map<string, string[]>();
  const visit = (path: string) => {
    const entries = host.readDirectory(path);
    if (!entries) {
      if (path.endsWith('.sql')) byFolder.set(dirname(path), [...(byFolder.get(dirname(path)) ?? []), path]);
      return;
    }
    for (const entry of entries) {
      const child = joinPath(path, entry.name);
      if (entry.isDirectory) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) visit(child);
      } else if (entry.name.endsWith('.sql')) {
        byFolder.set(path, [...(byFolder.get(path) ?? []), child]);
      }
    }
  };
  for (const p of paths) visit(normalizePath(p));
  return [...byFolder.entries()].map(([root, files]) => {
    const dialect: Dialect = options.dialect ?? (/mysql|mariadb/i.test(root) ? 'mysql' : 'postgres');
    const migrations: Migration[] = files.sort().map((file) => {
      const text = host.readFile(file) ?? '';
      return {
        version: basename(file),
        name: basename(file),
        id: basename(file),
        kind: 'versioned',
        up: { file, direction: 'up', range: { start: 0, end: text.length }, transaction: { inTransaction: false, reason: 'plain SQL file' } },
      };
    });
    return { root, framework: 'plain', frameworkReason: 'placeholder', dialect, dialectReason: 'placeholder', migrations, ignored: [], siblings: [] };
  });
}
