// The way out of a migration that failed part-way, offered wherever the user meets it — the
// run's notification, the next run's refusal, the failed row of the Migrations view: on the
// databases the extension made (embedded, Docker), a SQL console to see and undo what took effect,
// Force Version to record where the database is, or a reset of that set's database; on a
// database given by URL, Force Version (its console is the user's own client).

import { commands, window, type OutputChannel } from 'vscode';
import { ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { ListSetsRequest, type FailedStateData, type FileRange } from '../../../server/src/lsp/protocol.js';
import { reveal } from '../reveal.js';
import { targetOfSet } from './set-target.js';

const OPEN_CONSOLE_COMMAND = 'migrationLens.openSqlConsole';
const RESET_DATABASE_COMMAND = 'migrationLens.resetDatabase';
const FORCE_COMMAND = 'migrationLens.forceVersion';

/** The databases the extension made, which only it can reach, reset or give a console on. */
export const isOwnDatabase = (target: string): boolean => ['embedded', 'docker'].includes(target.trim());

export interface WaysOut {
  root: string;
  /** The set's database is the embedded or Docker one. */
  own: boolean;
  /** The failing statement, when the run just failed. */
  location?: FileRange;
}

/** An error notification saying `message`, with the ways out as its buttons. */
export async function offerWaysOut(output: OutputChannel, message: string, { root, own, location }: WaysOut): Promise<void> {
  type Action = [title: string, run: () => unknown];
  const actions: Action[] = [];
  if (location) actions.push(['Go to Statement', () => reveal(location)]);
  if (own) actions.push(['Open SQL Console', () => commands.executeCommand(OPEN_CONSOLE_COMMAND, { root })]);
  actions.push(['Force Version…', () => commands.executeCommand(FORCE_COMMAND, { root })]);
  actions.push(own ? ['Reset Database…', () => commands.executeCommand(RESET_DATABASE_COMMAND, { root })] : ['Show Output', () => output.show(true)]);
  const choice = await window.showErrorMessage(`Migration Lens: ${message}`, ...actions.map(([title]) => title));
  await actions.find(([title]) => title === choice)?.[1]();
}

/** The data of a run refused because a migration failed part-way earlier, if `error` is that refusal. */
export function failedState(error: unknown): FailedStateData['failedMigration'] | undefined {
  return error instanceof ResponseError ? (error.data as Partial<FailedStateData> | undefined)?.failedMigration : undefined;
}

/** A run refused over a migration that failed part-way: the refusal, with the ways out. */
export async function offerWaysOutOfRefusal(client: LanguageClient, output: OutputChannel, failed: FailedStateData['failedMigration'], message: string): Promise<void> {
  const { sets } = await client.sendRequest(ListSetsRequest);
  const set = sets.find((candidate) => candidate.root === failed.root);
  await offerWaysOut(output, message, { root: failed.root, own: set !== undefined && isOwnDatabase(targetOfSet(set)) });
}
