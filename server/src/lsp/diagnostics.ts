// Findings as LSP diagnostics and quick fixes. Positions pass through unchanged: the engine
// already speaks 0-based lines and UTF-16 characters.

import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, Severity } from '../engine/index.js';
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

/** One quick fix per fix of every finding that touches `range`. */
export function quickFixes(findings: readonly Finding[], range: Range): CodeAction[] {
  return findings
    .filter((finding) => overlaps(finding.range, range))
    .flatMap((finding) =>
      finding.fixes.map((fix) => {
        const changes: WorkspaceEdit['changes'] = {};
        for (const edit of fix.edits) {
          const uri = pathToUri(edit.file);
          const edits: TextEdit[] = (changes[uri] ??= []);
          edits.push({ range: edit.range, newText: edit.newText });
        }
        const action = CodeAction.create(fix.title, { changes }, CodeActionKind.QuickFix);
        action.diagnostics = [toDiagnostic(finding)];
        action.isPreferred = fix.preferred;
        return action;
      }),
    );
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
