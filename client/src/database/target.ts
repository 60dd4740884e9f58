// The database a command runs on, from the settings (set-target.ts): its password from VS Code's
// secret storage (never from settings), and for a database that is not on this machine the
// machine-level opt-in and a confirmation on every run. A MySQL or MariaDB set with no database
// of its dialect is asked for one first.

import { commands, Uri, window, workspace, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DescribeTargetRequest, SetDatabasesRequest, type MigrationSetSummary, type TargetDescription, type TargetParams } from '../../../server/src/lsp/protocol.js';
import { chooseOwnTarget, needsOwnTarget, targetOfSet } from './set-target.js';

const SECTION = 'migrationLens';
const ALLOW_REMOTE = 'allowRemoteTargets';

/** The target's fields of every database request, without the set's root. */
export type TargetChoice = Omit<TargetParams, 'root' | 'workDoneToken'> & { description: string };

const secretKey = (description: string) => `migrationLens.password:${description}`;

/** Whether a run on this URL target would have to ask for its password first. */
export async function needsPasswordPrompt(context: ExtensionContext, target: TargetDescription): Promise<boolean> {
  return target.kind === 'url' && !target.passwordInUrl && (await context.secrets.get(secretKey(target.description))) === undefined;
}

/**
 * The target for `set`, or undefined when the user did not go on (cancelled the password,
 * declined the confirmation, or the target is refused; each says why). `action` completes
 * "Run … on <database>?", e.g. "3 pending migrations of db/migrations".
 */
export async function chooseTarget(context: ExtensionContext, client: LanguageClient, set: MigrationSetSummary, action: string): Promise<TargetChoice | undefined> {
  const scope = Uri.parse(set.rootUri);
  const settings = workspace.getConfiguration(SECTION, scope);
  const target = needsOwnTarget(set) ? await chooseOwnTarget(client, set) : targetOfSet(set);
  if (target === undefined) return undefined;
  // Described for this set: the embedded and Docker targets name the set's own database.
  const [{ target: described }] = (await client.sendRequest(SetDatabasesRequest, { sets: [{ root: set.root, target }], storageDir: storageFolder(context) })).sets;
  if (described.problem) {
    void window.showErrorMessage(`Migration Lens: the setting migrationLens.target is not usable: ${described.problem}`, 'Open Setting').then(openSetting('target'));
    return undefined;
  }
  if (!described.local && !(await confirmRemote(described.description, action, settings.get<boolean>(ALLOW_REMOTE, false)))) return undefined;

  let password: string | undefined;
  if (described.kind === 'url') {
    if (described.passwordInUrl) warnAboutPasswordInSettings();
    else {
      password = await context.secrets.get(secretKey(described.description));
      password ??= await askPassword(context, described.description);
      if (password === undefined) return undefined;
    }
  }
  const lockTimeout = settings.get<number>('lockTimeout');
  return {
    target,
    description: described.description,
    password,
    allowRemote: !described.local,
    ...containerSettings(context, set),
    lockTimeoutMs: typeof lockTimeout === 'number' ? lockTimeout : undefined,
  };
}

/** Where the embedded databases and the container's state live: the extension's storage for this workspace. */
export const storageFolder = (context: ExtensionContext): string => (context.storageUri ?? context.globalStorageUri).fsPath;

/** Where the embedded databases and the container's state live, and the container's image tag. */
export function containerSettings(context: ExtensionContext, set: Pick<MigrationSetSummary, 'rootUri'>): { storageDir: string; dockerVersion?: string } {
  return {
    storageDir: storageFolder(context),
    dockerVersion: workspace.getConfiguration(SECTION, Uri.parse(set.rootUri)).get<string | null>('docker.version') ?? undefined,
  };
}

// A workspace's settings could otherwise point a cloned repository's runs at production: the
// opt-in is a machine setting (package.json), and each run is confirmed in a modal dialog.
async function confirmRemote(description: string, action: string, allowed: boolean): Promise<boolean> {
  if (!allowed) {
    const choice = await window.showErrorMessage(
      `Migration Lens did not connect to ${description}: it is not on this machine. To run migrations there, turn on the machine setting migrationLens.allowRemoteTargets; each run will then ask first.`,
      'Open Setting',
    );
    if (choice) await openSetting(ALLOW_REMOTE)(choice);
    return false;
  }
  const run = `Run on ${description}`;
  const choice = await window.showWarningMessage(
    `${capitalised(action)} on ${description}?`,
    { modal: true, detail: 'This database is not on this machine. Check that it is the database you mean before going on.' },
    run,
  );
  return choice === run;
}

async function askPassword(context: ExtensionContext, description: string): Promise<string | undefined> {
  const password = await window.showInputBox({
    title: `Migration Lens: password for ${description}`,
    prompt: "Kept in VS Code's secret storage, not in settings. Leave empty if the server needs none; \"Set Database Password\" changes it.",
    password: true,
    ignoreFocusOut: true,
  });
  if (password !== undefined) await context.secrets.store(secretKey(description), password);
  return password;
}

/** "Migration Lens: Set Database Password…": stores, replaces or (empty) forgets the password of the set's target URL. */
export async function setPassword(context: ExtensionContext, client: LanguageClient, set: MigrationSetSummary): Promise<void> {
  const described = await client.sendRequest(DescribeTargetRequest, { target: targetOfSet(set) });
  if (described.kind !== 'url' || described.problem) {
    void window.showInformationMessage(
      described.problem ? `Migration Lens: the setting migrationLens.target is not usable: ${described.problem}` : `Migration Lens: the target is ${described.description}, which needs no password. Set migrationLens.target (or migrationLens.targets for this folder) to a database URL first.`,
    );
    return;
  }
  const password = await window.showInputBox({
    title: `Migration Lens: password for ${described.description}`,
    prompt: "Kept in VS Code's secret storage. Leave empty to forget the stored password.",
    password: true,
    ignoreFocusOut: true,
  });
  if (password === undefined) return;
  if (password === '') await context.secrets.delete(secretKey(described.description));
  else await context.secrets.store(secretKey(described.description), password);
  void window.showInformationMessage(`Migration Lens: ${password === '' ? 'forgot the password' : 'stored the password'} for ${described.description}.`);
}

let warnedAboutPassword = false;

function warnAboutPasswordInSettings(): void {
  if (warnedAboutPassword) return;
  warnedAboutPassword = true;
  void window.showWarningMessage(
    'Migration Lens: the URL in migrationLens.target contains a password. Settings files are plain text and often committed: remove the password from the URL and use "Migration Lens: Set Database Password" to keep it in secret storage.',
    'Open Setting',
  ).then(openSetting('target'));
}

const openSetting = (key: string) => async (choice: string | undefined) => {
  if (choice) await commands.executeCommand('workbench.action.openSettings', `${SECTION}.${key}`);
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
