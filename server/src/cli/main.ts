// Entry of dist/cli.js: picks the subcommand and turns every outcome into an exit code.
// Each command lives in commands/<name>.ts and exports `run(argv, io)`.

import { asksForJson, EXIT_OK, reportError, type CliCommand, type CliIO } from './io.js';
import { engineSide } from './engine-bundle.js';
import { toolVersion } from './version.js';
import { tuneV8ForEngine } from '../v8-tuning.js';

// `check` lives in this bundle; the others, and the analysis a check cannot take from its cache,
// in the engine half (engine-side.ts), loaded when chosen.
const commands: Record<string, { load: () => Promise<{ run: CliCommand }>; summary: string }> = {
  check: { load: () => import('./commands/check.js'), summary: 'check migration folders for errors and unsafe changes' },
  schema: { load: () => engineSide().commands.schema(), summary: 'print the schema a migration folder produces (--at VERSION)' },
  baseline: { load: () => engineSide().commands.baseline(), summary: 'record the history a database without one matches (--yes to write)' },
  drift: { load: () => engineSide().commands.drift(), summary: 'list how the database differs from its applied migrations' },
  trace: { load: () => engineSide().commands.trace(), summary: 'show the locks and rewrites of a pending migration (PostgreSQL, rolled back)' },
  status: { load: () => engineSide().commands.status(), summary: 'show which migrations the database has applied, failed or lost' },
  up: { load: () => engineSide().commands.up(), summary: 'apply pending migrations (--count N, --to VERSION)' },
  down: { load: () => engineSide().commands.down(), summary: 'undo the last applied migrations (--count N, --to VERSION)' },
  redo: { load: () => engineSide().commands.redo(), summary: 'undo the last applied migration and apply it again' },
  docker: { load: () => engineSide().commands.docker(), summary: 'start, stop, reset (--yes) or show the container --target docker uses' },
  force: { load: () => engineSide().commands.force(), summary: 'record the database as at a version after a failed migration was fixed (--to VERSION --yes)' },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return `Usage: migration-lens <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`migration-lens <command> --help\` for a command's options; \`--version\` prints the version.\n`;
}

export async function main(argv: string[], given: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  const io: CliIO = { ...given, jsonErrors: given.jsonErrors ?? asksForJson(rest) };
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${toolVersion}\n`);
    return EXIT_OK;
  }
  const command = commands[name];
  if (!command) {
    return reportError(io, '', `unknown command "${name}"; run \`migration-lens --help\` for the list`);
  }
  try {
    const { run } = await command.load();
    return await run(rest, io);
  } catch (error) {
    // An engine bug must not read as "findings" (exit 1) in CI.
    return reportError(io, name, `internal error: ${(error as Error).stack ?? error}\nPlease report it with the file being checked.`);
  }
}

/**
 * Writes to `stream` until its reader goes away (`check … | head`): then the rest is dropped
 * quietly, and the command still ends with its own exit code.
 */
function writerTo(stream: NodeJS.WriteStream): (s: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (s) => {
    if (!closed) stream.write(s);
  };
}

if (require.main === module) {
  tuneV8ForEngine();
  const io: CliIO = {
    cwd: process.cwd(),
    stdout: writerTo(process.stdout),
    stderr: writerTo(process.stderr),
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
