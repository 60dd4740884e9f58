// What a MySQL key part weighs in an InnoDB key: a string column its length (or prefix) times the
// bytes per character of its character set, a binary string its length in bytes, anything else
// its storage size. From the reference manual's data type storage requirements
// (https://dev.mysql.com/doc/refman/8.0/en/storage-requirements.html).

import type { Column } from '../../schema/model.js';

/** Maximum bytes per character of each character set MySQL and MariaDB have. */
const BYTES_PER_CHARACTER: Readonly<Record<string, number>> = {
  utf8mb4: 4, utf16: 4, utf16le: 4, utf32: 4, gb18030: 4,
  utf8mb3: 3, utf8: 3, ujis: 3, eucjpms: 3,
  ucs2: 2, big5: 2, cp932: 2, euckr: 2, gb2312: 2, gbk: 2, sjis: 2,
  latin1: 1, latin2: 1, latin5: 1, latin7: 1, ascii: 1, binary: 1, armscii8: 1, cp1250: 1, cp1251: 1, cp1256: 1, cp1257: 1,
  cp850: 1, cp852: 1, cp866: 1, dec8: 1, geostd8: 1, greek: 1, hebrew: 1, hp8: 1, keybcs2: 1, koi8r: 1, koi8u: 1,
  macce: 1, macroman: 1, swe7: 1, tis620: 1,
};

/** The character set counted for a column the migrations give none: the default of MySQL 8.0, MariaDB 11.6 and Debian's MariaDB. */
export const ASSUMED_CHARSET = 'utf8mb4';

const SIZED_TEXT = new Set(['char', 'varchar']);
const SIZED_BINARY = new Set(['binary', 'varbinary']);
/** Indexable only by a prefix. */
const LONG_TEXT = new Set(['tinytext', 'text', 'mediumtext', 'longtext']);
const LONG_BINARY = new Set(['tinyblob', 'blob', 'mediumblob', 'longblob']);

const FIXED_BYTES: Readonly<Record<string, number>> = {
  tinyint: 1, smallint: 2, mediumint: 3, int: 4, bigint: 8, float: 4, double: 8,
  date: 3, time: 3, datetime: 5, timestamp: 4, year: 1, enum: 2, set: 8, uuid: 16, inet6: 16, inet4: 4,
};

export interface PartBytes {
  /** With the column's character set; with one byte per character when it has none: what the part weighs at least. */
  least: number;
  /** With the column's character set, or ASSUMED_CHARSET when it has none. */
  assumed: number;
  /** Characters (text) or bytes (binary, fixed) the part keeps. */
  length: number;
  /** The column's character set; undefined for binary and fixed-size parts, and for text the migrations give none. */
  charset?: string;
  /** Text whose character set the migrations do not say. */
  charsetAssumed: boolean;
  /** Bytes per character counted for `assumed`; 1 for binary and fixed-size parts. */
  bytesPerCharacter: number;
}

/** The part's weight; undefined when it cannot be told (TEXT without a prefix, an unknown type or character set). */
export function partBytes(column: Column, prefixLength: number | undefined): PartBytes | undefined {
  const { name, args } = column.type;
  const declared = args[0] === undefined ? undefined : Number(args[0]);
  const kept = (length: number | undefined) => (prefixLength === undefined ? length : Math.min(prefixLength, length ?? prefixLength));
  if (SIZED_TEXT.has(name) || LONG_TEXT.has(name)) {
    const length = kept(SIZED_TEXT.has(name) ? declared : undefined);
    if (length === undefined || Number.isNaN(length)) return undefined;
    const perCharacter = BYTES_PER_CHARACTER[column.charset ?? ASSUMED_CHARSET];
    if (perCharacter === undefined) return undefined;
    const least = column.charset === undefined ? length : length * perCharacter;
    return { least, assumed: length * perCharacter, length, ...(column.charset ? { charset: column.charset } : {}), charsetAssumed: column.charset === undefined, bytesPerCharacter: perCharacter };
  }
  const bytes = SIZED_BINARY.has(name) || LONG_BINARY.has(name) ? kept(SIZED_BINARY.has(name) ? declared : undefined) : fixedBytes(name, args);
  if (bytes === undefined || Number.isNaN(bytes)) return undefined;
  return { least: bytes, assumed: bytes, length: bytes, charsetAssumed: false, bytesPerCharacter: 1 };
}

/** DECIMAL stores each run of nine digits in 4 bytes and the digits left over in 1–4. */
const LEFTOVER_DIGIT_BYTES = [0, 1, 1, 2, 2, 3, 3, 4, 4];
const digitBytes = (digits: number) => Math.floor(digits / 9) * 4 + LEFTOVER_DIGIT_BYTES[digits % 9];

function fixedBytes(name: string, args: readonly string[]): number | undefined {
  if (name === 'decimal') {
    const [precision, scale] = [Number(args[0] ?? 10), Number(args[1] ?? 0)];
    return digitBytes(precision - scale) + digitBytes(scale);
  }
  if (name === 'bit') return Math.ceil(Number(args[0] ?? 1) / 8);
  return FIXED_BYTES[name];
}
