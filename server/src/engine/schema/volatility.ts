// Whether a PostgreSQL default is volatile on a given snapshot: ADD COLUMN with a volatile default
// writes it into every row (a rewrite); any other default is stored once in the catalog (11+).
// Built-in functions are classed by the parser; a user's function is as volatile as the
// migration that created it declared, and VOLATILE when none did (PostgreSQL's default).

import type { Expression, FunctionCall } from '../model/changes.js';
import type { Schema } from './model.js';
import { objectKey } from './names.js';

export interface VolatileCall {
  call: FunctionCall;
  /** A migration created the function (without STABLE or IMMUTABLE); false: no migration did. */
  created: boolean;
  /**
   * The call passes arguments to a stable built-in that takes none (`now(123)`): it is not that
   * built-in but another function of the same name, as volatile as any unknown function.
   */
  withArguments?: boolean;
}

/**
 * Stable built-ins that take no argument. Called with arguments (`now(123)`) the name resolves to
 * another function, the built-in has no such overload: only the exact, argument-less form is the
 * stable built-in (squawk's adding-field-with-default exempts only that form too).
 */
const ARGUMENTLESS_BUILTINS = ['now', 'statement_timestamp', 'transaction_timestamp', 'current_database', 'current_schema', 'inet_client_addr', 'uuid_nil', 'uuid_ns_dns', 'uuid_ns_url', 'uuid_ns_oid', 'uuid_ns_x500'];
const CALLED_WITH_ARGUMENTS = new RegExp(`(?<![\\w$."])(?:pg_catalog\\s*\\.\\s*)?"?(${ARGUMENTLESS_BUILTINS.join('|')})"?\\s*\\((?!\\s*\\))`, 'i');

/** An argument-less built-in called with arguments in `sql` (string literals skipped), if any. */
function builtinCalledWithArguments(sql: string): string | undefined {
  const code = sql.replace(/'(?:[^']|'')*'/g, "''");
  return CALLED_WITH_ARGUMENTS.exec(code)?.[1].toLowerCase();
}

/** The call that makes `expression` volatile on `schema`, if one does; undefined when it is not. */
export function volatileCall(expression: Expression, schema: Schema | undefined): VolatileCall | undefined {
  for (const call of expression.calls ?? []) {
    const made = schema?.functions.get(objectKey('postgres', call));
    if (made?.volatility !== 'stable' && made?.volatility !== 'immutable') return { call, created: made !== undefined };
  }
  const overloaded = builtinCalledWithArguments(expression.sql);
  if (overloaded) {
    const call = { name: overloaded };
    const made = schema?.functions.get(objectKey('postgres', call));
    if (made?.volatility !== 'stable' && made?.volatility !== 'immutable') return { call, created: made !== undefined, withArguments: true };
  }
  return undefined;
}

/** True when the default is evaluated for every row: a volatile built-in or a volatile user function. */
export const isVolatileDefault = (expression: Expression, schema: Schema | undefined): boolean =>
  expression.kind === 'volatile' || volatileCall(expression, schema) !== undefined;
