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
}

/** The call that makes `expression` volatile on `schema`, if one does; undefined when it is not. */
export function volatileCall(expression: Expression, schema: Schema | undefined): VolatileCall | undefined {
  for (const call of expression.calls ?? []) {
    const made = schema?.functions.get(objectKey('postgres', call));
    if (made?.volatility !== 'stable' && made?.volatility !== 'immutable') return { call, created: made !== undefined };
  }
  return undefined;
}

/** True when the default is evaluated for every row: a volatile built-in or a volatile user function. */
export const isVolatileDefault = (expression: Expression, schema: Schema | undefined): boolean =>
  expression.kind === 'volatile' || volatileCall(expression, schema) !== undefined;
