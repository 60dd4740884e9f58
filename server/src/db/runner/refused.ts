// Why a run did not start: the database or the request is not in a state to run.

/** Dirty state, no down migration, unknown version, lock held too long: nothing was run. */
export class RunRefused extends Error {
  constructor(
    message: string,
    /** A failed migration blocks the run (as opposed to a bad request). */
    readonly becauseFailed = false,
  ) {
    super(message);
    this.name = 'RunRefused';
  }
}
