// The one conversion from engine positions (absolute paths, 0-based LSP positions) to what every
// CLI format prints: paths relative to the working directory with forward slashes, and 1-based
// lines and columns counted in UTF-16 code units. The end column is exclusive, as in SARIF.

import { relative } from 'node:path';
import type { Range } from '../../engine/index.js';

export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toOneBased(range: Range): OneBasedRange {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export function displayPath(file: string, cwd: string): string {
  return relative(cwd, file).replace(/\\/g, '/') || '.';
}
