// A migration folder written for an engine that is not checked is reported here, once, by
// analyze.ts rather than by a rule module: none of its files is parsed, replayed or linted, so
// no rule ever sees it. This is its metadata and docs, and the one finding.

import type { ProjectConfig } from '../../config/index.js';
import type { Finding } from '../../model/finding.js';
import type { MigrationSet } from '../../model/migration-set.js';
import { DIALECTS } from '../../model/source.js';
import { ruleLevel } from '../levels.js';
import type { RuleMeta } from '../rule.js';

export const unsupportedDialect: RuleMeta = {
  id: 'unsupported-dialect',
  category: 'dialect',
  dialects: DIALECTS,
  severity: 'info',
  docs: {
    summary: 'A migration folder for an engine Migration Lens does not check (CockroachDB, SQLite, ClickHouse, SQL Server …): reported once, not linted.',
    why:
      'Checked as PostgreSQL or MySQL, another engine\'s migrations collect false errors: CockroachDB\'s hash-sharded indexes, ' +
      'SQLite\'s AUTOINCREMENT and PRAGMA, ClickHouse\'s table engines are mistakes in those dialects and correct where they run. ' +
      'The folder is named by its path (a `sqlite` or `cockroach` folder), its framework\'s database URL or driver ' +
      '(`sqlite3`, `clickhouse://`), Prisma\'s provider, or syntax only that engine has; the finding says which.',
    fix: 'Nothing to fix. If the folder really is PostgreSQL, MySQL or MariaDB, set its dialect in `.migration-lens.json` (`sets`) and it is checked; turn this rule off to silence the note.',
  },
};

/** The one finding of an unsupported set, at the top of its first migration file; none when turned off or the set has no file. */
export function unsupportedDialectFinding(set: MigrationSet, config: ProjectConfig): Finding | undefined {
  const level = ruleLevel(unsupportedDialect, config);
  const first = set.migrations.find((migration) => migration.up ?? migration.down);
  const file = first?.up?.file ?? first?.down?.file;
  if (level === 'off' || !set.unsupported || file === undefined) return undefined;
  const start = { line: 0, character: 0 };
  return {
    rule: unsupportedDialect.id,
    severity: level,
    message: `${set.unsupported} migrations (${set.dialectReason}): not checked. Migration Lens checks PostgreSQL, MySQL and MariaDB; linted as one of those, this folder would only collect false errors.`,
    file,
    range: { start, end: start },
    related: [],
    fixes: [],
  };
}
