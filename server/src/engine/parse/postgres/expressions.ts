// Expressions keep their source text and a coarse class that the safety rules need: a constant
// default is a metadata-only change from PostgreSQL 11; a volatile one rewrites the table.

import type { Node } from 'libpg-query';
import type { Expression } from '../../model/changes.js';
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

export function expression(ctx: PgContext, node: Node | undefined, range: SourceRange): Expression {
  return { sql: slice(ctx, range), kind: node ? classify(node) : 'expression', range };
}

function classify(node: Node): Expression['kind'] {
  if (callsVolatile(node)) return 'volatile';
  return isConstant(node) ? 'constant' : 'expression';
}

function isConstant(node: Node): boolean {
  if ('A_Const' in node) return true;
  if ('TypeCast' in node) return node.TypeCast.arg !== undefined && isConstant(node.TypeCast.arg);
  return false;
}

function callsVolatile(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const call = (value as { FuncCall?: { funcname?: Node[] } }).FuncCall;
  if (call && VOLATILE_FUNCTIONS.has(stringValues(call.funcname).pop() ?? '')) return true;
  for (const key in value) if (callsVolatile((value as Record<string, unknown>)[key])) return true;
  return false;
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
