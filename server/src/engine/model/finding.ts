import type { Range } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Location {
  /** Absolute path, forward slashes. */
  file: string;
  range: Range;
}

export interface RelatedInformation {
  location: Location;
  message: string;
}

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Marks the fix an editor may apply on "fix all" / save. */
  preferred?: boolean;
}

/** What every rule produces and every front end (LSP, CLI text/JSON/SARIF) prints. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related: RelatedInformation[];
  fixes: Fix[];
}

export const SYNTAX_ERROR_RULE = 'syntax-error';

/** Stable order for output and for comparing LSP and CLI results. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}
