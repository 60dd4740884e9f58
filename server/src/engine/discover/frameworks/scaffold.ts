// How each framework's own tool writes a new migration (`migrate create`, `goose create`,
// `dbmate new`, `sql-migrate new`, Flyway's naming, `prisma migrate dev`, `node-pg-migrate
// create`): the file names and the marker comments around the up and down SQL. "New Migration"
// and the quick fixes that move SQL into a later migration both write files through here.

import { joinPath } from '../../host.js';

/** The SQL of a new migration's parts; empty strings leave a place for the cursor. */
export interface MigrationSql {
  up: string;
  down: string;
}

/** One file of a new migration. */
export interface ScaffoldFile {
  /** Absolute path, forward slashes. */
  path: string;
  text: string;
  /** On the file holding the up part: where its SQL starts in `text`. */
  upOffset?: number;
}

/** Where a new migration goes and what it is called. */
export interface ScaffoldName {
  /** The folder its files go in. */
  folder: string;
  version: string;
  /** Snake-case description ("add_orders_status"). */
  name: string;
  /** What goes between version and name in a file name: `_`, or `-` for sql-migrate's own tool. */
  separator: string;
}

/** The version a framework's tool gives a migration: the UTC time (YYYYMMDDHHMMSS), milliseconds since 1970, or a counter. */
export type VersionStyle = { kind: 'timestamp' } | { kind: 'epoch-ms' } | { kind: 'sequence'; first: string };

export interface Scaffold {
  /** What the framework's tool numbers the first migration of an empty folder with. */
  firstVersion: VersionStyle;
  /** Between version and name where the folder's own files show nothing else. */
  separator: string;
  files(name: ScaffoldName, sql: MigrationSql): ScaffoldFile[];
}

const stem = ({ version, separator, name }: ScaffoldName) => `${version}${separator}${name}`;

/** A file that is all one part: its SQL and a final newline, or nothing at all when there is no SQL yet. */
export function wholeFile(path: string, sql: string, holdsUp: boolean): ScaffoldFile {
  return { path, text: sql === '' ? '' : `${sql}\n`, upOffset: holdsUp ? 0 : undefined };
}

/** `<version><separator><name>.sql` with the up and down sections behind the framework's markers. */
export function sectionedScaffold(upMarker: string, downMarker: string, firstVersion: VersionStyle, separator = '_'): Scaffold {
  return {
    firstVersion,
    separator,
    files: (name, { up, down }) => [
      { path: joinPath(name.folder, `${stem(name)}.sql`), text: `${upMarker}\n${up}\n\n${downMarker}\n${down}\n`, upOffset: upMarker.length + 1 },
    ],
  };
}

/** `<version>_<name>.sql`, all up: plain numbered files. */
export function singleFileScaffold(firstVersion: VersionStyle, fileName: (name: ScaffoldName) => string): Scaffold {
  return { firstVersion, separator: '_', files: (name, { up }) => [wholeFile(joinPath(name.folder, fileName(name)), up, true)] };
}

export { stem as scaffoldStem };
