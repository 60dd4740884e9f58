// The disk as the language server reads it between analyses. Migration files are kept once read,
// until the editor's file events say they changed; folder listings are kept while the folder's
// modification time is the same (file events do not always report what a deleted folder held);
// everything else (.migration-lens.json, .env, flyway.conf, …) is read afresh every time, since
// no event covers it. It remembers which paths may have changed since an analysis last asked, so
// discovery looks only there.
//
// Every edit asks again for the project files dialect detection looks for in each folder up to the
// project root, most of which do not exist. A failed read costs Node an exception (~27 µs); a stat
// that finds nothing, a fifth of that. So absence is asked of stat, and only what exists is read
// (at 2,000 migrations, the edited file's diagnostics: median 4.4–5.0 → 3.7–3.8 ms).

import { statSync } from 'node:fs';
import type { DirectoryEntry, FileHost } from '../engine/host.js';
import { createNodeFileHost } from '../node-file-host.js';

const MIGRATION_FILE = /\.sql$/i;

export class CachedDisk implements FileHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly listings = new Map<string, { modified: number; entries: DirectoryEntry[] | undefined }>();
  private changed = new Set<string>();

  constructor(private readonly disk: FileHost = createNodeFileHost()) {}

  readFile(path: string): string | undefined {
    if (!MIGRATION_FILE.test(path)) return modificationTime(path) === MISSING ? undefined : this.disk.readFile(path);
    if (!this.texts.has(path)) this.texts.set(path, this.disk.readFile(path));
    return this.texts.get(path);
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    const modified = modificationTime(path);
    const kept = this.listings.get(path);
    if (kept && kept.modified === modified) return kept.entries;
    const entries = modified === MISSING ? undefined : this.disk.readDirectory(path);
    if (kept) this.changed.add(path);
    this.listings.set(path, { modified, entries });
    return entries;
  }

  /** The file (or folder, and all it held) at `path` changed on disk: read it again when asked. */
  changedOnDisk(path: string): void {
    this.texts.delete(path);
    const inside = `${path}/`;
    for (const kept of this.texts.keys()) if (kept.startsWith(inside)) this.texts.delete(kept);
    this.noteChanged(path);
  }

  /** `path` may read differently now (an edited document, a file event). */
  noteChanged(path: string): void {
    this.changed.add(path);
  }

  /** The paths that may have changed since the last call. */
  takeChanged(): Set<string> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }
}

/** What modificationTime says of a path that does not exist. */
const MISSING = -1;

/** MISSING when nothing is at `path`; NaN (equal to nothing) when it cannot be asked, so it is asked again every time. */
function modificationTime(path: string): number {
  try {
    return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? MISSING;
  } catch {
    return Number.NaN;
  }
}
