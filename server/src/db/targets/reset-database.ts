// Resetting one set's database: its embedded PGlite folder deleted (the next run creates it
// empty), or its database in the Docker container dropped and created empty. Only those: the
// extension made them, so it may unmake them; a database given by URL is the user's own.

import { existsSync, rmSync } from 'node:fs';
import { recreateContainerSetDatabase } from './container-database.js';
import { holdDataDir } from './pglite.js';
import { containerServer, embeddedTarget, TargetSpecError, type TargetRequest } from './resolve.js';
import { setDatabaseName } from './set-database.js';

export interface ResetOutcome {
  /** The database, printable. */
  target: string;
  reset: boolean;
  message: string;
}

/** Resets the set's own database when `confirm`; otherwise only says what it would do. */
export async function resetSetDatabase(request: TargetRequest, confirm: boolean): Promise<ResetOutcome> {
  const spec = request.spec.trim();
  if (spec !== 'embedded' && spec !== 'docker') {
    throw new TargetSpecError(`${request.set.root} runs on a database given by URL; reset it with your own tools (only the embedded and Docker databases, which Migration Lens made, are reset here)`);
  }
  const name = setDatabaseName(request.workspace, request.set.root);
  if (spec === 'embedded') {
    const { dataDir } = embeddedTarget(request);
    const target = `embedded PostgreSQL (${dataDir})`;
    if (!confirm) return { target, reset: false, message: `Resetting deletes ${dataDir}: every table and record of ${name} is gone, and every migration is pending again.` };
    if (!existsSync(dataDir)) return { target, reset: true, message: `${name} had no embedded database yet: every migration is pending.` };
    const release = await holdDataDir(dataDir);
    try {
      rmSync(dataDir, { recursive: true, force: true });
    } finally {
      release();
    }
    return { target, reset: true, message: `Deleted the embedded database ${name}: every migration is pending; the next run creates it empty.` };
  }
  if (!confirm) return { target: `database ${name} in the workspace's Docker container`, reset: false, message: `Resetting drops database ${name} in the container and creates it empty: every migration is pending again.` };
  const server = await containerServer(request);
  await recreateContainerSetDatabase(server, name);
  return { target: `database ${name} in container ${server.container}`, reset: true, message: `Dropped and recreated database ${name} in container ${server.container}: every migration is pending.` };
}
