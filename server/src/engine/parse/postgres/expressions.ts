// Expressions keep their source text and a coarse class that the safety rules need: a constant
// default is a metadata-only change from PostgreSQL 11; a volatile one rewrites the table.

import type { Node } from 'libpg-query';
import type { Expression, FunctionCall } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import { stringValues } from './names.js';
import { slice, type PgContext } from './text.js';

const VOLATILE_FUNCTIONS = new Set([
  'random',
  'random_normal',
  'gen_random_uuid',
  'gen_random_bytes',
  'uuidv4',
  'uuidv7',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'setval',
  'txid_current',
]);

/**
 * Built-in functions that are not volatile, among those defaults and generated columns call: an
 * expression calling only these and constants needs nothing from the schema to be judged. A
 * function outside both lists may be anyone's, so its volatility is looked up in the schema.
 */
const NON_VOLATILE_BUILTINS = new Set([
  // Date and time (stable or immutable).
  'now', 'statement_timestamp', 'transaction_timestamp', 'localtimestamp', 'current_timestamp', 'current_date', 'current_time',
  'date_trunc', 'date_part', 'date_bin', 'extract', 'age', 'make_date', 'make_time', 'make_timestamp', 'make_timestamptz',
  'make_interval', 'to_timestamp', 'to_date', 'to_char', 'to_number', 'timezone', 'justify_days', 'justify_hours', 'justify_interval',
  // Strings.
  'lower', 'upper', 'initcap', 'trim', 'btrim', 'ltrim', 'rtrim', 'substr', 'substring', 'left', 'right', 'lpad', 'rpad', 'repeat',
  'replace', 'translate', 'concat', 'concat_ws', 'format', 'length', 'char_length', 'character_length', 'octet_length', 'position',
  'strpos', 'split_part', 'reverse', 'md5', 'sha224', 'sha256', 'sha384', 'sha512', 'encode', 'decode', 'quote_ident', 'quote_literal',
  'regexp_replace', 'regexp_substr', 'chr', 'ascii', 'to_hex', 'unaccent', 'string_to_array', 'array_to_string', 'convert_to', 'convert_from',
  // Numbers.
  'abs', 'round', 'trunc', 'floor', 'ceil', 'ceiling', 'mod', 'power', 'sqrt', 'greatest', 'least', 'sign', 'div',
  // JSON and arrays.
  'json_build_object', 'jsonb_build_object', 'json_build_array', 'jsonb_build_array', 'to_json', 'to_jsonb', 'row_to_json',
  'array_to_json', 'json_object', 'jsonb_object', 'jsonb_set', 'jsonb_strip_nulls', 'array_length', 'cardinality', 'array_append',
  'array_prepend', 'array_cat', 'array_remove', 'array_fill', 'jsonb_typeof', 'json_typeof',
  // Types, identity and the session.
  'coalesce', 'nullif', 'current_user', 'session_user', 'current_schema', 'current_database', 'current_setting', 'inet_client_addr',
  'uuid_nil', 'uuid_ns_dns', 'uuid_ns_url', 'uuid_generate_v3', 'uuid_generate_v5', 'int4range', 'int8range', 'numrange', 'tsrange',
  'tstzrange', 'daterange', 'to_tsvector', 'setweight', 'digest', 'hmac', 'crypt', 'point', 'st_makepoint', 'st_setsrid',
]);

/**
 * Stable built-ins that take no argument. Called with arguments (`now(123)`) the name resolves to
 * another function, the built-in has no such overload: only the exact, argument-less form is the
 * stable built-in (squawk's adding-field-with-default exempts only that form too).
 */
const ARGUMENTLESS_BUILTINS = new Set(['now', 'statement_timestamp', 'transaction_timestamp', 'current_database', 'current_schema', 'inet_client_addr', 'uuid_nil', 'uuid_ns_dns', 'uuid_ns_url', 'uuid_ns_oid', 'uuid_ns_x500']);

export function expression(ctx: PgContext, node: Node | undefined, range: SourceRange): Expression {
  const sql = slice(ctx, range);
  if (!node) return { sql, kind: 'expression', range };
  const calls = functionCalls(node);
  const unknown = calls.filter(({ schema, name, withArguments }) => withArguments || (!VOLATILE_FUNCTIONS.has(name) && !((schema === undefined || schema === 'pg_catalog') && NON_VOLATILE_BUILTINS.has(name))));
  const kind = calls.some(({ name }) => VOLATILE_FUNCTIONS.has(name)) ? 'volatile' : isConstant(node) ? 'constant' : 'expression';
  return unknown.length ? { sql, kind, calls: unknown, range } : { sql, kind, range };
}

function isConstant(node: Node): boolean {
  if ('A_Const' in node) return true;
  if ('TypeCast' in node) return node.TypeCast.arg !== undefined && isConstant(node.TypeCast.arg);
  return false;
}

/**
 * Every function the expression calls, in order, once each. An argument-less built-in called with
 * arguments is another function: it is kept apart, by name alone, as the one it resolves to.
 */
function functionCalls(value: unknown, found: FunctionCall[] = []): FunctionCall[] {
  if (typeof value !== 'object' || value === null) return found;
  const call = (value as { FuncCall?: { funcname?: Node[]; args?: Node[] } }).FuncCall;
  if (call) {
    const [name, schema] = stringValues(call.funcname).reverse();
    const overload = name !== undefined && (schema === undefined || schema === 'pg_catalog') && ARGUMENTLESS_BUILTINS.has(name) && (call.args?.length ?? 0) > 0;
    const entry: FunctionCall | undefined = !name ? undefined : overload ? { name, withArguments: true } : schema === undefined ? { name } : { schema, name };
    if (entry && !found.some((seen) => seen.name === entry.name && seen.schema === entry.schema && seen.withArguments === entry.withArguments)) found.push(entry);
  }
  for (const key in value) functionCalls((value as Record<string, unknown>)[key], found);
  return found;
}

/** The value of an option or setting as written (`5s`, `70`, `true`). */
export function constantText(arg: Node | undefined): string {
  if (!arg) return '';
  if ('String' in arg) return arg.String.sval ?? '';
  if ('Integer' in arg) return String(arg.Integer.ival ?? 0);
  if ('Float' in arg) return arg.Float.fval ?? '';
  if ('Boolean' in arg) return String(arg.Boolean.boolval ?? false);
  if ('TypeName' in arg) return stringValues(arg.TypeName.names).join('.');
  if ('TypeCast' in arg) return constantText(arg.TypeCast.arg);
  if ('A_Const' in arg) {
    const c = arg.A_Const;
    return c.sval?.sval ?? c.fval?.fval ?? (c.ival ? String(c.ival.ival ?? 0) : c.boolval ? String(c.boolval.boolval ?? false) : '');
  }
  return '';
}
