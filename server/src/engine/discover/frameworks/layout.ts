import type { Dialect } from '../../model/source.js';
import type { Framework, IgnoredFile, Migration } from '../../model/migration-set.js';
import type { Folder } from '../folder.js';

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
}

/** One framework's reading of a folder: its file names, directives, order and transactions. */
export interface FrameworkLayout {
  framework: Framework;
  detect(folder: Folder): Detection | undefined;
  collect(folder: Folder, dialect: Dialect): Collected;
}

export const WRONG_CASE_EXTENSION = (framework: string) =>
  `extension must be lower-case .sql: ${framework} matches it case-sensitively and will not run this file`;

/** Sorts migrations with `compare`, breaking ties by id so duplicates keep a stable order. */
export function sortMigrations(migrations: Migration[], compare: (a: Migration, b: Migration) => number): Migration[] {
  return migrations.sort((a, b) => compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
