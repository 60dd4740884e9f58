// The migration states each set's database last reported (every status read and force answer
// passes through here), so the lens above a migration can say where it stands without opening a
// database itself: reading a state can start a container or ask for a password, which a lens
// must never do.

import type { MigrationStatusItem, StatusResult } from './protocol.js';
import { uriToPath } from './uri.js';

export interface KnownState {
  /** Absent: the set's database was read, and this migration was not in it yet (a new file). */
  item?: MigrationStatusItem;
  /** The database that reported it, printable. */
  target: string;
}

export class KnownStates {
  /** Per set root: the database read last, and its migrations by up file. */
  private readonly sets = new Map<string, { target: string; byFile: Map<string, MigrationStatusItem> }>();

  constructor(private readonly changed: () => void) {}

  remember(root: string, status: StatusResult): StatusResult {
    const byFile = new Map<string, MigrationStatusItem>();
    for (const item of status.migrations) {
      const path = item.uri && uriToPath(item.uri);
      if (path) byFile.set(path, item);
    }
    this.sets.set(root, { target: status.target, byFile });
    this.changed();
    return status;
  }

  /** What the database of set `root` last said of the migration whose up part is in `upFile`; undefined before any read. */
  of(root: string, upFile: string): KnownState | undefined {
    const set = this.sets.get(root);
    if (!set) return undefined;
    const item = set.byFile.get(upFile);
    return { target: set.target, ...(item && { item }) };
  }
}
