// What a CLI command may touch of the outside world besides the file system, so tests can run a
// command in-process and read exactly what it printed.

export interface CliIO {
  /** Directory that relative paths in arguments and in output are relative to. */
  cwd: string;
  stdout(s: string): void;
  stderr(s: string): void;
}

export type CliCommand = (argv: string[], io: CliIO) => Promise<number>;

/** Exit codes shared by every command: CI scripts branch on them. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
