// libpg-query reports UTF-8 byte offsets into the string it was given; the engine works in UTF-16
// offsets into the file. One `PgSource` per string handed to the parser does the conversion.

import type { SourceRange } from '../../model/source.js';
import { SqlLexer } from '../lexer.js';

const ASCII = /^[\x00-\x7f]*$/;

export class PgSource {
  /**
   * For non-ASCII text, built on first use: after each non-ASCII UTF-16 unit, its byte offset and
   * how many more bytes than units precede it. Migrations are mostly ASCII, so this stays short.
   */
  private bytesAfter: number[] | undefined;
  private extraBytes: number[] = [];
  private readonly ascii: boolean;

  /**
   * @param file the whole file text
   * @param base where the parsed string starts in the file
   * @param parsed the string given to the parser (`file.slice(base, …)`)
   */
  constructor(
    readonly file: string,
    readonly base: number,
    readonly parsed: string,
  ) {
    this.ascii = ASCII.test(parsed);
  }

  /** File offset of a parser location (UTF-8 bytes into `parsed`). */
  offset(byteLocation: number): number {
    if (this.ascii) return this.base + byteLocation;
    const bytesAfter = (this.bytesAfter ??= this.indexNonAscii());
    let low = 0;
    let high = bytesAfter.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (bytesAfter[mid] <= byteLocation) low = mid + 1;
      else high = mid;
    }
    return this.base + byteLocation - (low > 0 ? this.extraBytes[low - 1] : 0);
  }

  private indexNonAscii(): number[] {
    const bytesAfter: number[] = [];
    let extra = 0;
    for (const match of this.parsed.matchAll(/[^\x00-\x7f]/g)) {
      const c = match[0].charCodeAt(0);
      // Each half of a surrogate pair counts two of the pair's four bytes.
      extra += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
      bytesAfter.push(match.index + 1 + extra);
      this.extraBytes.push(extra);
    }
    return bytesAfter;
  }

  /**
   * The statement's file range from `stmt_location`/`stmt_len`: from its first token (the parser's
   * range starts right after the previous `;`, comments included) to its end, trailing blanks trimmed.
   */
  statementRange(location: number | undefined, length: number | undefined): SourceRange {
    let end = length ? this.offset((location ?? 0) + length) : this.base + this.parsed.length;
    const lexer = new SqlLexer(this.file, this.offset(location ?? 0), end, 'postgres');
    const start = lexer.nextContent() ? lexer.tokenStart : end;
    while (end > start && /\s/.test(this.file[end - 1])) end--;
    return { start, end };
  }
}

