// `migration-lens force <dir> --to VERSION --yes`: after a failed migration was fixed by hand,
// records the database as exactly after VERSION (golang-migrate's `force`, Prisma's `resolve`,
// Flyway's `repair`). It rewrites only the tracking table, so it asks for --yes.

import { forceVersion } from '../../db/runner/index.js';
import { runDatabaseCommand, TARGET_OPTIONS_USAGE } from '../database-command.js';
import { EXIT_OK, reportError, type CliIO } from '../io.js';
import { RUN_OPTIONS, RUN_OPTIONS_USAGE, runnerOptions } from '../output/run.js';

export const usage = `Usage: migration-lens force <dir> --to VERSION --yes [options]

Records in the tracking table that the database is exactly as after VERSION (\`none\`: before
the first migration), clearing a failed or dirty state. Run it only after fixing the database
by hand: no migration SQL runs.
  --to              the version the database is at now
  --yes             confirm
${RUN_OPTIONS_USAGE}
${TARGET_OPTIONS_USAGE}
Exit code: 0 recorded, 2 bad usage or no connection.
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand(
    {
      name: 'force',
      usage,
      options: { ...RUN_OPTIONS, to: { type: 'string' }, yes: { type: 'boolean' } },
      async run(context) {
        const { set, connection, values, json } = context;
        const refuse = (message: string) => reportError(io, 'force', message);
        const version = values.to as string | undefined;
        if (version === undefined) return refuse('say which version the database is at now: --to VERSION (or --to none)');
        if (values.yes !== true) return refuse(`force rewrites ${set.framework}'s tracking table without running any SQL; add --yes to confirm`);
        await forceVersion(connection, set, version, runnerOptions(context));
        io.stdout(json ? `${JSON.stringify({ forced: version, target: connection.description })}\n` : `Recorded ${connection.description} as at version ${version}.\n`);
        return EXIT_OK;
      },
    },
    argv,
    io,
  );
}
