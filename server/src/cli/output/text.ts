// `check --format text`: a line per migration set saying how it was read (framework, dialect and
// the evidence that decided the dialect), then compiler-style lines that editors and terminals
// turn into links, each followed by the source line and an underline under the reported range.

import type { Finding, Severity } from '../../engine/index.js';
import { LineIndex } from '../../engine/model/source.js';
import type { CheckResult, SetSummary } from '../check-result.js';
import { displayPath, toOneBased } from './locations.js';

export function formatText(result: CheckResult, cwd: string, readFile: (file: string) => string | undefined): string {
  const lineIndexes = new Map<string, LineIndex | undefined>();
  const linesOf = (file: string) => {
    if (!lineIndexes.has(file)) {
      const text = readFile(file);
      lineIndexes.set(file, text === undefined ? undefined : new LineIndex(text));
    }
    return lineIndexes.get(file);
  };
  const blocks = result.findings.map((finding) => formatFinding(finding, cwd, linesOf(finding.file)));
  return [...result.sets.map((set) => setLine(set, cwd)), ...blocks, summary(result.findings, result.fileCount)].join('\n') + '\n';
}

/** `db/migrations: golang-migrate, mariadb (the image mariadb:10.11 in docker-compose.yml), 12 migrations` */
function setLine(set: SetSummary, cwd: string): string {
  // Discovery names files by absolute path (for the editor); here they read as the findings do.
  const reason = set.dialectReason.replaceAll(`${cwd}/`, '');
  return `${displayPath(set.root, cwd) || '.'}: ${set.framework}, ${set.dialect} (${reason}), ${plural(set.migrations, 'migration')}`;
}

function formatFinding(finding: Finding, cwd: string, lines: LineIndex | undefined): string {
  const { line, column } = toOneBased(finding.range);
  const header = `${displayPath(finding.file, cwd)}:${line}:${column}: ${finding.severity} ${finding.rule}: ${finding.message}`;
  const out = [header];
  if (lines && finding.range.start.line < lines.lineCount) {
    const gutter = String(line);
    const sourceLine = lines.lineText(finding.range.start.line);
    out.push(`${gutter} | ${sourceLine}`);
    out.push(`${' '.repeat(gutter.length)} | ${underline(sourceLine, finding)}`);
  }
  for (const related of finding.related) {
    const at = toOneBased(related.location.range);
    out.push(`  ${displayPath(related.location.file, cwd)}:${at.line}:${at.column}: note: ${related.message}`);
  }
  return out.join('\n');
}

/**
 * Spaces (tabs kept, so the marks line up under tabs) up to the range start, then `^` under
 * every character of the range on its first line; a single `^` for an empty range. Characters
 * are counted as code points so a surrogate pair takes one column, as a terminal shows it.
 */
function underline(sourceLine: string, finding: Finding): string {
  const { start, end } = finding.range;
  const endCharacter = end.line === start.line ? end.character : sourceLine.length;
  const before = Array.from(sourceLine.slice(0, start.character), (c) => (c === '\t' ? '\t' : ' ')).join('');
  const width = Math.max(1, Array.from(sourceLine.slice(start.character, endCharacter)).length);
  return before + '^'.repeat(width);
}

function summary(findings: Finding[], fileCount: number): string {
  const files = plural(fileCount, 'file');
  if (findings.length === 0) return `no problems in ${files}`;
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const infos = count('info');
  if (infos > 0) parts.push(`${infos} info`);
  // Folders of engines we do not check leave their note and no file checked.
  return fileCount === 0 ? `${parts.join(', ')}; no migration file checked` : `${parts.join(', ')} in ${files}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
