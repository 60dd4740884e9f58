import { PGlite } from '@electric-sql/pglite';

/** An embedded PostgreSQL in this process, in memory; nothing to install or clean up on disk. */
export async function startPglite(): Promise<{ db: PGlite; stop(): Promise<void> }> {
  const db = await PGlite.create();
  return { db, stop: () => db.close() };
}
