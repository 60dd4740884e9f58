// Frameworks that keep up and down in one file mark each part with a comment line. A part's
// range is the SQL body: from the line after its marker to the line of the other marker (or the
// end of the file). Only the first marker of each direction counts, as dbmate, goose and
// node-pg-migrate read them.

import type { Direction } from '../model/migration-set.js';
import type { SourceRange } from '../model/source.js';

export interface MarkerLine {
  /** The marker line without its line break. */
  range: SourceRange;
  text: string;
}

export interface Section {
  marker: MarkerLine;
  body: SourceRange;
}

export type Sections = Partial<Record<Direction, Section>>;

/** Every line matching `pattern` (tested against the line without its break). */
export function findMarkerLines(text: string, pattern: RegExp): MarkerLine[] {
  const lines: MarkerLine[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const next = newline < 0 ? text.length + 1 : newline + 1;
    let end = newline < 0 ? text.length : newline;
    if (end > start && text[end - 1] === '\r') end--;
    const line = text.slice(start, end);
    if (pattern.test(line)) lines.push({ range: { start, end }, text: line });
    start = next;
  }
  return lines;
}

/** Splits `text` at the first up and the first down marker. */
export function splitSections(text: string, markers: Record<Direction, RegExp>): Sections {
  const up = findMarkerLines(text, markers.up)[0];
  const down = findMarkerLines(text, markers.down)[0];
  const sections: Sections = {};
  const bodyAfter = (marker: MarkerLine, other: MarkerLine | undefined): SourceRange => {
    const start = Math.min(lineAfter(text, marker.range.end), text.length);
    const end = other && other.range.start > marker.range.start ? other.range.start : text.length;
    return { start, end };
  };
  if (up) sections.up = { marker: up, body: bodyAfter(up, down) };
  if (down) sections.down = { marker: down, body: bodyAfter(down, up) };
  return sections;
}

function lineAfter(text: string, lineEnd: number): number {
  if (text[lineEnd] === '\r') lineEnd++;
  return text[lineEnd] === '\n' ? lineEnd + 1 : lineEnd;
}
