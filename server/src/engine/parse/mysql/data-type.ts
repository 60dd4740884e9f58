// Column types: MySQL's own lower-case names, synonyms mapped to what `SHOW CREATE TABLE` prints.

import type { TypeRef } from '../../model/changes.js';
import type { MysqlDialect } from './context.js';
import type { TokenReader } from './reader.js';

const MYSQL_TYPES: Record<string, string> = {
  TINYINT: 'tinyint',
  SMALLINT: 'smallint',
  MEDIUMINT: 'mediumint',
  INT: 'int',
  INTEGER: 'int',
  BIGINT: 'bigint',
  INT1: 'tinyint',
  INT2: 'smallint',
  INT3: 'mediumint',
  INT4: 'int',
  INT8: 'bigint',
  MIDDLEINT: 'mediumint',
  SERIAL: 'bigint',
  BOOL: 'tinyint',
  BOOLEAN: 'tinyint',
  BIT: 'bit',
  DECIMAL: 'decimal',
  DEC: 'decimal',
  NUMERIC: 'decimal',
  FIXED: 'decimal',
  FLOAT: 'float',
  FLOAT4: 'float',
  DOUBLE: 'double',
  FLOAT8: 'double',
  REAL: 'double',
  DATE: 'date',
  DATETIME: 'datetime',
  TIMESTAMP: 'timestamp',
  TIME: 'time',
  YEAR: 'year',
  CHAR: 'char',
  CHARACTER: 'char',
  NCHAR: 'char',
  VARCHAR: 'varchar',
  NVARCHAR: 'varchar',
  VARCHARACTER: 'varchar',
  BINARY: 'binary',
  VARBINARY: 'varbinary',
  TINYTEXT: 'tinytext',
  TEXT: 'text',
  MEDIUMTEXT: 'mediumtext',
  LONGTEXT: 'longtext',
  LONG: 'mediumtext',
  TINYBLOB: 'tinyblob',
  BLOB: 'blob',
  MEDIUMBLOB: 'mediumblob',
  LONGBLOB: 'longblob',
  ENUM: 'enum',
  SET: 'set',
  JSON: 'json',
  GEOMETRY: 'geometry',
  POINT: 'point',
  LINESTRING: 'linestring',
  POLYGON: 'polygon',
  MULTIPOINT: 'multipoint',
  MULTILINESTRING: 'multilinestring',
  MULTIPOLYGON: 'multipolygon',
  GEOMETRYCOLLECTION: 'geometrycollection',
  GEOMCOLLECTION: 'geometrycollection',
};

/** MariaDB-only types (10.7+ UUID and INET4/INET6, 11.7 VECTOR). */
const MARIADB_TYPES: Record<string, string> = { UUID: 'uuid', INET4: 'inet4', INET6: 'inet6', VECTOR: 'vector' };

/** Second words that change the type: DOUBLE PRECISION, CHARACTER VARYING, LONG VARCHAR, … */
const TWO_WORD_TYPES: Record<string, string> = {
  'DOUBLE PRECISION': 'double',
  'CHARACTER VARYING': 'varchar',
  'CHAR VARYING': 'varchar',
  'NCHAR VARYING': 'varchar',
  'NATIONAL CHAR': 'char',
  'NATIONAL CHARACTER': 'char',
  'NATIONAL VARCHAR': 'varchar',
  'LONG VARCHAR': 'mediumtext',
  'LONG VARBINARY': 'mediumblob',
};

/** Words after the arguments that still belong to the type. */
const TYPE_SUFFIXES = new Set(['UNSIGNED', 'SIGNED', 'ZEROFILL', 'BINARY', 'ASCII', 'UNICODE', 'BYTE', 'VARYING']);

export interface TypeRead {
  type: TypeRef;
  /** A name MySQL/MariaDB knows for this dialect; unknown names are left for the grammar to reject. */
  known: boolean;
}

export function readDataType(reader: TokenReader): TypeRead {
  const from = reader.pos;
  const first = reader.next('a data type');
  let canonical = typeName(first.value, reader.ctx.dialect);
  const second = reader.peek();
  const twoWord = second?.type === 'word' ? TWO_WORD_TYPES[`${first.value} ${second.value}`] : undefined;
  if (twoWord) {
    canonical = twoWord;
    reader.pos++;
    if (reader.atWords('VARYING')) {
      canonical = 'varchar';
      reader.pos++;
    }
  }
  const type: TypeRef = {
    name: canonical ?? first.text.toLowerCase(),
    args: [],
    arrayDims: 0,
    raw: '',
    range: reader.rangeFrom(from),
  };
  if (reader.atPunct('(')) readArguments(reader, type);
  // MySQL stores BOOL as TINYINT(1); giving it that argument lets trees that spell it differently compare equal.
  if (first.value === 'BOOL' || first.value === 'BOOLEAN') type.args = ['1'];
  if (first.value === 'SERIAL') type.unsigned = true;
  for (let suffix = reader.atAnyWord(TYPE_SUFFIXES); suffix; suffix = reader.atAnyWord(TYPE_SUFFIXES)) {
    reader.pos++;
    if (suffix.value === 'UNSIGNED' || suffix.value === 'ZEROFILL') type.unsigned = true;
  }
  type.range = reader.rangeFrom(from);
  type.raw = reader.ctx.slice(type.range);
  return { type, known: canonical !== undefined };
}

function typeName(word: string, dialect: MysqlDialect): string | undefined {
  return MYSQL_TYPES[word] ?? (dialect === 'mariadb' ? MARIADB_TYPES[word] : undefined);
}

function readArguments(reader: TokenReader, type: TypeRef): void {
  const items = reader.readParenthesisedItems();
  const values: string[] = [];
  for (const item of items) {
    const token = item.peek();
    if (!token) continue;
    if (token.type === 'string') values.push(token.value);
    else type.args.push(item.ctx.slice(item.fullRange()));
  }
  if (type.name === 'enum' || type.name === 'set') type.enumValues = values;
}
