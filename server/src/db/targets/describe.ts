// What a target the user wrote is, before anything connects to it: the editor asks, so it can
// fetch a password from its secret storage and confirm a run on a database elsewhere.

import { checkDatabaseUrl } from '../preflight/url.js';
import { isLocalHost, parseDatabaseUrl, redactUrl } from './url.js';

export const TARGET_KINDS_HINT = 'use `embedded`, `docker`, or a URL such as postgres://user@127.0.0.1:5432/dbname';

export interface TargetDescription {
  kind: 'embedded' | 'docker' | 'url';
  /** Printable, never with a password: `postgres://app@db.example.com:5432/app`. */
  description: string;
  /** On this machine: the embedded database, the container, a loopback URL. */
  local: boolean;
  /** The URL carries its own password (in settings, where it should not be). */
  passwordInUrl: boolean;
  /** Why the target cannot be used as written, and how to write it. */
  problem?: string;
}

/** What `spec` is; its `problem` is the one check of a written target (resolve.ts refuses with it). */
export function describeTarget(spec: string): TargetDescription {
  const written = spec.trim();
  if (written === 'embedded') return { kind: 'embedded', description: 'the embedded PostgreSQL database', local: true, passwordInUrl: false };
  if (written === 'docker') return { kind: 'docker', description: "the workspace's Docker container", local: true, passwordInUrl: false };
  // Shell syntax can hide a whole URL with its password in a default value: only a plain URL is echoed, redacted.
  const printable = /^[a-z][a-z0-9+.-]*:\/\//i.test(written) ? redactUrl(written) : 'the target as written';
  const unusable = (problem: string): TargetDescription => ({ kind: 'url', description: printable, local: false, passwordInUrl: false, problem });
  if (!/^[a-z][a-z0-9+.-]*:/i.test(written) && !written.includes('$')) return unusable(`unknown target "${written}"; ${TARGET_KINDS_HINT}`);
  const problem = checkDatabaseUrl(written, 'The target URL');
  if (problem) return unusable(problem.message);
  const url = parseDatabaseUrl(written);
  return { kind: 'url', description: url.description, local: isLocalHost(url.host), passwordInUrl: url.password !== undefined };
}
