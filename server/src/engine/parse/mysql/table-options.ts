// Table options (`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci …`) of CREATE
// TABLE and ALTER TABLE.

import type { SourceRange } from '../../model/source.js';
import type { TokenReader } from './reader.js';

/** Every table option MySQL 8 and MariaDB 11 accept, by their spelling without DEFAULT. */
const TABLE_OPTIONS = new Set([
  'ENGINE',
  'TYPE',
  'AUTO_INCREMENT',
  'AUTOEXTEND_SIZE',
  'AVG_ROW_LENGTH',
  'CHARSET',
  'CHARACTER SET',
  'CHECKSUM',
  'TABLE_CHECKSUM',
  'COLLATE',
  'COMMENT',
  'COMPRESSION',
  'CONNECTION',
  'DATA DIRECTORY',
  'INDEX DIRECTORY',
  'DELAY_KEY_WRITE',
  'ENCRYPTION',
  'ENCRYPTED',
  'ENCRYPTION_KEY_ID',
  'ENGINE_ATTRIBUTE',
  'SECONDARY_ENGINE_ATTRIBUTE',
  'INSERT_METHOD',
  'KEY_BLOCK_SIZE',
  'MAX_ROWS',
  'MIN_ROWS',
  'PACK_KEYS',
  'PAGE_CHECKSUM',
  'PAGE_COMPRESSED',
  'PAGE_COMPRESSION_LEVEL',
  'PASSWORD',
  'ROW_FORMAT',
  'SEQUENCE',
  'STATS_AUTO_RECALC',
  'STATS_PERSISTENT',
  'STATS_SAMPLE_PAGES',
  'TABLESPACE',
  'TRANSACTIONAL',
  'UNION',
  'IETF_QUOTES',
]);

/** Canonical keys for options with several spellings. */
const OPTION_KEYS: Record<string, string> = { 'CHARACTER SET': 'charset', TYPE: 'engine', TABLE_CHECKSUM: 'checksum' };

export interface TableOption {
  /** Lower-case: engine, charset, collate, auto_increment, comment, row_format, … */
  key: string;
  /** As written, without quotes. */
  value: string;
  range: SourceRange;
}

/**
 * Reads one option when the reader is at one, else returns undefined without moving. Options are
 * hidden from the grammar check: node-sql-parser knows only ENGINE, CHARSET, COLLATE, COMMENT,
 * AUTO_INCREMENT, ROW_FORMAT and KEY_BLOCK_SIZE, and rejects valid ones such as STATS_PERSISTENT.
 */
export function readTableOption(reader: TokenReader): TableOption | undefined {
  const start = reader.pos;
  reader.acceptWords('DEFAULT');
  const key = readOptionKey(reader);
  if (!key) {
    reader.pos = start;
    return undefined;
  }
  reader.acceptOptionalEquals();
  const value = readOptionValue(reader, key);
  if (key === 'TABLESPACE' && reader.acceptWords('STORAGE')) reader.next('DISK or MEMORY');
  const range = reader.rangeFrom(start);
  reader.ctx.blank(range);
  return { key: OPTION_KEYS[key] ?? key.toLowerCase(), value, range };
}

/** Words as written (`InnoDB`), strings and quoted names unquoted, lists as written. */
function readOptionValue(reader: TokenReader, key: string): string {
  if (reader.atPunct('(')) return reader.ctx.slice(reader.readParenthesised());
  const token = reader.next(`a value for ${key.toLowerCase()}`);
  return token.type === 'word' ? token.text : token.value;
}

function readOptionKey(reader: TokenReader): string | undefined {
  const first = reader.peek();
  if (first?.type !== 'word') return undefined;
  const second = reader.peek(1);
  const twoWords = second?.type === 'word' ? `${first.value} ${second.value}` : undefined;
  if (twoWords && TABLE_OPTIONS.has(twoWords)) {
    reader.pos += 2;
    return twoWords;
  }
  if (!TABLE_OPTIONS.has(first.value)) return undefined;
  reader.pos++;
  return first.value;
}
