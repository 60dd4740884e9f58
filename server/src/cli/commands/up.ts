// `migration-lens up <dir> [--count N | --to VERSION]`: applies pending migrations in order.

import { migrateUp } from '../../db/runner/index.js';
import { runDatabaseCommand, TARGET_OPTIONS_USAGE } from '../database-command.js';
import type { CliIO } from '../io.js';
import { countOption, reportRun, RUN_EXIT_CODES, RUN_OPTIONS, RUN_OPTIONS_USAGE, runnerOptions } from '../output/run.js';

export const usage = `Usage: migration-lens up <dir> [--count N | --to VERSION] [options]

Applies the pending migrations in the framework's order, each as the framework would, and
records them in its tracking table.
  --count           apply at most N
  --to              apply up to and including VERSION
${RUN_OPTIONS_USAGE}
${TARGET_OPTIONS_USAGE}
${RUN_EXIT_CODES}
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand(
    {
      name: 'up',
      usage,
      preflight: true,
      options: { ...RUN_OPTIONS, count: { type: 'string' }, to: { type: 'string' } },
      run: (context) => reportRun(context, 'up', () => migrateUp(context.connection, context.set, { count: countOption(context.values.count), to: context.values.to as string | undefined }, runnerOptions(context))),
    },
    argv,
    io,
  );
}
