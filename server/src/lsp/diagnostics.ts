// Findings as LSP diagnostics and quick fixes. Positions pass through unchanged: the engine
// already speaks 0-based lines and UTF-16 characters.

import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  Diagnostic,
  DiagnosticSeverity,
  TextDocumentEdit,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../engine/index.js';
import { OPEN_CREATED_FILES_COMMAND } from './protocol.js';
import { pathToUri } from './uri.js';

export const DIAGNOSTIC_SOURCE = 'migration-lens';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: severities[finding.severity],
    code: finding.rule,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    relatedInformation: finding.related.map((related) => ({
      location: { uri: pathToUri(related.location.file), range: related.location.range },
      message: related.message,
    })),
  };
}

/**
 * One quick fix per fix of every finding that touches `range`. A fix that creates a file (an
 * insert at offset 0 of a path that does not exist, see fixes/edits.ts) becomes `documentChanges`:
 * a CreateFile followed by the insert, and a command that opens what it created once the edit is
 * applied; other fixes stay plain `changes`.
 */
export function quickFixes(findings: readonly Finding[], range: Range, fileExists: (path: string) => boolean = () => true): CodeAction[] {
  return findings
    .filter((finding) => overlaps(finding.range, range))
    .flatMap((finding) =>
      finding.fixes.map((fix) => {
        const { edit, created } = workspaceEdit(fix, fileExists);
        const action = CodeAction.create(fix.title, edit, CodeActionKind.QuickFix);
        if (created.length > 0) action.command = { title: 'Open the new files', command: OPEN_CREATED_FILES_COMMAND, arguments: created.map(pathToUri) };
        action.diagnostics = [toDiagnostic(finding)];
        action.isPreferred = fix.preferred;
        return action;
      }),
    );
}

function workspaceEdit(fix: Fix, fileExists: (path: string) => boolean): { edit: WorkspaceEdit; created: string[] } {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) {
    const edits = byFile.get(edit.file) ?? [];
    edits.push({ range: edit.range, newText: edit.newText });
    byFile.set(edit.file, edits);
  }
  const created = [...byFile.keys()].filter((file) => !fileExists(file));
  if (created.length === 0) return { edit: { changes: Object.fromEntries([...byFile].map(([file, edits]) => [pathToUri(file), edits])) }, created };
  const documentChanges = [
    ...created.map((file) => CreateFile.create(pathToUri(file), { ignoreIfExists: true })),
    ...[...byFile].map(([file, edits]) => TextDocumentEdit.create({ uri: pathToUri(file), version: null }, edits)),
  ];
  return { edit: { documentChanges }, created };
}

export function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
