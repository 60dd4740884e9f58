// Why a run did not start: the database or the request is not in a state to run.

/** A migration the tracking table records as failed part-way, which blocks every run until repaired. */
export interface FailedMigration {
  /** The set's root. */
  root: string;
  id: string;
  version: string;
  /** One sentence: `000007_x failed part-way earlier (schema_migrations: version 7 is marked dirty)`. */
  sentence: string;
}

/** Dirty state, no down migration, unknown version, lock held too long: nothing was run. */
export class RunRefused extends Error {
  constructor(
    message: string,
    /** Set when a migration that failed part-way blocks the run (as opposed to a bad request). */
    readonly failed?: FailedMigration,
  ) {
    super(message);
    this.name = 'RunRefused';
  }
}
