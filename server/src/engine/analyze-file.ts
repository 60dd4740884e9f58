// The findings of one edited file, at once, before the whole analysis: what its parser and its own
// migration's rules say now, on the replayed history before it, and what the set rules said at
// the last whole analysis, moved with the text around the edit. The language server publishes
// these first and the whole analysis after; the whole analysis corrects any finding of a set
// rule that the edit changed.

import type { AnalysisSession, Analysis } from './analyze.js';
import type { ProjectConfig } from './config/index.js';
import { rediscoverSet } from './discover/index.js';
import type { FileHost } from './host.js';
import { snapshotHost } from './host.js';
import { holdsFile, knownInSamePlaces } from './model/file-positions.js';
import { compareFindings, type Finding } from './model/finding.js';
import type { MigrationSet } from './model/migration-set.js';
import { LineIndex, type Dialect, type Range } from './model/source.js';
import { RULES } from './rules/index.js';
import { runRules } from './rules/run.js';

export interface AnalyzeFileOptions {
  session: AnalysisSession;
  /** The last whole analysis with this session, and the text the file had then. */
  previous: Analysis;
  previousText: string | undefined;
  /** The settings the whole analysis used. */
  config: ProjectConfig;
  dialect?: Dialect;
}

/** Rules whose findings come from looking at the whole set: the whole analysis makes them. */
export const SET_RULES: ReadonlySet<string> = new Set(RULES.filter((rule) => rule.checkSet).map((rule) => rule.id));

/**
 * The findings in `file` after an edit of its text only, or undefined when the last analysis did
 * not know it as a migration file (then only a whole analysis can tell).
 */
export function analyzeFile(file: string, diskHost: FileHost, options: AnalyzeFileOptions): Finding[] | undefined {
  const { session, previous } = options;
  const index = previous.sets.findIndex((set) => holdsFile(set, file));
  if (index < 0) return undefined;
  const host = snapshotHost(diskHost);
  const text = host.readFile(file);
  const set = rediscoverSet(previous.sets[index], host, { memo: session.discovery, config: options.config, dialect: options.dialect, changed: new Set([file]) });
  if (!set || text === undefined || !sameMigrations(set, previous.sets[index])) return undefined;
  const replay = session.project.replay(set, host, previous.replays[index].baseline, new Set([file]));
  const findings = runRules({ sets: [set], replays: [replay], host, project: session.project, configOf: () => options.config, cache: session.rules, onlyFile: file });
  const carried = previous.findings.filter((finding) => finding.file === file && SET_RULES.has(finding.rule));
  if (carried.length > 0 && options.previousText !== undefined) {
    const move = rangeMover(options.previousText, text);
    findings.push(...carried.flatMap((finding) => moveFinding(finding, file, move) ?? []));
  }
  return findings.sort(compareFindings);
}

/** The same migrations in the same order: an edit that renumbers or splits needs the whole analysis. */
function sameMigrations(set: MigrationSet, before: MigrationSet): boolean {
  if (knownInSamePlaces(set.migrations, before.migrations)) return true;
  return set.migrations.length === before.migrations.length && set.migrations.every((migration, i) => migration.id === before.migrations[i].id);
}

/**
 * Moves ranges made on `before` onto `after`, the same text with one region replaced: ranges
 * before the region stay, those after it move by the change in length, and a range that touches
 * the region has no place (undefined): the edit may have made or mended what it marked.
 */
function rangeMover(before: string, after: string): (range: Range) => Range | undefined {
  const shortest = Math.min(before.length, after.length);
  let start = 0;
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shortest - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  const oldLines = new LineIndex(before);
  const newLines = new LineIndex(after);
  const shift = after.length - before.length;
  return (range) => {
    const from = oldLines.offsetAt(range.start);
    const to = oldLines.offsetAt(range.end);
    if (to <= start) return range;
    if (from >= before.length - end) return { start: newLines.positionAt(from + shift), end: newLines.positionAt(to + shift) };
    return undefined;
  };
}

/** `finding` with its ranges in `file` moved; undefined when its own range has no place any more. */
function moveFinding(finding: Finding, file: string, move: (range: Range) => Range | undefined): Finding | undefined {
  const range = move(finding.range);
  if (!range) return undefined;
  const related = finding.related.flatMap((info) => {
    if (info.location.file !== file) return [info];
    const moved = move(info.location.range);
    return moved ? [{ ...info, location: { file, range: moved } }] : [];
  });
  const fixes = finding.fixes.flatMap((fix) => {
    const edits = fix.edits.map((edit) => (edit.file === file ? { ...edit, range: move(edit.range) } : edit));
    return edits.every((edit) => edit.range) ? [{ ...fix, edits: edits as typeof fix.edits }] : [];
  });
  return { ...finding, range, related, fixes };
}
