// Before Migrate Up runs migrations that have error findings, the user is asked, with the first
// finding named (a modal, as a run that may fail half-way deserves). Run Anyway runs them: the
// run refuses nothing the user confirmed; the database refuses what it cannot run.

import { window } from 'vscode';
import type { MigrationWithErrors } from '../../../server/src/lsp/protocol.js';
import { reveal } from '../reveal.js';

const RUN = 'Run Anyway';
const SHOW = 'Go to Finding';

/** Whether to run them anyway; "Go to Finding" opens the first one instead. */
export async function confirmRunDespiteErrors(migrations: readonly MigrationWithErrors[]): Promise<boolean> {
  const [first] = migrations;
  const [finding] = first.findings;
  const count = migrations.reduce((sum, migration) => sum + migration.findings.length, 0);
  const more = count > 1 ? `${count - 1} more error finding${count > 2 ? 's' : ''} in ${migrations.length > 1 ? `${migrations.map((m) => m.id).join(', ')}` : 'it'}. ` : '';
  const choice = await window.showWarningMessage(
    `${first.id} has an error: ${plain(finding.message)} (${finding.rule}). Run it anyway?`,
    { modal: true, detail: `${more}The migrations before it run first; if the database refuses it, the run stops there and says what was left.` },
    RUN,
    SHOW,
  );
  if (choice === SHOW) await reveal(finding.location);
  return choice === RUN;
}

/** A modal shows plain text: `names` lose their backticks. */
const plain = (message: string) => message.replace(/`/g, '').replace(/[.]$/, '');
