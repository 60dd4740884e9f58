// `migration-lens status [dir]`: every migration's state in the target database.

import { displayPath } from '../output/locations.js';
import { migrationStatus } from '../../db/runner/index.js';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io.js';
import { runDatabaseCommand, targetUsage } from '../database-command.js';

export const usage = `Usage: migration-lens status [dir] [options]

Shows each migration's state: applied, pending, failed (dirty), changed (edited after it was
applied; only where the framework stores a checksum), missing (recorded, but no file).
${targetUsage}
`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runDatabaseCommand(
    {
      name: 'status',
      usage,
      async act({ io, set, connection, runner, json }) {
        const status = await migrationStatus(connection, set, runner);
        const blocking = status.migrations.some((m) => m.state === 'failed');
        if (json) {
          io.stdout(
            `${JSON.stringify(
              {
                set: displayPath(set.root, io.cwd),
                framework: set.framework,
                target: connection.description,
                table: status.table,
                detectsEdits: status.detectsEdits,
                migrations: status.migrations.map(({ migration: _m, ...rest }) => rest),
              },
              null,
              2,
            )}\n`,
          );
        } else {
          io.stdout(`${displayPath(set.root, io.cwd)} (${set.framework}, ${status.table}) on ${connection.description}\n`);
          const width = Math.max(0, ...status.migrations.map((m) => m.state.length));
          for (const m of status.migrations) {
            const label = m.migration?.id ?? m.key;
            io.stdout(`  ${m.state.padEnd(width)}  ${label}${m.detail ? `  (${m.detail})` : ''}\n`);
          }
          if (!status.detectsEdits) io.stdout(`  ${set.framework} stores no checksums: whether an applied migration was edited cannot be told.\n`);
        }
        return blocking ? EXIT_FINDINGS : EXIT_OK;
      },
    },
    argv,
    io,
  );
}
