// node-pg-migrate SQL migrations: `-- Up Migration` / `-- Down Migration`, matched by
// `^\s*--[\s-]*up\s+migration` case-insensitively (src/sqlMigration.ts); a file without the up
// marker is all up, down section included, exactly as the runner slices it. By default one
// transaction wraps the whole run; a .sql file cannot opt out.

import type { IgnoredFile, Migration, TransactionMode } from '../../model/migration-set.js';
import { compareNumeric, compareText, leadingNumber } from '../versions.js';
import { lowerCaseSqlFiles, sortMigrations, type FrameworkLayout } from './layout.js';
import { sectionedScaffold } from './scaffold.js';
import { detectByMarker, sectionedParts, stripSqlExtension, type Markers } from './sectioned.js';

const MARKERS: Markers = { up: /^\s*--[\s-]*up\s+migration/i, down: /^\s*--[\s-]*down\s+migration/i };

const TRANSACTION: TransactionMode = {
  inTransaction: true,
  reason:
    'node-pg-migrate runs all pending migrations in one transaction by default; with --no-single-transaction each migration still gets its own. Only a JS/TS migration can call pgm.noTransaction()',
};

export const nodePgMigrate: FrameworkLayout = {
  framework: 'node-pg-migrate',

  detect: (folder) => detectByMarker(folder, MARKERS.up, '`-- Up Migration` markers (node-pg-migrate)'),

  collect(folder) {
    const ignored: IgnoredFile[] = [];
    const migrations: Migration[] = [];
    for (const { name, file } of lowerCaseSqlFiles(folder, 'node-pg-migrate', ignored)) {
      const text = folder.read(file);
      const parts = sectionedParts(file, text, MARKERS, () => TRANSACTION);
      const up = parts.up ?? { file, direction: 'up' as const, range: { start: 0, end: text.length }, transaction: TRANSACTION };
      const id = stripSqlExtension(name);
      const version = leadingNumber(name) ?? id;
      migrations.push({ version, name: id.slice(leadingNumber(name)?.length ?? 0).replace(/^_/, ''), id, versionKey: id, kind: 'versioned', up, down: parts.down });
    }
    // Timestamps first (13-digit ms or 17-digit UTC prefixes), then the name, as the runner sorts.
    const compare = (a: Migration, b: Migration) => {
      const x = leadingNumber(a.id);
      const y = leadingNumber(b.id);
      return (x !== undefined && y !== undefined ? compareNumeric(x, y) : 0) || compareText(a.id, b.id);
    };
    return { migrations: sortMigrations(migrations, compare), ignored };
  },

  // `node-pg-migrate create name --migration-file-language sql`: milliseconds since 1970 (the default `timestamp` format).
  scaffold: sectionedScaffold('-- Up Migration', '-- Down Migration', { kind: 'epoch-ms' }),
};
