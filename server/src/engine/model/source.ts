// Positions and ranges shared by every layer.
//
// Inside the engine, text is addressed by UTF-16 offsets into the file's JavaScript string
// (`SourceRange`): cheap to slice and compare. Findings leave the engine with LSP-style
// positions (0-based line, 0-based UTF-16 character), so the language server can publish them
// unchanged and the CLI only adds 1.

export type Dialect = 'postgres' | 'mysql' | 'mariadb';

export const DIALECTS: readonly Dialect[] = ['postgres', 'mysql', 'mariadb'];

/** Half-open range of UTF-16 offsets into a file's text. */
export interface SourceRange {
  start: number;
  end: number;
}

/** 0-based line, 0-based UTF-16 code unit within the line (the LSP convention). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A file as the engine sees it: an absolute path with forward slashes, and its current text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** Maps offsets to positions for one text; built once per file version. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[Math.max(0, position.line)];
    const lineEnd = this.lineEnd(position.line);
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  range(source: SourceRange): Range {
    return { start: this.positionAt(source.start), end: this.positionAt(source.end) };
  }

  /** Text of one line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, this.lineEnd(line));
  }

  private lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/**
 * Converts a UTF-8 byte offset into `text` (as libpg-query reports locations) into a UTF-16
 * offset. `fromByte`/`fromUtf16` let callers convert many increasing offsets in one pass.
 */
export function utf8ByteOffsetToUtf16(text: string, byteOffset: number, fromByte = 0, fromUtf16 = 0): number {
  let bytes = fromByte;
  let i = fromUtf16;
  while (i < text.length && bytes < byteOffset) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
    i++;
  }
  return i;
}
