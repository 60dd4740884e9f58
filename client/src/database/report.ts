// What came of a database request, for the user: every migration run, with its duration, in the
// "Migration Lens: Database" output (the CLI's lines), and the outcome in a notification with a
// way to the failing statement.

import { Uri, window, workspace, type OutputChannel, type QuickPickItem } from 'vscode';
import type { RunReport, SchemaDifferenceItem, StatusResult } from '../../../server/src/lsp/protocol.js';
import { reveal } from '../reveal.js';
import { STATE_ICONS, STATE_WORDS } from './migration-state.js';
import { offerWaysOut, type WaysOut } from './repair.js';

export function writeRun(output: OutputChannel, title: string, report: RunReport): void {
  output.appendLine(`${title} — ${report.target}`);
  for (const issue of report.preflight) output.appendLine(`  pre-flight ${issue.severity}: ${issue.message}`);
  for (const step of report.steps) output.appendLine(`  ${step.direction === 'up' ? '↑' : '↓'} ${step.id}  ${step.durationMs} ms`);
  const failure = report.failure;
  if (failure) {
    output.appendLine(`  ${failure.id} (${failure.direction}) failed: ${failure.message}${failure.code ? ` [${failure.code}]` : ''}`);
    output.appendLine(`  ${failure.outcome}`);
    if (report.rolledBackSteps.length > 0) output.appendLine(`  rolled back with it (one transaction for the run): ${report.rolledBackSteps.map((s) => s.id).join(', ')}`);
  }
  if (report.cancelled) output.appendLine('  cancelled: stopped before the next migration');
  output.appendLine('');
}

/**
 * The run's outcome in one notification; not awaited by commands, so they return their report at
 * once. A failure says what it left (`outcome`, the CLI's words too); one not rolled back offers
 * the ways out (repair.ts).
 */
export function notifyRun(output: OutputChannel, report: RunReport, nothingToDo: string, ways: WaysOut): void {
  const blocking = report.preflight.find((issue) => issue.severity === 'error');
  if (blocking) {
    void offerOutput(output, window.showErrorMessage(`Migration Lens: nothing ran on ${report.target}. ${blocking.message}`, 'Show Output'));
    return;
  }
  const done = report.steps.length === 1 ? `1 migration (${report.steps[0].id})` : `${report.steps.length} migrations`;
  const failure = report.failure;
  if (failure) {
    const before = report.steps.length > 0 ? ` after ${done}` : '';
    const message = `${failure.id} (${failure.direction}) failed${before}: ${sentence(failure.message)} ${failure.outcome}`;
    if (!failure.rolledBack) {
      void offerWaysOut(output, message, { ...ways, location: failure.location });
      return;
    }
    const actions = failure.location ? ['Go to Statement', 'Show Output'] : ['Show Output'];
    void window.showErrorMessage(`Migration Lens: ${message}`, ...actions).then((choice) => {
      if (choice === 'Go to Statement' && failure.location) void reveal(failure.location);
      else if (choice) output.show(true);
    });
    return;
  }
  if (report.cancelled) void window.showInformationMessage(`Migration Lens: cancelled after ${done} on ${report.target}.`);
  else if (report.steps.length === 0) void window.showInformationMessage(`Migration Lens: ${nothingToDo}`);
  else void window.showInformationMessage(`Migration Lens: ran ${done} on ${report.target} in ${report.steps.reduce((sum, step) => sum + step.durationMs, 0)} ms.`);
  const warnings = report.preflight.filter((issue) => issue.severity === 'warning');
  if (warnings.length > 0) void offerOutput(output, window.showWarningMessage(`Migration Lens: pre-flight: ${warnings.map((w) => w.message).join(' ')}`, 'Show Output'));
}

export function writeStatus(output: OutputChannel, status: StatusResult): void {
  output.appendLine(`Status — ${status.target} (${status.table})`);
  for (const item of status.migrations) {
    output.appendLine(`  ${item.version.padEnd(16)} ${item.name.padEnd(32)} ${STATE_WORDS[item.state]}${item.appliedAt ? `  ${item.appliedAt}` : ''}${item.detail ? `  — ${item.detail}` : ''}`);
  }
  if (!status.detectsEdits) output.appendLine('  (this framework stores no checksum: edits to applied migrations cannot be detected)');
  output.appendLine('');
}

interface StatusPick extends QuickPickItem {
  uri?: string;
}

/** The migrations and their states in a quick pick; picking one opens its file. */
export function pickFromStatus(status: StatusResult): void {
  const items: StatusPick[] = status.migrations.map((item) => ({
    label: `$(${STATE_ICONS[item.state].id}) ${item.version} ${item.name}`,
    description: STATE_WORDS[item.state],
    detail: item.detail ?? item.appliedAt,
    uri: item.uri,
  }));
  void window.showQuickPick(items, { title: `Migration Lens: ${status.target} — ${status.table}`, matchOnDescription: true }).then((picked) => {
    if (picked?.uri) void window.showTextDocument(Uri.parse(picked.uri));
  });
}

export function writeDifferences(output: OutputChannel, title: string, differences: readonly SchemaDifferenceItem[]): void {
  output.appendLine(title);
  for (const d of differences) {
    const expected = d.expected === undefined ? 'absent' : d.expected;
    const actual = d.actual === undefined ? 'absent' : d.actual;
    const definedBy = d.definedBy ? `  (defined by ${d.definedBy.migration}: ${workspace.asRelativePath(Uri.parse(d.definedBy.uri))}:${d.definedBy.range.start.line + 1})` : '';
    output.appendLine(`  ${d.objectKind} ${d.object}${d.property ? ` ${d.property}` : ''}: expected ${expected}, found ${actual}${definedBy}`);
  }
  output.appendLine('');
}

export async function offerOutput(output: OutputChannel, choice: Thenable<string | undefined>): Promise<void> {
  if (await choice) output.show(true);
}

/** A server message as a sentence of its own, ending in a full stop. */
const sentence = (message: string) => (/[.!?]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`);
