/** A throwaway database server started for one test run. */
export interface TestServer {
  /** Connection URL for the database created for the tests, always on 127.0.0.1. */
  url: string;
  /** Milliseconds spent creating the data directory and starting the server, for the runner to report. */
  timings: { initMs: number; startMs: number };
  /** Stops the server and deletes its data directory. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Name of the database every server creates for the tests. */
export const testDatabaseName = 'migration_lens_test';

/**
 * A server program is not installed. The runner turns this into a skip on a developer machine
 * and into a failure in CI, so the message must say what to install.
 */
export class MissingServerBinary extends Error {
  constructor(
    readonly server: string,
    readonly binary: string,
    readonly installCommand: string,
  ) {
    super(`${server}: \`${binary}\` not found. Install it with: ${installCommand}`);
    this.name = 'MissingServerBinary';
  }
}

/** Runs `action` the first time only; later calls share its result (for idempotent stop()). */
export function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}
