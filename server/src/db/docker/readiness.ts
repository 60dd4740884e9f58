// A container reports "running" long before its database accepts connections (the images
// initialise the data directory first, listening on a socket only). The only proof of readiness
// is a real connection, so we poll one — for a bounded time, and giving up at once when the
// container itself has stopped, or when the caller stops waiting.

import { DockerError } from './cli.js';

export interface ReadinessWait {
  /** Opens a real connection and runs a trivial query; rejects while the server is not ready. */
  probe(): Promise<void>;
  /** Rejects with a DockerError when the container has stopped (it will never become ready). */
  ensureAlive(): Promise<void>;
  timeoutMs: number;
  intervalMs: number;
  /** For messages: "container migration-lens-shop-postgres-1a2b3c4d". */
  label: string;
  /** Checked between attempts: true ends the wait, unanswered, with `cancelled`. */
  isCancelled?: () => boolean;
}

export async function waitForConnections(wait: ReadinessWait): Promise<{ waitedMs: number; attempts: number; cancelled: boolean }> {
  const started = Date.now();
  let attempts = 0;
  let lastError = '';
  for (;;) {
    if (wait.isCancelled?.()) return { waitedMs: Date.now() - started, attempts, cancelled: true };
    attempts++;
    try {
      await wait.probe();
      return { waitedMs: Date.now() - started, attempts, cancelled: false };
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await wait.ensureAlive();
    if (Date.now() - started + wait.intervalMs > wait.timeoutMs) {
      throw new DockerError(
        `The ${wait.label} did not accept connections within ${Math.round(wait.timeoutMs / 1000)} s (last attempt: ${lastError}). ` +
          `A first start initialises the database and can be slow: try again, or read \`docker logs\` for the container.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, wait.intervalMs));
  }
}
