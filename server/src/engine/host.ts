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

/**
 * The files as one analysis sees them: each file and folder read once, on first use. Discovery,
 * parsing and the rules all read the same files; through this they read the disk once, and
 * they all see the same text even when a file changes while the analysis runs.
 */
export function snapshotHost(host: FileHost): FileHost {
  const files = new Map<string, string | undefined>();
  const directories = new Map<string, DirectoryEntry[] | undefined>();
  return {
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
