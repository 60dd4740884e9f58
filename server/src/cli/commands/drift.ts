// `migration-lens drift <dir> [--target …]`: compares the database with the schema its applied
// migrations should have produced. Exit 0: no drift; 1: differences; 2: bad usage or no database.

import { detectDrift, type LocatedDifference } from '../../db/drift.js';
import { TARGET_OPTIONS_USAGE, runDatabaseCommand } from '../database-command.js';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io.js';
import { displayPath } from '../output/locations.js';

export const usage = `Usage: migration-lens drift <dir> [--target embedded|docker|URL] [--format text|json]

Reads which migrations of <dir> the database has applied (the framework's tracking table),
replays them, and lists every difference between that schema and the database's.
${TARGET_OPTIONS_USAGE}
Exit code: 0 no drift, 1 differences found, 2 bad usage or the database could not be read.
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand({
    name: 'drift',
    usage,
    // Reading creates nothing: a database the first run has not created has no drift.
    async withoutDatabase({ json }, description) {
      const note = 'the database does not exist yet, so there is nothing to compare';
      io.stdout(json ? `${JSON.stringify({ target: description, appliedCount: 0, notes: [note], differences: [] }, null, 2)}\n` : `${description}: ${note}\n`);
      return EXIT_OK;
    },
    async run({ set, replay, connection, runner, json }) {
      const report = await detectDrift(connection, set, replay, runner);
      if (json) {
        io.stdout(`${JSON.stringify({ target: connection.description, ...report, differences: report.differences.map((d) => jsonDifference(d, io.cwd)) }, null, 2)}\n`);
      } else {
        const at = report.appliedVersion ? `applied up to ${report.appliedVersion} (${report.appliedCount} migrations)` : 'no migration applied';
        io.stdout(`${connection.description}: ${at}\n`);
        for (const note of report.notes) io.stdout(`  note: ${note}\n`);
        io.stdout(report.differences.length ? report.differences.map((d) => `  ${textDifference(d, io.cwd)}\n`).join('') : '  no drift: the database matches its migrations\n');
      }
      return report.differences.length ? EXIT_FINDINGS : EXIT_OK;
    },
  }, argv, io);
}

/** `orders.total type: expected integer, actual bigint (002_create_orders.up.sql:1:1)`. */
export function textDifference(difference: LocatedDifference, cwd: string): string {
  const what = difference.property === 'exists' ? `${difference.objectKind} ${difference.object}: ${difference.expected ? 'missing from the database' : 'not in the migrations'}` : `${difference.objectKind} ${difference.object} ${difference.property}: expected ${difference.expected ?? '(none)'}, actual ${difference.actual ?? '(none)'}`;
  const site = difference.definedBy;
  return site ? `${what} (defined by ${site.version} in ${displayPath(site.file, cwd)}:${site.line + 1}:${site.character + 1})` : what;
}

export function jsonDifference(difference: LocatedDifference, cwd: string): object {
  const site = difference.definedBy;
  return { ...difference, definedBy: site && { version: site.version, migration: site.migration, file: displayPath(site.file, cwd), line: site.line + 1, column: site.character + 1 } };
}
