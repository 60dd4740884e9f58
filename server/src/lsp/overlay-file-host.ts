// The disk as the engine should see it from the editor: open documents replace the file on disk
// (unsaved edits are analysed as typed), and an open document not yet saved still shows up in
// its folder's listing.

import { basename, dirname, type DirectoryEntry, type FileHost } from '../engine/host.js';

export interface OpenDocuments {
  /** Text of the open document at this absolute path, if one is open. */
  textAt(path: string): string | undefined;
  /** Absolute paths of all open documents. */
  paths(): string[];
}

export function overlayFileHost(disk: FileHost, open: OpenDocuments): FileHost {
  return {
    readFile: (path) => open.textAt(path) ?? disk.readFile(path),
    readDirectory(path) {
      const entries = disk.readDirectory(path);
      const unsaved = open.paths().filter((file) => dirname(file) === path);
      if (!entries) return unsaved.length > 0 ? unsaved.map(fileEntry) : undefined;
      const listed = new Set(entries.map((entry) => entry.name));
      return [...entries, ...unsaved.map(fileEntry).filter((entry) => !listed.has(entry.name))];
    },
  };
}

function fileEntry(path: string): DirectoryEntry {
  return { name: basename(path), isDirectory: false };
}
