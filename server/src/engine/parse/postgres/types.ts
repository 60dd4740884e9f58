// Type names: PostgreSQL's catalog names mapped to the SQL spellings users write and read.

import type { Node, TypeName } from 'libpg-query';
import type { TypeRef } from '../../model/changes.js';
import { TokenKind } from '../lexer.js';
import { stringValues } from './names.js';
import { lexerAt, skipBalanced, type PgContext } from './text.js';

const SQL_SPELLING: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  int: 'integer',
  bool: 'boolean',
  float4: 'real',
  float8: 'double precision',
  decimal: 'numeric',
  varchar: 'character varying',
  bpchar: 'character',
  varbit: 'bit varying',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
};

const SERIAL_TYPES: Record<string, string> = {
  smallserial: 'smallint',
  serial2: 'smallint',
  serial: 'integer',
  serial4: 'integer',
  bigserial: 'bigint',
  serial8: 'bigint',
};

/** Words that continue a type name after its first word (`double precision`, `timestamp with time zone`). */
const TYPE_CONTINUATIONS = new Set([
  'precision', 'varying', 'with', 'without', 'time', 'zone', 'array',
  'year', 'month', 'day', 'hour', 'minute', 'second', 'to',
]);

export interface PgType {
  type: TypeRef;
  serial: boolean;
}

export function typeRef(ctx: PgContext, typeName: TypeName): PgType {
  const names = stringValues(typeName.names);
  const builtin = names.length === 1 || (names.length === 2 && names[0] === 'pg_catalog');
  const last = names[names.length - 1] ?? '';
  const serial = builtin && last in SERIAL_TYPES;
  const name = builtin ? (SERIAL_TYPES[last] ?? SQL_SPELLING[last] ?? last) : names.join('.');
  const start = typeName.location !== undefined ? ctx.source.offset(typeName.location) : ctx.range.start;
  const end = typeName.location !== undefined ? typeEnd(ctx, start) : ctx.range.end;
  return {
    type: {
      name,
      args: name === 'interval' ? [] : (typeName.typmods ?? []).map(modifierText),
      arrayDims: typeName.arrayBounds?.length ?? 0,
      raw: ctx.source.file.slice(start, end),
      range: { start, end },
    },
    serial,
  };
}

function modifierText(node: Node): string {
  if ('A_Const' in node) {
    const value = node.A_Const;
    if (value.ival) return String(value.ival.ival ?? 0);
    if (value.fval) return value.fval.fval ?? '';
    if (value.sval) return value.sval.sval ?? '';
    return '0';
  }
  if ('ColumnRef' in node) return stringValues(node.ColumnRef.fields).join('.');
  return '';
}

/** End of a type written at `start`: its (dotted) name, continuation words, modifiers and `[]`. */
function typeEnd(ctx: PgContext, start: number): number {
  const lexer = lexerAt(ctx, start);
  let end = start;
  let expectName = true;
  while (lexer.nextContent()) {
    if (expectName) {
      if (lexer.kind !== TokenKind.Word && lexer.kind !== TokenKind.QuotedIdentifier) break;
      end = lexer.pos;
      expectName = false;
    } else if (lexer.isPunctuation('.') || lexer.isPunctuation('%')) {
      expectName = true;
    } else if (lexer.isPunctuation('(') || lexer.isPunctuation('[')) {
      end = skipBalanced(lexer);
    } else if (lexer.kind === TokenKind.Word && TYPE_CONTINUATIONS.has(lexer.tokenText().toLowerCase())) {
      end = lexer.pos;
    } else break;
  }
  return end;
}
