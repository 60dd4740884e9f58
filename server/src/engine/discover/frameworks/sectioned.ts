// Shared by the frameworks that keep up and down in one file behind marker comments (goose,
// dbmate, sql-migrate, node-pg-migrate): detection by marker and building the two parts.

import type { Direction, MigrationPart, TransactionMode } from '../../model/migration-set.js';
import { filePath, sqlFiles, type Folder } from '../folder.js';
import { findMarkerLines, splitSections, type Section } from '../sections.js';
import type { Detection } from './layout.js';

export type Markers = Record<Direction, RegExp>;

/** Files carrying the up marker; `description` names the marker for the reason. */
export function detectByMarker(folder: Folder, marker: RegExp, description: string): Detection | undefined {
  const files = sqlFiles(folder)
    .map((name) => filePath(folder, name))
    .filter((file) => findMarkerLines(folder.read(file), marker).length > 0);
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
