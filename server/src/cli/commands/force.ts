// `migration-lens force VERSION [dir] --yes`: after a failed migration was fixed by hand, records
// the database as exactly after VERSION (golang-migrate's `force`, Prisma's `resolve`, Flyway's
// `repair`). It changes only the tracking table, so it asks for --yes.

import { forceVersion } from '../../db/runner/index.js';
import { EXIT_OK, type CliIO } from '../io.js';
import { runDatabaseCommand, targetUsage } from '../database-command.js';

export const usage = `Usage: migration-lens force VERSION [dir] --yes [options]

Records in the tracking table that the database is exactly as after VERSION (\`none\`: before
the first migration), clearing a failed or dirty state. Run it only after fixing the database
by hand; no migration SQL runs.
  --yes         confirm
${targetUsage}
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand(
    {
      name: 'force',
      usage,
      options: { yes: { type: 'boolean' } },
      leadingPositionals: 1,
      async act({ io, set, connection, runner, values, leading, fail, json }) {
        const [version] = leading;
        if (values.yes !== true) return fail(`force rewrites ${set.framework}'s tracking table without running SQL; add --yes to confirm`);
        await forceVersion(connection, set, version, runner);
        io.stdout(json ? `${JSON.stringify({ forced: version })}\n` : `Recorded ${connection.description} as at version ${version}.\n`);
        return EXIT_OK;
      },
    },
    argv,
    io,
  );
}
