import type { Dialect } from '../../model/source.js';
import type { Framework, IgnoredFile, Migration } from '../../model/migration-set.js';
import { filePath, sqlFiles, type Folder } from '../folder.js';
import type { Scaffold } from './scaffold.js';

export interface Detection {
  /** How many of the folder's files carry this framework's naming or directives. */
  strength: number;
  /** Why, for the UI: "3 files named {version}_{title}.up.sql (golang-migrate naming)". */
  reason: string;
  /** The files that will run as migrations (absolute); their text feeds dialect detection. */
  files: string[];
}

export interface Collected {
  /** In the framework's order; duplicates kept. */
  migrations: Migration[];
  ignored: IgnoredFile[];
  /** See MigrationSet.superseded. */
  superseded?: Migration[];
}

/** One framework's reading of a folder: its file names, directives, order and transactions. */
export interface FrameworkLayout {
  framework: Framework;
  detect(folder: Folder): Detection | undefined;
  collect(folder: Folder, dialect: Dialect): Collected;
  /** How the framework's own tool names and lays out a new migration. */
  scaffold: Scaffold;
}

export const WRONG_CASE_EXTENSION = (framework: string) =>
  `extension must be lower-case .sql: ${framework} matches it case-sensitively and will not run this file`;

/**
 * The folder's `.sql` files for a framework that matches the extension case-sensitively; files
 * spelled `.SQL` go to `ignored` with the reason.
 */
export function lowerCaseSqlFiles(folder: Folder, framework: string, ignored: IgnoredFile[]): { name: string; file: string }[] {
  return sqlFiles(folder).flatMap((name) => {
    const file = filePath(folder, name);
    if (name.endsWith('.sql')) return [{ name, file }];
    ignored.push({ file, reason: WRONG_CASE_EXTENSION(framework) });
    return [];
  });
}

/** Sorts migrations with `compare`, breaking ties by id so duplicates keep a stable order. */
export function sortMigrations(migrations: Migration[], compare: (a: Migration, b: Migration) => number): Migration[] {
  return migrations.sort((a, b) => compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
