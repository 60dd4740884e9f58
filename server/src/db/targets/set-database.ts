// Each migration set has a database of its own: two services in one repository are two
// databases, so one set's runs never show up in another's history. The embedded target keeps
// one PGlite folder per set, the Docker target one database per set inside its container, both
// named after the set's folder; a URL target is whatever database the user named.

import { createHash } from 'node:crypto';
import { basename, join, relative } from 'node:path';

/** Under the state folder: one PGlite data folder per set. */
const EMBEDDED_DATABASES_FOLDER = 'databases';

/**
 * The one embedded database earlier versions kept for every set of a workspace, under the state
 * folder. The first set whose history it holds takes it over (legacy-database.ts).
 */
export const SHARED_EMBEDDED_FOLDER = 'db';

/** Names a set must not take: a server's own databases, and the container's default one. */
const RESERVED = new Set(['postgres', 'template0', 'template1', 'mysql', 'information_schema', 'performance_schema', 'sys', 'migration_lens']);
const MAX_PLAIN_LENGTH = 48;

/**
 * The set's database name: its folder relative to the workspace with `/` as `_`
 * (`db/migrations` → `db_migrations`), usable as a folder name and as a PostgreSQL, MySQL and
 * MariaDB database name. A folder that does not spell out plainly that way (other characters,
 * upper case, too long, a server's own name) gets a short hash of its path, so two sets never
 * share a name: `Services/API` → `services_api_3f2a9c`.
 */
export function setDatabaseName(workspace: string, setRoot: string): string {
  const inside = relative(workspace, setRoot).replace(/\\/g, '/');
  const path = inside === '' || inside.startsWith('..') ? basename(setRoot) : inside;
  const plain = path.replace(/\//g, '_');
  if (/^[a-z0-9]+(\/[a-z0-9]+)*$/.test(path) && plain.length <= MAX_PLAIN_LENGTH && !RESERVED.has(plain) && !/^\d/.test(plain)) return plain;
  const slug = path.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, MAX_PLAIN_LENGTH - 7) || 'migrations';
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 6);
  return `${/^\d/.test(slug) ? `m${slug}` : slug}_${hash}`;
}

/** The PGlite data folder of a set's embedded database. */
export function embeddedDataDir(stateDir: string, name: string): string {
  return join(stateDir, EMBEDDED_DATABASES_FOLDER, name);
}
