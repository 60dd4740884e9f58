// What a pre-flight check found: enough to print one line, or to list the sessions in the way.

export type PreflightCheck = 'url' | 'dialect' | 'version' | 'locks';

/** A session that holds a lock on a table a pending migration touches. */
export interface BlockingSession {
  /** PostgreSQL backend pid / MySQL connection id: what `pg_terminate_backend` or `KILL` takes. */
  pid: number;
  user: string;
  application: string;
  state: string;
  /** ISO time the running (or last) query started, when the server tells. */
  queryStart?: string;
  /** ISO time the session's transaction started, when the server tells. */
  transactionStart?: string;
  /** Its current or last query, truncated. */
  query: string;
  /** Tables it holds locks on, with the lock modes: "accounts (RowExclusiveLock)". */
  locks: string[];
}

export interface PreflightProblem {
  check: PreflightCheck;
  /** Errors stop a run; warnings are shown and the run goes on. */
  severity: 'error' | 'warning';
  message: string;
  sessions?: BlockingSession[];
}

/** Long enough to recognise the statement, short enough for one line of a report. */
export const QUERY_TEXT_LIMIT = 200;

export function truncateQuery(text: unknown): string {
  const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > QUERY_TEXT_LIMIT ? `${flat.slice(0, QUERY_TEXT_LIMIT - 1)}…` : flat;
}
