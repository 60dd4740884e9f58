// A container belongs to one workspace and one engine: its name is derived from both, so two
// checkouts of the same repository (same folder name, different paths) never share a database.

import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { DockerEngine } from './engines.js';

/** Label keys put on every container we create, so `docker ps --filter label=…` finds them. */
export const LABELS = {
  owner: 'dev.migration-lens',
  workspace: 'dev.migration-lens.workspace',
  engine: 'dev.migration-lens.engine',
} as const;

/** `migration-lens-shop-api-postgres-1a2b3c4d`: readable in `docker ps`, unique per path. */
export function containerName(workspace: string, engine: DockerEngine): string {
  const folder = basename(workspace).toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 40) || 'workspace';
  const hash = createHash('sha256').update(workspace).digest('hex').slice(0, 8);
  return `migration-lens-${folder}-${engine}-${hash}`;
}

export function containerLabels(workspace: string, engine: DockerEngine): string[] {
  return [`${LABELS.owner}=1`, `${LABELS.workspace}=${workspace}`, `${LABELS.engine}=${engine}`];
}
