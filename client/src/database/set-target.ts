// The database each migration set runs on: `migrationLens.targets` names one per set folder
// (`{ "services/billing/migrations": "docker" }`), over `migrationLens.target` for the rest. A
// MySQL or MariaDB set left on the default (the embedded database is PostgreSQL) has none yet:
// the user picks a Docker container or a URL for that set, and it is written for that set alone.

import { ConfigurationTarget, Uri, window, workspace, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DescribeTargetRequest, type MigrationSetSummary } from '../../../server/src/lsp/protocol.js';

const SECTION = 'migrationLens';
const PER_SET = 'targets';

/** The set's folder as `migrationLens.targets` keys it: relative to its workspace folder. */
const setKey = (set: MigrationSetSummary) => workspace.asRelativePath(Uri.parse(set.rootUri), false);

/** The target the set runs on, as written in the settings. */
export function targetOfSet(set: MigrationSetSummary): string {
  const settings = workspace.getConfiguration(SECTION, Uri.parse(set.rootUri));
  return settings.get<Record<string, string>>(PER_SET, {})[setKey(set)] || settings.get<string>('target', 'embedded') || 'embedded';
}

/** The set runs on the embedded PostgreSQL, which cannot run its MySQL or MariaDB migrations. */
export const needsOwnTarget = (set: MigrationSetSummary, target = targetOfSet(set)) => target.trim() === 'embedded' && set.dialect !== 'postgres';

const engineName = (set: MigrationSetSummary) => (set.dialect === 'mariadb' ? 'MariaDB' : 'MySQL');

/** "Use a Docker MySQL", the action that gives this set a container of its dialect. */
export const useDockerTitle = (set: MigrationSetSummary) => `Use a Docker ${engineName(set)}`;

/** Writes `target` for this set only, in the workspace's settings. */
async function writeTarget(set: MigrationSetSummary, target: string): Promise<void> {
  const settings = workspace.getConfiguration(SECTION, Uri.parse(set.rootUri));
  const inspected = settings.inspect<Record<string, string>>(PER_SET);
  const current = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? {};
  const level = workspace.workspaceFolders && workspace.workspaceFolders.length > 1 ? ConfigurationTarget.WorkspaceFolder : ConfigurationTarget.Workspace;
  await settings.update(PER_SET, { ...current, [setKey(set)]: target }, level);
}

/** Sets the set's target to the Docker container of its dialect. */
export async function useDocker(set: MigrationSetSummary): Promise<string> {
  await writeTarget(set, 'docker');
  void window.showInformationMessage(`Migration Lens: ${setKey(set)} now runs on a Docker ${engineName(set)} container (migrationLens.targets in the workspace settings). It starts on the first run.`);
  return 'docker';
}

/** Asks for a URL (checked by the server before it is kept) and sets it as the set's target. */
export async function askForUrl(client: LanguageClient, set: MigrationSetSummary): Promise<string | undefined> {
  const scheme = set.dialect === 'postgres' ? 'postgres' : set.dialect;
  const url = await window.showInputBox({
    title: `Migration Lens: database URL for ${setKey(set)}`,
    prompt: 'Leave the password out: the first run asks for it and keeps it in secret storage.',
    placeHolder: `${scheme}://user@127.0.0.1:${set.dialect === 'postgres' ? 5432 : 3306}/dbname`,
    ignoreFocusOut: true,
    validateInput: async (value) => {
      if (!value.trim()) return 'A URL such as the example.';
      const described = await client.sendRequest(DescribeTargetRequest, { target: value.trim() });
      if (described.kind !== 'url') return `Write a ${scheme}:// URL (use "${useDockerTitle(set)}" for a container).`;
      return described.problem;
    },
  });
  if (!url) return undefined;
  await writeTarget(set, url.trim());
  return url.trim();
}

interface TargetChoice extends QuickPickItem {
  choose(): Promise<string | undefined>;
}

/** "Switch Database…": the embedded PostgreSQL (for a PostgreSQL set), a Docker container or a URL, written for this set only. */
export async function switchTarget(client: LanguageClient, set: MigrationSetSummary): Promise<string | undefined> {
  const current = targetOfSet(set).trim();
  const now = (kind: 'embedded' | 'docker' | 'url') => ((kind === 'url' ? !['embedded', 'docker'].includes(current) : current === kind) ? ' (now)' : '');
  const embedded: TargetChoice[] =
    set.dialect === 'postgres'
      ? [{ label: `$(database) Embedded PostgreSQL${now('embedded')}`, detail: 'A database kept in the extension\'s storage for this folder; nothing to set up.', choose: () => writeChosen(set, 'embedded', 'the embedded PostgreSQL') }]
      : [];
  const items: TargetChoice[] = [
    ...embedded,
    { label: `$(vm) ${useDockerTitle(set)}${now('docker')}`, detail: `A container Migration Lens starts on this machine, bound to 127.0.0.1, a database per set.`, choose: () => useDocker(set) },
    { label: `$(link) Set a URL…${now('url')}`, detail: `A ${set.dialect === 'postgres' ? 'PostgreSQL' : engineName(set)} server you run yourself; its password goes to secret storage.`, choose: () => askForUrl(client, set) },
  ];
  const picked = await window.showQuickPick(items, { title: `Migration Lens: the database of ${setKey(set)}`, placeHolder: `Now: ${current}` });
  return picked?.choose();
}

async function writeChosen(set: MigrationSetSummary, target: string, words: string): Promise<string> {
  await writeTarget(set, target);
  void window.showInformationMessage(`Migration Lens: ${setKey(set)} now runs on ${words} (migrationLens.targets in the workspace settings).`);
  return target;
}

/** For a set with no database of its dialect: the two ways to give it one. */
export async function chooseOwnTarget(client: LanguageClient, set: MigrationSetSummary): Promise<string | undefined> {
  const items: TargetChoice[] = [
    { label: `$(vm) ${useDockerTitle(set)}`, detail: `A ${engineName(set)} container Migration Lens starts on this machine, bound to 127.0.0.1, a database per set.`, choose: () => useDocker(set) },
    { label: '$(link) Set a URL…', detail: `A ${engineName(set)} server you run yourself.`, choose: () => askForUrl(client, set) },
  ];
  const picked = await window.showQuickPick(items, {
    title: `Migration Lens: ${setKey(set)} holds ${engineName(set)} migrations; the embedded database is PostgreSQL`,
    placeHolder: 'Where should they run?',
  });
  return picked?.choose();
}
