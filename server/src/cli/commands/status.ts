// `migration-lens status <dir>`: every migration's state in the target database.

import { migrationStatus, statusWithoutDatabase, type SetStatus } from '../../db/runner/index.js';
import { runDatabaseCommand, TARGET_OPTIONS_USAGE, type DatabaseCommandContext } from '../database-command.js';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io.js';
import { displayPath } from '../output/locations.js';

export const usage = `Usage: migration-lens status <dir> [options]

Shows each migration's state: applied, pending, failed (part-way: dirty), changed (edited after
it was applied; only where the framework stores a checksum), missing (recorded, but no file has
it). With several migration sets under <dir>, shows each, each in its own database (embedded and
docker); with a URL, warns about sets that would share one tracking table there.
${TARGET_OPTIONS_USAGE}
Exit code: 0 shown, 1 a migration is in a failed state, 2 bad usage or no connection.
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand(
    {
      name: 'status',
      usage,
      eachSet: true,
      run: async (context) => report(context, await migrationStatus(context.connection, context.set, context.runner), context.connection.description),
      withoutDatabase: async (context, description) => report(context, statusWithoutDatabase(context.set, context.runner), description),
    },
    argv,
    io,
  );
}

function report({ io, set, json, printJson }: Pick<DatabaseCommandContext, 'io' | 'set' | 'json' | 'printJson'>, status: SetStatus, target: string): number {
  if (json) {
    const migrations = status.migrations.map(({ migration, ...rest }) => ({ ...rest, file: migration?.up && displayPath(migration.up.file, io.cwd) }));
    printJson({ set: displayPath(set.root, io.cwd), framework: set.framework, target, table: status.table, detectsEdits: status.detectsEdits, migrations });
  } else {
    io.stdout(`${displayPath(set.root, io.cwd)} (${set.framework}, ${status.table}) on ${target}\n`);
    const width = Math.max(0, ...status.migrations.map((m) => m.state.length));
    for (const m of status.migrations) io.stdout(`  ${m.state.padEnd(width)}  ${m.migration?.id ?? m.key}${m.detail ? `  (${m.detail})` : ''}\n`);
    if (!status.detectsEdits) io.stdout(`  ${set.framework} stores no checksums: whether an applied migration was edited cannot be told.\n`);
  }
  return status.migrations.some((m) => m.state === 'failed') ? EXIT_FINDINGS : EXIT_OK;
}
