// `migration-lens baseline <dir> [--target …] [--yes]`: gives a database built without migration
// history the history it matches. Without --yes it only shows what it would record.
// Exit 0: matched (and recorded with --yes) or nothing to do; 1: no migration matches; 2: error.

import { planBaseline, recordBaseline } from '../../db/baseline.js';
import { TARGET_OPTIONS_USAGE, runDatabaseCommand } from '../database-command.js';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io.js';
import { jsonDifference, textDifference } from './drift.js';

export const usage = `Usage: migration-lens baseline <dir> [--target embedded|docker|URL] [--yes] [--format text|json]

Compares the database (which has no migration history) with the schema after each migration
of <dir>, finds the newest one it matches exactly, and with --yes records every migration up to
it as applied in the framework's tracking table. Nothing is recorded without an exact match.
  --yes             record the history (without it, only show what would be recorded)
${TARGET_OPTIONS_USAGE}
Exit code: 0 matched (recorded with --yes) or empty database, 1 no migration matches, 2 bad usage or database error.
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand({
    name: 'baseline',
    usage,
    options: { yes: { type: 'boolean', short: 'y' } },
    // Reading creates nothing: a database the first run has not created has no schema to match.
    async withoutDatabase({ json }, description) {
      io.stdout(json ? `${JSON.stringify({ target: description, empty: true, toRecord: [], recorded: [] }, null, 2)}\n` : `${description} has no schema yet: nothing to baseline, run the migrations instead.\n`);
      return EXIT_OK;
    },
    async run({ set, replay, connection, runner, json, values }) {
      const plan = await planBaseline(connection, set, replay, runner);
      const recorded = plan.match && values.yes === true ? await recordBaseline(connection, set, plan, runner) : [];
      if (json) {
        const closest = plan.closest && { ...plan.closest, differences: plan.closest.differences.map((d) => jsonDifference(d, io.cwd)) };
        io.stdout(`${JSON.stringify({ target: connection.description, ...plan, closest, recorded }, null, 2)}\n`);
      } else if (plan.empty) {
        io.stdout(`${connection.description} has no schema yet: nothing to baseline, run the migrations instead.\n`);
      } else if (plan.match) {
        const same = plan.match.sameSchemaAs.length ? ` (${plan.match.sameSchemaAs.join(', ')} leave the same schema; the newest is taken)` : '';
        io.stdout(`${connection.description} matches the schema after ${plan.match.id} exactly${same}.\n`);
        io.stdout(recorded.length ? `Recorded as applied: ${recorded.join(', ')}.\n` : `Would record as applied: ${plan.toRecord.join(', ')}. Run again with --yes to record them.\n`);
      } else {
        io.stdout(`${connection.description} matches no migration of ${set.root} exactly; nothing was recorded.\n`);
        if (plan.closest) {
          io.stdout(`Closest: ${plan.closest.id}, ${plan.closest.differences.length} difference(s):\n`);
          io.stdout(plan.closest.differences.map((d) => `  ${textDifference(d, io.cwd)}\n`).join(''));
        }
      }
      return plan.match || plan.empty ? EXIT_OK : EXIT_FINDINGS;
    },
  }, argv, io);
}
