// Database URLs the user gives: which driver, where, and whether we may go there. The password
// never leaves this module except into the driver's options; every printable form omits it.

import { isIP } from 'node:net';
import { ConnectionError } from '../connection.js';

export interface DatabaseUrl {
  /** Which wire protocol (and driver) the URL asks for. */
  protocol: 'postgres' | 'mysql';
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  /** PostgreSQL `sslmode` (disable, require, verify-full …), when the URL sets one. */
  sslMode: string | undefined;
  /** `scheme://user@host:port/database`, safe to print. */
  description: string;
}

const PROTOCOLS: Record<string, { protocol: DatabaseUrl['protocol']; defaultPort: number }> = {
  'postgres:': { protocol: 'postgres', defaultPort: 5432 },
  'postgresql:': { protocol: 'postgres', defaultPort: 5432 },
  'mysql:': { protocol: 'mysql', defaultPort: 3306 },
  'mariadb:': { protocol: 'mysql', defaultPort: 3306 },
};

/** Parses `raw`; `fallbackPassword` is used when the URL itself carries none. */
export function parseDatabaseUrl(raw: string, fallbackPassword?: string): DatabaseUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConnectionError(`"${redactUrl(raw)}" is not a database URL; write it like postgres://user@127.0.0.1:5432/dbname or mysql://user@127.0.0.1:3306/dbname`);
  }
  const known = PROTOCOLS[url.protocol];
  if (!known) {
    throw new ConnectionError(`unsupported database URL scheme "${url.protocol}"; use postgres://, postgresql://, mysql:// or mariadb://`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new ConnectionError(`the database URL ${redactUrl(raw)} names no host; add one, e.g. ${url.protocol}//user@127.0.0.1/dbname`);
  const user = decodeURIComponent(url.username) || (known.protocol === 'postgres' ? 'postgres' : 'root');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new ConnectionError(`the database URL ${redactUrl(raw)} names no database; add it as the path, e.g. ${url.protocol}//${user}@${url.host}/dbname`);
  const port = url.port ? Number(url.port) : known.defaultPort;
  return {
    protocol: known.protocol,
    host,
    port,
    user,
    password: url.password ? decodeURIComponent(url.password) : fallbackPassword,
    database,
    sslMode: url.searchParams.get('sslmode') ?? undefined,
    description: `${url.protocol}//${user}@${url.host}/${database}`,
  };
}

/** The URL with any password replaced by `***`, for messages about a URL that did not parse. */
export function redactUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

/** Removes every occurrence of `secret` from `text` (driver messages may echo what they were given). */
export function redactSecret(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

/** Loopback only: 127.0.0.0/8, ::1 (also as ::ffff:127.x), localhost. */
export function isLocalHost(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || /^(0:){7}1$/.test(name) || /^::ffff:127\./.test(name);
  return false;
}

/** How the command line opts in to a host that is not this machine. */
export const COMMAND_LINE_REMOTE_OPT_IN = '--allow-remote on the command line';

/** Refuses a non-loopback host unless the user opted in: migrations must not reach production by accident. */
export function requireLocalOrAllowed(url: DatabaseUrl, allowRemote: boolean, optInHint = COMMAND_LINE_REMOTE_OPT_IN): void {
  if (allowRemote || isLocalHost(url.host)) return;
  throw new ConnectionError(`${url.description} is not on this machine; running migrations there needs an explicit opt-in (${optInHint})`);
}
