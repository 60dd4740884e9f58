// Rows the Migrations view shows about a set's database rather than its migrations: for a MySQL
// or MariaDB set on the default target (the embedded database is PostgreSQL), a neutral line and
// the two actions that give it a database of its own; for a set sharing a tracking table with
// another in one database, a warning line. Short labels, so the sidebar never cuts them off; the
// whole sentence is in the tooltip.

import type { MigrationSetSummary } from '../../../server/src/lsp/protocol.js';
import { useDockerTitle } from './set-target.js';

export const USE_DOCKER_COMMAND = 'migrationLens.useDockerTarget';
export const SET_URL_COMMAND = 'migrationLens.setTargetUrl';

export interface ActionRow {
  label: string;
  /** A codicon id, and a theme colour for it. */
  icon: string;
  color?: string;
  tooltip: string;
  /** Run with `{ root }` when the row is clicked. */
  command?: string;
}

export function needsTargetRows(set: MigrationSetSummary): ActionRow[] {
  const engine = set.dialect === 'mariadb' ? 'MariaDB' : 'MySQL';
  return [
    {
      label: `No ${engine} database yet`,
      icon: 'info',
      tooltip: `These migrations are ${engine}; the embedded database is PostgreSQL. Give this folder a ${engine} database of its own: a Docker container Migration Lens starts, or a server you name by URL. Either is written to migrationLens.targets for this folder only.`,
    },
    { label: useDockerTitle(set), icon: 'vm', tooltip: `Start a ${engine} container on 127.0.0.1 for this folder's migrations (migrationLens.targets: "docker").`, command: USE_DOCKER_COMMAND },
    { label: 'Set a URL…', icon: 'link', tooltip: `Name a ${engine} server by URL for this folder's migrations; its password is asked for once and kept in secret storage.`, command: SET_URL_COMMAND },
  ];
}

export function sharedHistoryRow(warning: string): ActionRow {
  const table = /shares (\S+) in/.exec(warning)?.[1] ?? 'its tracking table';
  return { label: `Shares ${table} with another set`, icon: 'warning', color: 'editorWarning.foreground', tooltip: warning };
}
