// One column definition: name, type, then MySQL's attributes in any order, with the constraints
// declared on the column (PRIMARY KEY, UNIQUE, REFERENCES, CHECK) returned separately.

import type { ColumnDef, ColumnPosition, Constraint } from '../../model/changes.js';
import { readCheckBody, readReferences } from './constraint-parts.js';
import { readDataType } from './data-type.js';
import { readParenthesisedExpression, readValue } from './expression.js';
import { tokenRange, type TokenReader } from './reader.js';

export interface ColumnRead {
  column: ColumnDef;
  constraints: Constraint[];
  position?: ColumnPosition;
}

/** Reads `name type attributes…` up to the end of `reader` (one comma-separated item). */
export function readColumnDefinition(reader: TokenReader): ColumnRead {
  const from = reader.pos;
  const name = reader.readIdentifier('a column name');
  const { type, known } = readDataType(reader);
  // The grammar of node-sql-parser lacks many valid type spellings (BOOL, SERIAL, DOUBLE PRECISION,
  // INT8, NCHAR, `CHAR(2) BINARY`, MariaDB's UUID/INET6…); a type we know is shown to it as INT.
  if (known) reader.ctx.replace(type.range, 'INT');
  const column: ColumnDef = { name: name.value, raw: name.raw, type, nullable: true, range: name.range };
  const read: ColumnRead = { column, constraints: [] };
  if (type.name === 'bigint' && /^serial$/i.test(type.raw)) {
    // SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
    column.nullable = false;
    column.autoIncrement = true;
    read.constraints.push({ kind: 'unique', columns: [column.name], inline: true, range: type.range });
  }
  while (!reader.done) readAttribute(reader, read);
  column.range = reader.rangeFrom(from);
  return read;
}

function readAttribute(reader: TokenReader, read: ColumnRead): void {
  const { column } = read;
  const start = reader.pos;
  if (reader.acceptWords('NOT', 'NULL')) column.nullable = false;
  else if (reader.acceptWords('NULL')) column.nullable = true;
  else if (reader.acceptWords('DEFAULT')) column.default = readValue(reader);
  else if (reader.acceptWords('AUTO_INCREMENT')) column.autoIncrement = true;
  else if (reader.acceptWords('ON', 'UPDATE')) column.onUpdate = readValue(reader);
  else if (reader.acceptWords('COMMENT')) column.comment = reader.next('a comment string').value;
  // Character set and collation names are case-insensitive; lower case is how MySQL prints them.
  else if (reader.acceptWords('COLLATE')) column.type.collation = reader.next('a collation').value.toLowerCase();
  else if (reader.acceptWords('CHARACTER', 'SET') ?? reader.acceptWords('CHARSET')) {
    column.type.charset = reader.next('a character set').value.toLowerCase();
  } else if (reader.atWords('PRIMARY', 'KEY') || reader.atWords('KEY')) {
    reader.acceptWords('PRIMARY');
    reader.expectWords('KEY');
    column.nullable = false;
    read.constraints.push({ kind: 'primary-key', columns: [column.name], inline: true, range: reader.rangeFrom(start) });
  } else if (reader.acceptWords('UNIQUE')) {
    reader.acceptWords('KEY');
    read.constraints.push({ kind: 'unique', columns: [column.name], inline: true, range: reader.rangeFrom(start) });
  } else if (reader.acceptWords('REFERENCES')) {
    const references = readReferences(reader);
    read.constraints.push({ kind: 'foreign-key', columns: [column.name], inline: true, ...references, range: reader.rangeFrom(start) });
  } else if (reader.atWords('CHECK') || reader.atWords('CONSTRAINT')) {
    readInlineCheck(reader, read);
  } else if (reader.atWords('GENERATED') || reader.atWords('AS')) {
    readGenerated(reader, read);
  } else if (reader.acceptWords('FIRST')) read.position = { first: true };
  else if (reader.acceptWords('AFTER')) read.position = { after: reader.readIdentifier('a column name').value };
  else readIgnoredAttribute(reader);
}

function readInlineCheck(reader: TokenReader, read: ColumnRead): void {
  const start = reader.pos;
  let name: string | undefined;
  if (reader.acceptWords('CONSTRAINT') && !reader.atWords('CHECK')) name = reader.readIdentifier('a constraint name').value;
  reader.expectWords('CHECK');
  const check = readCheckBody(reader);
  read.constraints.push({ kind: 'check', ...(name ? { name } : {}), ...check, inline: true, range: reader.rangeFrom(start) });
}

/** `[GENERATED ALWAYS] AS (expr) [VIRTUAL | STORED | PERSISTENT]`. */
function readGenerated(reader: TokenReader, read: ColumnRead): void {
  if (reader.acceptWords('GENERATED')) reader.expectWords('ALWAYS');
  reader.expectWords('AS');
  const expression = readParenthesisedExpression(reader);
  let stored = false;
  const persistent = reader.peek();
  if (reader.acceptWords('STORED')) stored = true;
  else if (persistent && reader.acceptWords('PERSISTENT')) {
    // MariaDB spells STORED as PERSISTENT; node-sql-parser only knows STORED.
    reader.ctx.replace(tokenRange(persistent), 'STORED');
    stored = true;
  } else reader.acceptWords('VIRTUAL');
  read.column.generated = { expression, stored };
}

/** Attributes that do not change the model; the ones the grammar lacks are hidden from it. */
function readIgnoredAttribute(reader: TokenReader): void {
  const start = reader.pos;
  // VISIBLE/INVISIBLE (MySQL 8.0.23+, MariaDB 10.3+), SRID (MySQL 8.0), MariaDB's COMPRESSED and
  // WITH/WITHOUT SYSTEM VERSIONING are valid column attributes node-sql-parser's grammar lacks.
  const hidden =
    reader.acceptWords('VISIBLE') ??
    reader.acceptWords('INVISIBLE') ??
    reader.acceptWords('COMPRESSED') ??
    reader.acceptWords('WITH', 'SYSTEM', 'VERSIONING') ??
    reader.acceptWords('WITHOUT', 'SYSTEM', 'VERSIONING');
  if (hidden) return reader.ctx.blank(hidden);
  if (reader.acceptWords('SRID')) {
    reader.next('a spatial reference id');
    return reader.ctx.blank(reader.rangeFrom(start));
  }
  // COLUMN_FORMAT x, STORAGE x, SERIAL DEFAULT VALUE and anything unexpected: the grammar judges it.
  reader.next();
}
