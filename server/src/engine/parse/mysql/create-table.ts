// CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name
//   { (elements) [options] [partitioning] [[AS] SELECT …] | LIKE other | [AS] SELECT … }

import type { CreateTableChange } from '../../model/changes.js';
import type { TokenReader } from './reader.js';
import { readTableElement } from './table-element.js';
import { readTableOption } from './table-options.js';

const QUERY_STARTS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

/** After CREATE [OR REPLACE] [TEMPORARY]; the cursor is at TABLE. */
export function readCreateTable(reader: TokenReader, temporary: boolean): CreateTableChange {
  reader.expectWords('TABLE');
  const ifNotExists = reader.acceptWords('IF', 'NOT', 'EXISTS') !== undefined;
  const table = reader.readName('a table name');
  const change: CreateTableChange = {
    kind: 'create-table',
    table,
    ifNotExists,
    temporary,
    columns: [],
    constraints: [],
    indexes: [],
    options: {},
  };
  if (reader.acceptWords('LIKE') || (reader.atPunct('(') && reader.peek(1)?.value === 'LIKE')) {
    const parenthesised = reader.acceptPunct('(');
    if (parenthesised) reader.expectWords('LIKE');
    change.like = reader.readName('the table to copy');
    if (parenthesised) reader.expectPunct(')');
    return change;
  }
  if (reader.atPunct('(') && !isQueryStart(reader, 1)) readElements(reader, change);
  readOptions(reader, change);
  return change;
}

function readElements(reader: TokenReader, change: CreateTableChange): void {
  for (const item of reader.readParenthesisedItems()) {
    const element = readTableElement(item, change.table);
    if (element.kind === 'column') {
      change.columns.push(element.read.column);
      change.constraints.push(...element.read.constraints);
    } else if (element.kind === 'constraint') change.constraints.push(element.constraint);
    else if (element.kind === 'index') change.indexes.push(element.index);
  }
}

/** Table options, partitioning and a trailing query, in that order. */
function readOptions(reader: TokenReader, change: CreateTableChange): void {
  while (!reader.done) {
    const option = readTableOption(reader);
    if (option) {
      change.options[option.key] = option.value;
      continue;
    }
    const comma = reader.peek();
    if (comma && reader.acceptPunct(',')) {
      reader.ctx.blank({ start: comma.start, end: comma.end });
      continue;
    }
    // MariaDB system-versioned tables; node-sql-parser's grammar lacks the clause.
    const versioning = reader.acceptWords('WITH', 'SYSTEM', 'VERSIONING');
    if (versioning) {
      reader.ctx.blank(versioning);
      continue;
    }
    if (reader.atWords('PARTITION', 'BY')) {
      // node-sql-parser has no grammar for partitioning; the clause does not change columns.
      const start = reader.pos;
      reader.skipUntil(QUERY_STARTS);
      reader.ctx.blank(reader.rangeFrom(start));
      continue;
    }
    if (reader.atWords('IGNORE') || reader.atWords('REPLACE') || reader.atWords('AS') || isQueryStart(reader, 0)) {
      change.fromQuery = true;
    }
    // A query or something unexpected: the grammar judges the rest.
    return;
  }
}

function isQueryStart(reader: TokenReader, ahead: number): boolean {
  let index = ahead;
  while (reader.atPunct('(', index)) index++;
  const token = reader.peek(index);
  return token?.type === 'word' && QUERY_STARTS.has(token.value);
}
