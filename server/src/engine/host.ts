// The engine reads files only through this interface, so the CLI can hand it the disk and the
// language server can hand it the disk overlaid with the editor's unsaved documents.

export interface DirectoryEntry {
  name: string;
  isDirectory: boolean;
}

export interface FileHost {
  /** Text of the file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** Entries of a directory, or undefined when it is not one. */
  readDirectory(path: string): DirectoryEntry[] | undefined;
}

/** A FileHost that read each file and folder once, with what it read. */
export interface SnapshotHost extends FileHost {
  readonly files: ReadonlyMap<string, string | undefined>;
  readonly directories: ReadonlyMap<string, DirectoryEntry[] | undefined>;
}

/**
 * The files as one analysis sees them: each file and folder read once, on first use. Discovery,
 * parsing and the rules all read the same files; through this they read the disk once, and
 * they all see the same text even when a file changes while the analysis runs.
 */
export function snapshotHost(host: FileHost): SnapshotHost {
  const files = new Map<string, string | undefined>();
  const directories = new Map<string, DirectoryEntry[] | undefined>();
  return {
    files,
    directories,
    readFile(path) {
      if (!files.has(path)) files.set(path, host.readFile(path));
      return files.get(path);
    },
    readDirectory(path) {
      if (!directories.has(path)) directories.set(path, host.readDirectory(path));
      return directories.get(path);
    },
  };
}

/** Absolute paths with forward slashes, no trailing slash: the one spelling used in the engine. */
export function normalizePath(path: string): string {
  let p = path.replace(/\\/g, '/');
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/**
 * What a listing of `path` said, as one string equal exactly when the answer is: for remembering
 * what a result depended on. A `.git` folder is only ever asked whether it exists (it marks a
 * project's root), so only that counts: its contents change with every commit.
 */
export function listingSignature(path: string, entries: readonly DirectoryEntry[] | undefined): string {
  if (entries === undefined) return '\u0000';
  if (basename(path) === '.git') return '.git';
  return entries.map((entry) => `${entry.name}${entry.isDirectory ? '/' : ''}`).sort().join('\n');
}
