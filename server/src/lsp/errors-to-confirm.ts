// Before Migrate Up runs a migration with error findings (a table no migration creates, a
// statement that does not parse), the user is asked, the findings named; a run they confirm
// is refused nothing.

import type { Finding } from '../engine/index.js';
import type { Migration } from '../engine/model/migration-set.js';
import { LineIndex } from '../engine/model/source.js';
import type { MigrationWithErrors } from './protocol.js';
import { pathToUri } from './uri.js';

/** The migrations among `migrations` whose up part has error findings, with those findings. */
export function migrationsWithErrors(migrations: readonly Migration[], findings: readonly Finding[], readFile: (path: string) => string | undefined): MigrationWithErrors[] {
  return migrations.flatMap((migration): MigrationWithErrors[] => {
    const up = migration.up;
    if (!up) return [];
    let lines: LineIndex | undefined;
    // A file holding both parts (goose, dbmate): only the findings in the up section count.
    const inUpPart = (finding: Finding) => {
      if (migration.down?.file !== up.file) return true;
      lines ??= new LineIndex(readFile(up.file) ?? '');
      const offset = lines.offsetAt(finding.range.start);
      return offset >= up.range.start && offset <= up.range.end;
    };
    const errors = findings.filter((finding) => finding.file === up.file && finding.severity === 'error' && inUpPart(finding));
    if (errors.length === 0) return [];
    return [{ id: migration.id, version: migration.version, findings: errors.map((finding) => ({ rule: finding.rule, message: finding.message, location: { uri: pathToUri(finding.file), range: finding.range } })) }];
  });
}
