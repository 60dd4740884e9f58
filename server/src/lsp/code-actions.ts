// Code actions for the findings under the cursor: each finding's own fixes, then the generic
// ones every finding gets: silence the rule for the statement or the file (suppression.ts reads
// the comments these insert), and open the rule's documentation.

import { CodeAction, CodeActionKind, type Range, type TextEdit } from 'vscode-languageserver/node';
import type { Analysis, Finding } from '../engine/index.js';
import { LineIndex } from '../engine/model/source.js';
import { overlaps, quickFixes, toDiagnostic } from './diagnostics.js';
import { SHOW_RULE_DOCS_COMMAND } from './protocol.js';
import { statementAt } from './statement-at.js';
import { pathToUri } from './uri.js';

/** Framework directives that must stay the first lines of a file (goose, dbmate, sql-migrate, node-pg-migrate). */
const LEADING_DIRECTIVE = /^\s*--\s*(\+goose\b|migrate:|\+migrate\b|(Up|Down) Migration\b)/i;

export interface CodeActionInput {
  analysis: Analysis;
  /** The findings of the document. */
  findings: readonly Finding[];
  /** The document's current text. */
  text: string;
  range: Range;
  fileExists(path: string): boolean;
}

export function codeActions({ analysis, findings, text, range, fileExists }: CodeActionInput): CodeAction[] {
  const actions = quickFixes(findings, range, fileExists);
  const lines = new LineIndex(text);
  const seen = new Set<string>();
  for (const finding of findings.filter((candidate) => overlaps(candidate.range, range))) {
    if (seen.has(finding.rule)) continue;
    seen.add(finding.rule);
    actions.push(ignoreForStatement(analysis, finding, text, lines), ignoreInFile(finding, text, lines), showDocs(finding));
  }
  return actions;
}

function ignoreForStatement(analysis: Analysis, finding: Finding, text: string, lines: LineIndex): CodeAction {
  const statement = statementAt(analysis, finding.file, lines.offsetAt(finding.range.start))?.step.statement;
  const line = statement ? lines.positionAt(statement.range.start).line : finding.range.start.line;
  const lineText = text.slice(lines.offsetAt({ line, character: 0 })).split(/\r?\n/, 1)[0];
  const indentation = /^\s*/.exec(lineText)?.[0] ?? '';
  return textAction(`Ignore ${finding.rule} for this statement`, finding, { line, character: 0 }, `${indentation}-- migration-lens-ignore ${finding.rule}\n`);
}

function ignoreInFile(finding: Finding, text: string, lines: LineIndex): CodeAction {
  const fileLines = text.split(/\r?\n/);
  let line = 0;
  while (line < fileLines.length && LEADING_DIRECTIVE.test(fileLines[line])) line++;
  const newText = `-- migration-lens-ignore-file ${finding.rule}\n`;
  // A file whose last line is a directive without a newline: the comment starts a new line.
  if (line >= fileLines.length) return textAction(`Ignore ${finding.rule} in this file`, finding, lines.positionAt(text.length), `\n${newText.trimEnd()}`);
  return textAction(`Ignore ${finding.rule} in this file`, finding, { line, character: 0 }, newText);
}

function textAction(title: string, finding: Finding, at: Range['start'], newText: string): CodeAction {
  const edit: TextEdit = { range: { start: at, end: at }, newText };
  const action = CodeAction.create(title, { changes: { [pathToUri(finding.file)]: [edit] } }, CodeActionKind.QuickFix);
  action.diagnostics = [toDiagnostic(finding)];
  return action;
}

function showDocs(finding: Finding): CodeAction {
  // A quick fix like the others (as ESLint's), so the hover's "Quick Fix…" and the light bulb both list it.
  const action = CodeAction.create(`Show documentation for ${finding.rule}`, { title: `Show documentation for ${finding.rule}`, command: SHOW_RULE_DOCS_COMMAND, arguments: [finding.rule] }, CodeActionKind.QuickFix);
  action.diagnostics = [toDiagnostic(finding)];
  return action;
}
