// goose: `<version>_<name>.sql`, version a positive int64; `-- +goose Up` / `-- +goose Down`
// annotations on their own line, case-insensitive (internal/sqlparser/parser.go); every
// migration runs in a transaction unless the file says `-- +goose NO TRANSACTION`.

import type { IgnoredFile, Migration, TransactionMode } from '../../model/migration-set.js';
import { findMarkerLines } from '../sections.js';
import { compareNumeric, fitsIn, INT64_MAX, numericKey } from '../versions.js';
import { lowerCaseSqlFiles, sortMigrations, type FrameworkLayout } from './layout.js';
import { sectionedScaffold } from './scaffold.js';
import { detectByMarker, sectionedParts, stripSqlExtension, type Markers } from './sectioned.js';

const MIGRATION_NAME = /^(\d+)_(.*)\.sql$/;
const MARKERS: Markers = { up: /^--\s*\+goose\s+up\s*$/i, down: /^--\s*\+goose\s+down\s*$/i };
const NO_TRANSACTION = /^--\s*\+goose\s+no\s+transaction\s*$/i;

export const goose: FrameworkLayout = {
  framework: 'goose',

  detect: (folder) => detectByMarker(folder, MARKERS.up, '`-- +goose Up` annotations (goose)'),

  collect(folder) {
    const ignored: IgnoredFile[] = [];
    const migrations: Migration[] = [];
    for (const { name, file } of lowerCaseSqlFiles(folder, 'goose', ignored)) {
      const match = MIGRATION_NAME.exec(name);
      const version = match?.[1];
      if (!match || !version || numericKey(version) === '0' || !fitsIn(version, INT64_MAX)) {
        ignored.push({ file, reason: 'goose needs a positive integer version before the first underscore, e.g. 00001_create_users.sql' });
        continue;
      }
      const text = folder.read(file);
      const noTransaction = findMarkerLines(text, NO_TRANSACTION)[0];
      const transaction: TransactionMode = noTransaction
        ? { inTransaction: false, reason: 'the file says `-- +goose NO TRANSACTION`', optOut: '-- +goose NO TRANSACTION', directiveRange: noTransaction.range }
        : { inTransaction: true, reason: 'goose runs each migration in a transaction', optOut: '-- +goose NO TRANSACTION' };
      const parts = sectionedParts(file, text, MARKERS, () => transaction);
      if (!parts.up) {
        ignored.push({ file, reason: 'goose stops with an error on this file: it has no `-- +goose Up` annotation' });
        continue;
      }
      migrations.push({ version, name: match[2], id: stripSqlExtension(name), versionKey: numericKey(version), kind: 'versioned', ...parts });
    }
    return { migrations: sortMigrations(migrations, (a, b) => compareNumeric(a.version, b.version)), ignored };
  },

  // `goose create name sql`: a UTC timestamp (20060102150405) unless -s (sequential, 00001).
  scaffold: sectionedScaffold('-- +goose Up', '-- +goose Down', { kind: 'timestamp' }),
};
