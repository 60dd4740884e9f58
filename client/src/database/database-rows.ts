// The Database view's rows, as plain data (views/row.ts): each set's database — the embedded
// PostgreSQL in the extension's storage, a database in the workspace's Docker container with the
// container's state, or a server given by URL (never with its password) — and under it what was
// found the last time its schema was compared with the migrations (drift), one row per difference.

import type { DockerResult, DriftResult, SchemaDifferenceItem, SetDatabase } from '../../../server/src/lsp/protocol.js';
import { timeText, type Row } from '../views/row.js';

export const CHECK_DRIFT_COMMAND = 'migrationLens.drift';

const KIND_ICONS: Record<SetDatabase['target']['kind'], string> = { embedded: 'database', docker: 'vm', url: 'link' };

/** The set's database; `folder` is the set's folder, as the other views name it. */
export function databaseRow(database: SetDatabase, folder: string): Row {
  const kind = database.needsTarget ? 'none' : database.target.kind;
  return {
    label: database.label,
    description: folder,
    icon: { id: database.needsTarget ? 'info' : KIND_ICONS[database.target.kind], color: database.target.problem ? 'errorForeground' : undefined },
    tooltip: [
      database.needsTarget ? `${folder} has no database of its dialect yet: choose a Docker container or a URL.` : `${folder} runs on ${database.target.description}.`,
      database.target.problem,
      database.warning,
    ].filter(Boolean).join('\n'),
    contextValue: `database.${kind}`,
    collapsible: 'expanded',
  };
}

/** What the database is, one line: where the embedded one keeps its files, the URL. */
export function targetRow(database: SetDatabase): Row {
  const { target } = database;
  if (target.kind === 'embedded') {
    const folder = /\(([^)]+)\)$/.exec(target.description)?.[1];
    return { label: 'PostgreSQL in the extension\'s storage', description: folder, icon: { id: 'folder' }, tooltip: `${target.description}: created by the first run, deleted by Reset Database.` };
  }
  if (target.kind === 'url') {
    return {
      label: target.description,
      icon: { id: target.local ? 'link' : 'globe' },
      tooltip: `${target.description}${target.local ? '' : ' — not on this machine: every run asks first'}. The password is kept in VS Code's secret storage, never in settings.`,
      contextValue: 'database.url.address',
    };
  }
  return { label: target.description, icon: { id: 'vm' } };
}

/** The workspace's container, as `docker` reports it. */
export function containerRow(outcome: DockerResult | { error: string }): Row {
  if ('error' in outcome) return { label: 'Docker is not available', description: outcome.error, icon: { id: 'warning', color: 'editorWarning.foreground' }, tooltip: outcome.error, contextValue: 'database.container.unknown' };
  const state = outcome.dockerState ?? 'not created yet';
  const running = outcome.dockerState === 'running';
  return {
    label: `container ${outcome.container}`,
    description: [state, outcome.url].filter(Boolean).join(' · '),
    icon: { id: running ? 'vm-running' : outcome.dockerState ? 'vm-outline' : 'vm' , color: running ? 'testing.iconPassed' : undefined },
    tooltip: `${outcome.message}${running ? '' : '\nStart creates or starts it; the first run does too.'}`,
    contextValue: `database.container.${running ? 'running' : outcome.dockerState ? 'stopped' : 'absent'}`,
  };
}

/** The row of the last drift check, or the way to run one; it opens to the differences. */
export function driftRow(root: string, drift?: DriftResult & { checkedAt: string }): Row {
  if (!drift) {
    return {
      label: 'Check for drift…',
      icon: { id: 'diff' },
      tooltip: 'Compare the database\'s schema with the one its applied migrations produce.',
      command: { command: CHECK_DRIFT_COMMAND, title: 'Check Schema Drift', arguments: [{ root }] },
      contextValue: 'database.drift.unchecked',
    };
  }
  const count = drift.differences.length;
  const at = drift.appliedVersion ? `the schema after version ${drift.appliedVersion}` : 'an empty schema';
  return {
    label: count === 0 ? 'No drift' : `Drift: ${count} difference${count === 1 ? '' : 's'}`,
    description: `checked ${timeText(drift.checkedAt)}`,
    icon: count === 0 ? { id: 'pass', color: 'testing.iconPassed' } : { id: 'diff', color: 'editorWarning.foreground' },
    tooltip: [`${drift.target} compared with ${at}.`, ...drift.notes].join('\n'),
    contextValue: `database.drift.${count === 0 ? 'none' : 'found'}`,
    collapsible: count === 0 ? 'none' : 'expanded',
  };
}

/** One difference: the object, what the migrations expect and what the database has; it opens the statement that defined it. */
export function differenceRow(difference: SchemaDifferenceItem): Row {
  const expected = difference.expected ?? 'absent';
  const actual = difference.actual ?? 'absent';
  const object = `${difference.objectKind} ${difference.object}${difference.property ? ` ${difference.property}` : ''}`;
  const definedBy = difference.definedBy;
  return {
    label: object,
    description: `expected ${expected}, found ${actual}`,
    icon: { id: difference.actual === undefined ? 'diff-removed' : difference.expected === undefined ? 'diff-added' : 'diff-modified' },
    tooltip: [`${object}: the migrations give ${expected}; the database has ${actual}.`, definedBy && `Defined by ${definedBy.migration} (version ${definedBy.version}).`].filter(Boolean).join('\n'),
    contextValue: 'database.difference',
    open: definedBy && { uri: definedBy.uri, line: definedBy.range.start.line, character: definedBy.range.start.character },
  };
}
