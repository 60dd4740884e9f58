// `migration-lens down <dir> [--count N | --to VERSION]`: undoes the last applied migrations.

import { migrateDown } from '../../db/runner/index.js';
import { runDatabaseCommand, TARGET_OPTIONS_USAGE } from '../database-command.js';
import type { CliIO } from '../io.js';
import { countOption, reportRun, RUN_EXIT_CODES, RUN_OPTIONS, RUN_OPTIONS_USAGE, runnerOptions } from '../output/run.js';

export const usage = `Usage: migration-lens down <dir> [--count N | --to VERSION] [options]

Runs the down migrations of the last applied migrations, newest first.
  --count           undo the last N (default 1)
  --to              undo every migration after VERSION (\`none\`: all of them)
${RUN_OPTIONS_USAGE}
${TARGET_OPTIONS_USAGE}
${RUN_EXIT_CODES}
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand(
    {
      name: 'down',
      usage,
      preflight: true,
      options: { ...RUN_OPTIONS, count: { type: 'string' }, to: { type: 'string' } },
      run: (context) => reportRun(context, 'down', () => migrateDown(context.connection, context.set, { count: countOption(context.values.count), to: context.values.to as string | undefined }, runnerOptions(context))),
    },
    argv,
    io,
  );
}
