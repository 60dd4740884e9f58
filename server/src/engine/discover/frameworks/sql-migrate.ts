// sql-migrate: every `*.sql` file of the folder; `-- +migrate Up` / `-- +migrate Down`, with
// `notransaction` after the direction (sqlparse/sqlparse.go). Order (migrate.go `Less`): files
// with a leading number by that number, before the others; then by file name, the tracking id.

import type { Direction, IgnoredFile, Migration, TransactionMode } from '../../model/migration-set.js';
import type { Section } from '../sections.js';
import { compareNumeric, compareText, leadingNumber } from '../versions.js';
import { lowerCaseSqlFiles, sortMigrations, type FrameworkLayout } from './layout.js';
import { sectionedScaffold } from './scaffold.js';
import { detectByMarker, sectionedParts, stripSqlExtension, type Markers } from './sectioned.js';

const MARKERS: Markers = { up: /^-- \+migrate Up(\s|$)/, down: /^-- \+migrate Down(\s|$)/ };

export const sqlMigrate: FrameworkLayout = {
  framework: 'sql-migrate',

  detect: (folder) => detectByMarker(folder, MARKERS.up, '`-- +migrate Up` sections (sql-migrate)'),

  collect(folder) {
    const ignored: IgnoredFile[] = [];
    const migrations: Migration[] = [];
    for (const { name, file } of lowerCaseSqlFiles(folder, 'sql-migrate', ignored)) {
      const parts = sectionedParts(file, folder.read(file), MARKERS, transactionOf);
      if (!parts.up && !parts.down) {
        ignored.push({ file, reason: 'sql-migrate stops with an error on this file: it has no `-- +migrate Up` or `-- +migrate Down` line' });
        continue;
      }
      const stem = stripSqlExtension(name);
      const version = leadingNumber(name) ?? stem;
      // `sql-migrate new` writes `<time>-name.sql`: the name starts after the dash as after an underscore.
      migrations.push({ version, name: stem.slice(leadingNumber(name)?.length ?? 0).replace(/^[-_]/, ''), id: name, versionKey: name, kind: 'versioned', ...parts });
    }
    return { migrations: sortMigrations(migrations, compareSqlMigrate), ignored };
  },

  // `sql-migrate new name`: 20060102150405-name.sql, a dash after the time.
  scaffold: sectionedScaffold('-- +migrate Up', '-- +migrate Down', { kind: 'timestamp' }, '-'),
};

function compareSqlMigrate(a: Migration, b: Migration): number {
  const x = leadingNumber(a.id);
  const y = leadingNumber(b.id);
  if (x !== undefined && y !== undefined && compareNumeric(x, y) !== 0) return compareNumeric(x, y);
  if (x !== undefined && y === undefined) return -1;
  if (x === undefined && y !== undefined) return 1;
  return compareText(a.id, b.id);
}

function transactionOf(direction: Direction, section: Section): TransactionMode {
  const optOut = `-- +migrate ${direction === 'up' ? 'Up' : 'Down'} notransaction`;
  if (section.marker.text.split(/\s+/).slice(3).includes('notransaction')) {
    return { inTransaction: false, reason: `the section says \`${section.marker.text.trim()}\``, optOut, directiveRange: section.marker.range };
  }
  return { inTransaction: true, reason: 'sql-migrate runs each migration direction in a transaction', optOut };
}
