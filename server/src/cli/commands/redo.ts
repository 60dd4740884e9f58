// `migration-lens redo [dir]`: undoes the last applied migration and applies it again.

import { redo } from '../../db/runner/index.js';
import type { CliIO } from '../io.js';
import { reportRun, runDatabaseCommand, targetUsage } from '../database-command.js';

export const usage = `Usage: migration-lens redo [dir] [options]

Runs the last applied migration's down, then its up again.
${targetUsage}
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand(
    { name: 'redo', usage, act: async (context) => reportRun(context, await redo(context.connection, context.set, context.runner)) },
    argv,
    io,
  );
}
