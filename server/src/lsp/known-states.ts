// The migration states each set's database last reported (every status read and force answer
// passes through here), so the lens above a migration can say where it stands without opening a
// database itself: reading a state can start a container or ask for a password, which a lens
// must never do.

import type { MigrationStatusItem, StatusResult } from './protocol.js';
import { uriToPath } from './uri.js';

export interface KnownState {
  /** Absent: the set's database was read, and this migration was not in it yet (a new file). */
  item?: MigrationStatusItem;
}

export class KnownStates {
  /** Per set root: its migrations by up file, as its database said last. */
  private readonly sets = new Map<string, Map<string, MigrationStatusItem>>();

  constructor(private readonly changed: () => void) {}

  remember(root: string, status: StatusResult): StatusResult {
    const byFile = new Map<string, MigrationStatusItem>();
    for (const item of status.migrations) {
      const path = item.uri && uriToPath(item.uri);
      if (path) byFile.set(path, item);
    }
    this.sets.set(root, byFile);
    this.changed();
    return status;
  }

  /** What the database of set `root` last said of the migration whose up part is in `upFile`; undefined before any read. */
  of(root: string, upFile: string): KnownState | undefined {
    const byFile = this.sets.get(root);
    if (!byFile) return undefined;
    const item = byFile.get(upFile);
    return item ? { item } : {};
  }
}
