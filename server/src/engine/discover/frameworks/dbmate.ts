// dbmate: files matching `^\d.*\.sql$` (the leading digits are the version), applied in file
// name order; `-- migrate:up` / `-- migrate:down` with options on the same line, e.g.
// `-- migrate:up transaction:false` (pkg/dbmate/migration.go).

import type { Direction, IgnoredFile, Migration, MigrationPart, TransactionMode } from '../../model/migration-set.js';
import { filePath, sqlFiles } from '../folder.js';
import type { Section } from '../sections.js';
import { compareText, leadingNumber } from '../versions.js';
import { sortMigrations, WRONG_CASE_EXTENSION, type FrameworkLayout } from './layout.js';
import { sectionedScaffold } from './scaffold.js';
import { detectByMarker, sectionedParts, stripSqlExtension, type Markers } from './sectioned.js';

const MARKERS: Markers = { up: /^--\s*migrate:up(\s*$|\s+\S+)/, down: /^--\s*migrate:down(\s*$|\s+\S+)/ };

export const dbmate: FrameworkLayout = {
  framework: 'dbmate',

  detect(folder) {
    const detection = detectByMarker(folder, MARKERS.up, '`-- migrate:up` sections (dbmate)');
    if (detection && folder.path.endsWith('/db/migrations')) detection.reason += ' in db/migrations, dbmate\'s default folder';
    return detection;
  },

  collect(folder) {
    const ignored: IgnoredFile[] = [];
    const migrations: Migration[] = [];
    for (const name of sqlFiles(folder)) {
      const file = filePath(folder, name);
      const version = leadingNumber(name);
      if (!name.endsWith('.sql')) {
        ignored.push({ file, reason: WRONG_CASE_EXTENSION('dbmate') });
      } else if (!version) {
        ignored.push({ file, reason: 'dbmate runs only files whose name starts with a digit, e.g. 20240101120000_create_users.sql' });
      } else {
        // dbmate runs each section with one Exec (multiStatements on MySQL): the server splits it (parse/split.ts).
        const parts = sentWhole(sectionedParts(file, folder.read(file), MARKERS, transactionOf));
        if (parts.up) {
          const id = stripSqlExtension(name);
          migrations.push({ version, name: id.slice(version.length).replace(/^_/, ''), id, versionKey: version, kind: 'versioned', ...parts });
        } else {
          ignored.push({ file, reason: "dbmate stops with an error on this file: it has no '-- migrate:up' line" });
        }
      }
    }
    // dbmate reads the folder sorted by file name and records the version string as written.
    return { migrations: sortMigrations(migrations, (a, b) => compareText(a.id, b.id)), ignored };
  },

  // `dbmate new name`: the UTC time, 20060102150405_name.sql.
  scaffold: sectionedScaffold('-- migrate:up', '-- migrate:down', { kind: 'timestamp' }),
};

function sentWhole(parts: Partial<Record<Direction, MigrationPart>>): Partial<Record<Direction, MigrationPart>> {
  return Object.fromEntries(Object.entries(parts).map(([direction, part]) => [direction, { ...part, sentWhole: true }]));
}

function transactionOf(direction: Direction, section: Section): TransactionMode {
  const optOut = `-- migrate:${direction} transaction:false`;
  const options = new Map(
    section.marker.text
      .replace(/^--\s*migrate:(up|down)/, '')
      .trim()
      .split(/\s+/)
      .map((pair) => pair.split(':'))
      .filter((pair) => pair.length === 2) as [string, string][],
  );
  if (options.get('transaction') === 'false') {
    return { inTransaction: false, reason: `the section says \`${section.marker.text.trim()}\``, optOut, directiveRange: section.marker.range };
  }
  return { inTransaction: true, reason: 'dbmate runs each migration section in a transaction', optOut };
}
