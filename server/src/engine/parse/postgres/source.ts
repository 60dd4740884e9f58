// libpg-query reports UTF-8 byte offsets into the string it was given; the engine works in UTF-16
// offsets into the file. One `PgSource` per string handed to the parser does the conversion.

import { utf8ByteOffsetToUtf16, type SourceRange } from '../../model/source.js';
import { contentRange } from '../lexer.js';

const ASCII = /^[\x00-\x7f]*$/;

export class PgSource {
  private readonly ascii: boolean;
  private lastByte = 0;
  private lastUtf16 = 0;

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
    // Locations mostly arrive in increasing order: continue from the last conversion when we can.
    const resume = byteLocation >= this.lastByte;
    const utf16 = utf8ByteOffsetToUtf16(
      this.parsed,
      byteLocation,
      resume ? this.lastByte : 0,
      resume ? this.lastUtf16 : 0,
    );
    this.lastByte = byteLocation;
    this.lastUtf16 = utf16;
    return this.base + utf16;
  }

  /** The statement's file range from `stmt_location`/`stmt_len`, trimmed to its content. */
  statementRange(location: number | undefined, length: number | undefined): SourceRange | undefined {
    const start = this.offset(location ?? 0);
    const end = length ? this.offset((location ?? 0) + length) : this.base + this.parsed.length;
    return contentRange(this.file, start, end, 'postgres');
  }
}
