// What a CLI command may touch of the outside world besides the file system, so tests can run a
// command in-process and read exactly what it printed.

export interface CliIO {
  /** Directory that relative paths in arguments and in output are relative to. */
  cwd: string;
  stdout(s: string): void;
  stderr(s: string): void;
  /** `--format json` was asked for: errors are printed as JSON too (see `reportError`). */
  jsonErrors?: boolean;
}

export type CliCommand = (argv: string[], io: CliIO) => Promise<number>;

/** Exit codes shared by every command: CI scripts branch on them. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Whether the arguments ask for JSON output (`--format json`, `-f json`, `--format=json`). */
export function asksForJson(argv: readonly string[]): boolean {
  return argv.some((arg, i) => arg === '--format=json' || arg === '-fjson' || ((arg === '--format' || arg === '-f') && argv[i + 1] === 'json'));
}

/**
 * Prints why a command stopped and returns its exit code: `migration-lens <command>: <message>` on
 * stderr, or, when JSON was asked for, `{"version":1,"error":{…}}` on stdout, where a program
 * reading the JSON looks for it.
 */
export function reportError(io: CliIO, command: string, message: string, exitCode = EXIT_USAGE): number {
  if (io.jsonErrors) io.stdout(`${JSON.stringify({ version: 1, error: { command, message, exitCode } }, null, 2)}\n`);
  else io.stderr(`migration-lens${command ? ` ${command}` : ''}: ${message}\n`);
  return exitCode;
}
