// What a set's target is before anything connects, in the set's own terms: the embedded and
// Docker targets name the set's own database; a URL is described as written. The editor's
// Migrations view shows it on the set's row, and asks for a target where there is none.

import type { MigrationSet } from '../../engine/model/migration-set.js';
import { describeTarget, type TargetDescription } from './describe.js';
import { embeddedTarget } from './resolve.js';
import { setDatabaseName } from './set-database.js';

export interface SetTargetDescription {
  target: TargetDescription;
  /** Short, for a row: `embedded db_migrations`, `docker db_migrations`, the URL. */
  label: string;
  /** The embedded target (PostgreSQL) for a MySQL or MariaDB set: nothing to run on until another is chosen. */
  needsTarget: boolean;
}

export function describeSetTarget(spec: string, set: MigrationSet, workspace: string, stateDir?: string): SetTargetDescription {
  const target = describeTarget(spec);
  const name = setDatabaseName(workspace, set.root);
  if (target.kind === 'embedded') {
    if (set.dialect !== 'postgres') return { target, label: `no ${set.dialect === 'mysql' ? 'MySQL' : 'MariaDB'} database yet`, needsTarget: true };
    const { dataDir } = embeddedTarget({ workspace, stateDir, set });
    return { target: { ...target, description: `the embedded PostgreSQL database ${name} (${dataDir})` }, label: `embedded ${name}`, needsTarget: false };
  }
  if (target.kind === 'docker') return { target: { ...target, description: `database ${name} in the workspace's Docker container` }, label: `docker ${name}`, needsTarget: false };
  return { target, label: target.description, needsTarget: false };
}
