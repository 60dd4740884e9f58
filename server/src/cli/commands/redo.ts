// `migration-lens redo <dir>`: undoes the last applied migration and applies it again.

import { redo } from '../../db/runner/index.js';
import { runDatabaseCommand, TARGET_OPTIONS_USAGE } from '../database-command.js';
import type { CliIO } from '../io.js';
import { reportRun, RUN_EXIT_CODES, RUN_OPTIONS, RUN_OPTIONS_USAGE, runnerOptions } from '../output/run.js';

export const usage = `Usage: migration-lens redo <dir> [options]

Runs the last applied migration's down, then its up again.
${RUN_OPTIONS_USAGE}
${TARGET_OPTIONS_USAGE}
${RUN_EXIT_CODES}
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand(
    {
      name: 'redo',
      usage,
      preflight: true,
      options: { ...RUN_OPTIONS },
      run: (context) => reportRun(context, 'redo', () => redo(context.connection, context.set, runnerOptions(context))),
    },
    argv,
    io,
  );
}
