// Type normalisation: every spelling of one type becomes one ColumnType, so `int4` and `integer`,
// or MySQL `int(11)` and `int`, compare equal — whether the type came from a migration or from a
// live catalog. PostgreSQL types take the names format_type() prints; MySQL keeps its own names
// and drops integer display widths, except tinyint(1), which tools read as a boolean.

import type { Dialect } from '../model/source.js';
import type { ColumnType } from './model.js';
import { isPostgres } from './names.js';

export interface TypeSpelling {
  name: string;
  args?: readonly string[];
  arrayDims?: number;
  unsigned?: boolean;
  values?: readonly string[];
}

const POSTGRES_ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int8: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  int2: 'smallint',
  smallserial: 'smallint',
  serial2: 'smallint',
  float8: 'double precision',
  double: 'double precision',
  float4: 'real',
  bool: 'boolean',
  varchar: 'character varying',
  char: 'character',
  bpchar: 'character',
  decimal: 'numeric',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  timetz: 'time with time zone',
  time: 'time without time zone',
  varbit: 'bit varying',
};

const POSTGRES_SERIALS = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

const MYSQL_ALIASES: Record<string, string> = {
  integer: 'int',
  int4: 'int',
  int8: 'bigint',
  int2: 'smallint',
  int1: 'tinyint',
  middleint: 'mediumint',
  dec: 'decimal',
  numeric: 'decimal',
  fixed: 'decimal',
  'double precision': 'double',
  real: 'double',
  'character varying': 'varchar',
  character: 'char',
  serial: 'bigint',
};

const MYSQL_INTEGERS = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint']);

/**
 * A type name with identifier quotes and runs of blanks removed. PostgreSQL names keep their case
 * (the parser folded them; a quoted enum name is case-sensitive); MySQL's are lower-cased.
 */
function cleanName(name: string, foldCase: boolean): string {
  if (/^[a-z0-9_]+$/.test(name)) return name;
  // Replay cleans every column's type, and a project spells only a handful of distinct types.
  const cache = foldCase ? foldedNames : keptCaseNames;
  let cleaned = cache.get(name);
  if (cleaned === undefined) {
    const unquoted = name.replace(/["`]/g, '').trim().replace(/\s+/g, ' ');
    cleaned = foldCase ? unquoted.toLowerCase() : unquoted.replace(/^(public|pg_catalog)\./, '');
    // Bounded, as a long-lived language server sees names come and go while files are typed.
    if (cache.size >= 1024) cache.clear();
    cache.set(name, cleaned);
  }
  return cleaned;
}

const foldedNames = new Map<string, string>();
const keptCaseNames = new Map<string, string>();

export function isPostgresSerial(typeName: string): boolean {
  return POSTGRES_SERIALS.has(cleanName(typeName, true));
}

export function normalizeType(dialect: Dialect, spelling: TypeSpelling): ColumnType {
  return isPostgres(dialect) ? normalizePostgres(spelling) : normalizeMysql(spelling);
}

function normalizePostgres(spelling: TypeSpelling): ColumnType {
  let name = cleanName(spelling.name, false);
  let args = (spelling.args ?? []).map((arg) => arg.trim());
  // `timestamp(3) with time zone` may arrive as one name with the precision inside it.
  const inner = /^(timestamp|time)\s*\((\d+)\)\s*(with(?:out)? time zone)$/.exec(name);
  if (inner) {
    name = `${inner[1]} ${inner[3]}`;
    args = [inner[2]];
  }
  name = POSTGRES_ALIASES[name] ?? name;
  if (name === 'float') {
    name = args.length && Number(args[0]) <= 24 ? 'real' : 'double precision';
    args = [];
  }
  if ((name === 'character' || name === 'bit') && args.length === 0) args = ['1'];
  return withOptional({ name, args, arrayDims: spelling.arrayDims ?? 0 }, spelling.values);
}

function normalizeMysql(spelling: TypeSpelling): ColumnType {
  const original = cleanName(spelling.name, true);
  let name = MYSQL_ALIASES[original] ?? original;
  let args = (spelling.args ?? []).map((arg) => arg.trim());
  let unsigned = spelling.unsigned || original === 'serial' || undefined;
  if (name === 'bool' || name === 'boolean') {
    name = 'tinyint';
    args = ['1'];
  } else if (MYSQL_INTEGERS.has(name)) {
    if (!(name === 'tinyint' && args[0] === '1')) args = [];
  } else if (name === 'decimal') {
    args = [args[0] ?? '10', args[1] ?? '0'];
  } else if (name === 'float' && args.length === 1) {
    name = Number(args[0]) <= 24 ? 'float' : 'double';
    args = [];
  } else if ((name === 'char' || name === 'binary' || name === 'bit') && args.length === 0) {
    args = ['1'];
  } else if (name === 'year') {
    args = [];
  }
  const type: ColumnType = { name, args, arrayDims: 0 };
  if (unsigned) type.unsigned = true;
  return withOptional(type, spelling.values);
}

function withOptional(type: ColumnType, values: readonly string[] | undefined): ColumnType {
  if (values && values.length) type.values = [...values];
  return type;
}

export function sameType(a: ColumnType, b: ColumnType): boolean {
  return formatType(a) === formatType(b);
}

/** SQL spelling of a normalised type: `character varying(255)[]`, `int unsigned`, `enum('a','b')`. */
export function formatType(type: ColumnType): string {
  const values = type.values?.map((value) => `'${value.replace(/'/g, "''")}'`).join(',');
  const args = values !== undefined ? `(${values})` : type.args.length ? `(${type.args.join(',')})` : '';
  // PostgreSQL writes the precision of time types before "with/without time zone".
  const zone = /^(timestamp|time) (with(?:out)? time zone)$/.exec(type.name);
  let text = zone && args ? `${zone[1]}${args} ${zone[2]}` : `${type.name}${args}`;
  if (type.unsigned) text += ' unsigned';
  return text + '[]'.repeat(type.arrayDims);
}

/**
 * Splits a catalog's type text (`character varying(255)[]`, `int(11) unsigned`,
 * `enum('a','b')`, `timestamp(3) with time zone`) into a spelling normalizeType accepts.
 */
export function parseTypeText(text: string): TypeSpelling {
  let rest = text.trim();
  let arrayDims = 0;
  while (rest.endsWith('[]')) {
    arrayDims++;
    rest = rest.slice(0, -2).trimEnd();
  }
  let unsigned: boolean | undefined;
  const flags = /\s+(unsigned|zerofill)(\s+zerofill)?$/i.exec(rest);
  if (flags) {
    unsigned = /unsigned/i.test(flags[0]) || undefined;
    rest = rest.slice(0, flags.index);
  }
  const open = rest.indexOf('(');
  if (open < 0) return { name: rest, args: [], arrayDims, unsigned };
  const close = rest.lastIndexOf(')');
  const name = `${rest.slice(0, open)}${rest.slice(close + 1)}`.trim();
  const inside = rest.slice(open + 1, close);
  if (/^(enum|set)$/i.test(name)) return { name, args: [], arrayDims, unsigned, values: splitQuotedList(inside) };
  return { name, args: inside.split(',').map((arg) => arg.trim()), arrayDims, unsigned };
}

/** `'a','b''c'` → ['a', "b'c"]. */
function splitQuotedList(text: string): string[] {
  const values: string[] = [];
  const pattern = /'((?:[^']|'')*)'/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) values.push(match[1].replace(/''/g, "'"));
  return values;
}
