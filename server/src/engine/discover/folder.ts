// What a framework sees of one folder: its entries and cached file texts through the FileHost.

import { joinPath, type FileHost } from '../host.js';
import type { ProjectConfig } from '../config/index.js';

export interface Folder {
  path: string;
  /** Names of regular files, sorted byte-wise. */
  files: string[];
  /** Names of subfolders that are walked, sorted byte-wise. */
  folders: string[];
  host: FileHost;
  config: ProjectConfig;
  /** Text of a file by absolute path ('' when unreadable), read once. */
  read(path: string): string;
}

/** Any-case `.sql`: frameworks decide themselves whether `.SQL` counts. */
export const SQL_FILE = /\.sql$/i;

export function sqlFiles(folder: Folder): string[] {
  return folder.files.filter((name) => SQL_FILE.test(name));
}

export function filePath(folder: Folder, name: string): string {
  return joinPath(folder.path, name);
}

export function createTextCache(host: FileHost): (path: string) => string {
  const texts = new Map<string, string>();
  return (path) => {
    let text = texts.get(path);
    if (text === undefined) {
      text = host.readFile(path) ?? '';
      texts.set(path, text);
    }
    return text;
  };
}
