// Shared by the frameworks that keep up and down in one file behind marker comments (goose,
// dbmate, sql-migrate, node-pg-migrate): detection by marker and building the two parts.

import type { Direction, MigrationPart, TransactionMode } from '../../model/migration-set.js';
import { filePath, sqlFiles, type Folder } from '../folder.js';
import { findMarkerLines, splitSections, type Section } from '../sections.js';
import { TextMemo } from '../text-memo.js';
import type { Detection } from './layout.js';

export type Markers = Record<Direction, RegExp>;

/** Per marker pattern: whether a text has a line matching it. */
const markerMemos = new WeakMap<RegExp, TextMemo<boolean>>();

/** Every framework's marker is a `--` comment line, so a text without one is ruled out in one search. */
const mayHoldMarker = (text: string): boolean => text.includes('--');

function hasMarker(text: string, marker: RegExp): boolean {
  let memo = markerMemos.get(marker);
  if (!memo) markerMemos.set(marker, (memo = new TextMemo((candidate) => mayHoldMarker(candidate) && findMarkerLines(candidate, marker).length > 0)));
  return memo.get(text);
}

/** Files carrying the up marker; `description` names the marker for the reason. */
export function detectByMarker(folder: Folder, marker: RegExp, description: string): Detection | undefined {
  const files = sqlFiles(folder)
    .map((name) => filePath(folder, name))
    .filter((file) => hasMarker(folder.read(file), marker));
  if (files.length === 0) return undefined;
  return { strength: files.length, reason: `${files.length} .sql file(s) with ${description}`, files };
}

/** The up and down parts of `file`, each with the transaction mode its section declares. */
export function sectionedParts(
  file: string,
  text: string,
  markers: Markers,
  transactionOf: (direction: Direction, section: Section) => TransactionMode,
): Partial<Record<Direction, MigrationPart>> {
  const sections = splitSections(text, markers);
  const parts: Partial<Record<Direction, MigrationPart>> = {};
  for (const direction of ['up', 'down'] as const) {
    const section = sections[direction];
    if (section) parts[direction] = { file, direction, range: section.body, transaction: transactionOf(direction, section) };
  }
  return parts;
}

export function stripSqlExtension(name: string): string {
  return name.replace(/\.sql$/i, '');
}
