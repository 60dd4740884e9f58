// The checksums frameworks store, computed exactly as they compute them.

import { createHash } from 'node:crypto';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** Updates a running CRC-32 (IEEE, as Java's CRC32 and Go's crc32.ChecksumIEEE); start with 0xffffffff. */
export function crc32Update(crc: number, bytes: Uint8Array): number {
  let c = crc;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return c;
}

/**
 * Flyway's ChecksumCalculator: CRC32 over the UTF-8 bytes of each line without its line break
 * (Java's BufferedReader.readLine splits on \n, \r and \r\n), the BOM stripped from the first
 * line, returned as a signed 32-bit int. So line-ending changes and a BOM do not alter it.
 */
export function flywayChecksum(text: string): number {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  // readLine() returns no empty line after a final line break.
  if (lines.length > 0 && lines[lines.length - 1] === '' && /[\r\n]$/.test(text)) lines.pop();
  const encoder = new TextEncoder();
  let crc = 0xffffffff;
  for (const line of lines) crc = crc32Update(crc, encoder.encode(line));
  return (crc ^ 0xffffffff) | 0;
}

export function crc32(bytes: Uint8Array): number {
  return (crc32Update(0xffffffff, bytes) ^ 0xffffffff) >>> 0;
}

/** SHA-256 hex of the UTF-8 text: Prisma's migration checksum and our own. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Prisma accepts a checksum computed over the same file with the other line endings
 * (prisma-engines schema-connector checksum.rs), so a checkout with CRLF is not an edit.
 */
export function prismaChecksumMatches(stored: string, text: string): boolean {
  const variants = [text, text.replace(/\r\n/g, '\n'), text.replace(/\r?\n/g, '\r\n')];
  return variants.some((variant) => sha256Hex(variant) === stored);
}
