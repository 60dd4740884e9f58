// One item of a CREATE TABLE body or an ALTER TABLE ADD: a column, a constraint, or an index.

import { prefixLengthsOf, type Constraint, type IndexDef, type IndexElement, type Name, type PrefixLengths } from '../../model/changes.js';
import { readColumnDefinition, type ColumnRead } from './column.js';
import { readCheckBody, readColumnList, readReferences } from './constraint-parts.js';
import type { TokenReader } from './reader.js';

export type TableElement =
  | { kind: 'column'; read: ColumnRead }
  | { kind: 'constraint'; constraint: Constraint }
  | { kind: 'index'; index: IndexDef }
  /** MariaDB PERIOD FOR … and other items that do not change columns, constraints or indexes. */
  | { kind: 'other' };

const CONSTRAINT_KEYWORDS = new Set(['PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK']);
const INDEX_KEYWORDS = new Set(['INDEX', 'KEY', 'FULLTEXT', 'SPATIAL']);

export function readTableElement(reader: TokenReader, table: Name): TableElement {
  const start = reader.pos;
  if (reader.atWords('CONSTRAINT') || reader.atAnyWord(CONSTRAINT_KEYWORDS)) {
    let name: string | undefined;
    if (reader.acceptWords('CONSTRAINT') && !reader.atAnyWord(CONSTRAINT_KEYWORDS)) {
      name = reader.readIdentifier('a constraint name').value;
    }
    const constraint = readConstraintBody(reader, name);
    constraint.range = reader.rangeFrom(start);
    return { kind: 'constraint', constraint };
  }
  if (reader.atAnyWord(INDEX_KEYWORDS)) return { kind: 'index', index: readIndexDefinition(reader, table) };
  if (reader.atWords('PERIOD', 'FOR')) {
    reader.skipUntil();
    return { kind: 'other' };
  }
  return { kind: 'column', read: readColumnDefinition(reader) };
}

function readConstraintBody(reader: TokenReader, name: string | undefined): Constraint {
  const named = name ? { name } : {};
  const range = reader.fullRange();
  if (reader.acceptWords('PRIMARY')) {
    reader.expectWords('KEY');
    return { kind: 'primary-key', ...named, ...readKeyColumns(reader), range };
  }
  if (reader.acceptWords('UNIQUE')) {
    if (!reader.acceptWords('INDEX')) reader.acceptWords('KEY');
    // In MySQL the index name follows UNIQUE [KEY]; it names the constraint when CONSTRAINT did not.
    const indexName = readOptionalIndexName(reader);
    const constraintName = name ?? indexName;
    return { kind: 'unique', ...(constraintName ? { name: constraintName } : {}), ...readKeyColumns(reader), range };
  }
  if (reader.acceptWords('FOREIGN')) {
    reader.expectWords('KEY');
    const indexName = readOptionalIndexName(reader);
    const columns = readColumnList(reader);
    reader.expectWords('REFERENCES');
    const constraintName = name ?? indexName;
    return { kind: 'foreign-key', ...(constraintName ? { name: constraintName } : {}), columns, ...readReferences(reader), range };
  }
  reader.expectWords('CHECK');
  return { kind: 'check', ...named, ...readCheckBody(reader), range };
}

/** `[USING method] (key parts) [options]` of a PRIMARY KEY or UNIQUE: the column names, and the prefix lengths given. */
function readKeyColumns(reader: TokenReader): { columns: string[]; prefixLengths?: PrefixLengths } {
  skipIndexType(reader);
  const elements = readIndexElements(reader);
  skipIndexOptions(reader);
  const columns = elements.map((element) => element.column ?? element.expression ?? '');
  const prefixLengths = prefixLengthsOf(elements);
  return prefixLengths ? { columns, prefixLengths } : { columns };
}

/** `{INDEX|KEY|FULLTEXT [KEY]|SPATIAL [KEY]} [IF NOT EXISTS] [name] [USING method] (parts) [options]`. */
function readIndexDefinition(reader: TokenReader, table: Name): IndexDef {
  const start = reader.pos;
  const kind = reader.next();
  if (kind.value === 'FULLTEXT' || kind.value === 'SPATIAL') {
    if (!reader.acceptWords('INDEX')) reader.acceptWords('KEY');
  }
  const ifNotExists = reader.acceptWords('IF', 'NOT', 'EXISTS');
  if (ifNotExists) reader.ctx.mariadbSyntax(ifNotExists);
  const nameToken = reader.atPunct('(') || reader.atWords('USING') ? undefined : reader.readName('an index name');
  const using = skipIndexType(reader);
  const elements = readIndexElements(reader);
  const usingAfter = skipIndexType(reader);
  skipIndexOptions(reader);
  const method = kind.value === 'FULLTEXT' || kind.value === 'SPATIAL' ? kind.value : (using ?? usingAfter);
  return {
    ...(nameToken ? { name: nameToken } : {}),
    table,
    unique: false,
    concurrently: false,
    ifNotExists: ifNotExists !== undefined,
    ...(method ? { method: method.toLowerCase() } : {}),
    elements,
    range: reader.rangeFrom(start),
  };
}

function readOptionalIndexName(reader: TokenReader): string | undefined {
  if (reader.atPunct('(') || reader.atWords('USING')) return undefined;
  return reader.readIdentifier('an index name').value;
}

/** `USING BTREE|HASH`: the method, upper-case. */
export function skipIndexType(reader: TokenReader): string | undefined {
  return reader.acceptWords('USING') ? reader.next('BTREE or HASH').value : undefined;
}

/** `(col [(length)] [ASC|DESC], (expression) [ASC|DESC], …)`. */
export function readIndexElements(reader: TokenReader): IndexElement[] {
  return reader.readParenthesisedItems().map((item) => {
    const range = item.fullRange();
    const element: IndexElement = item.atPunct('(')
      ? { expression: item.ctx.slice(item.readParenthesised()), range }
      : { column: item.readIdentifier('a column name').value, range };
    if (item.atPunct('(')) {
      const length = /^\(\s*(\d+)\s*\)$/.exec(item.ctx.slice(item.readParenthesised()));
      if (length) element.prefixLength = Number(length[1]);
    }
    if (item.acceptWords('DESC')) element.descending = true;
    else item.acceptWords('ASC');
    return element;
  });
}

/** Index options: KEY_BLOCK_SIZE, COMMENT, WITH PARSER, VISIBLE/INVISIBLE, IGNORED …, up to the item's end. */
export function skipIndexOptions(reader: TokenReader, stop?: ReadonlySet<string>): void {
  while (!reader.done && !(stop && reader.atAnyWord(stop))) {
    // VISIBLE/INVISIBLE (MySQL 8) and IGNORED/NOT IGNORED (MariaDB 10.6) are valid index options
    // node-sql-parser's grammar lacks.
    const hidden =
      reader.acceptWords('VISIBLE') ??
      reader.acceptWords('INVISIBLE') ??
      reader.acceptWords('IGNORED') ??
      reader.acceptWords('NOT', 'IGNORED');
    if (hidden) reader.ctx.blank(hidden);
    else reader.next();
  }
}
