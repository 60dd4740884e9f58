// `migration-lens up [dir] [--count N | --to VERSION]`: applies pending migrations in order.

import { migrateUp } from '../../db/runner/index.js';
import type { CliIO } from '../io.js';
import { countOption, reportRun, runDatabaseCommand, targetUsage } from '../database-command.js';

export const usage = `Usage: migration-lens up [dir] [--count N | --to VERSION] [options]

Applies the pending migrations in the framework's order, each as the framework would.
  --count       apply at most N
  --to          apply up to and including VERSION
${targetUsage}
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand(
    {
      name: 'up',
      usage,
      options: { count: { type: 'string' }, to: { type: 'string' } },
      act: async (context) =>
        reportRun(context, await migrateUp(context.connection, context.set, { count: countOption(context.values.count), to: context.values.to as string | undefined }, context.runner)),
    },
    argv,
    io,
  );
}
