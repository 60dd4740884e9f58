// `migration-lens down [dir] [--count N | --to VERSION]`: undoes the last applied migrations.

import { migrateDown } from '../../db/runner/index.js';
import type { CliIO } from '../io.js';
import { countOption, reportRun, runDatabaseCommand, targetUsage } from '../database-command.js';

export const usage = `Usage: migration-lens down [dir] [--count N | --to VERSION] [options]

Runs the down migrations of the last applied migrations, newest first.
  --count       undo the last N (default 1)
  --to          undo every migration after VERSION (\`none\`: all of them)
${targetUsage}
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand(
    {
      name: 'down',
      usage,
      options: { count: { type: 'string' }, to: { type: 'string' } },
      act: async (context) =>
        reportRun(context, await migrateDown(context.connection, context.set, { count: countOption(context.values.count), to: context.values.to as string | undefined }, context.runner)),
    },
    argv,
    io,
  );
}
