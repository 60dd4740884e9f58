// prefer-bigint-over-int and prefer-bigint-over-smallint differ only in the type and its limit.

import type { Rule, RuleMeta } from '../rule.js';
import { columnLabel, columnTypeRule, renameType } from './column-types.js';

export function narrowIntegerRule(meta: RuleMeta, narrow: { typeName: string; bits: number; max: string }): Rule {
  return columnTypeRule(meta, (declared) => {
    const { type, column } = declared;
    if (type.name !== narrow.typeName) return undefined;
    // A serial column keeps its sequence as bigserial; a plain type keeps its array brackets.
    const serial = column?.serial === true;
    const to = serial ? 'bigserial' : 'bigint';
    return {
      message: `${columnLabel(declared)} is a ${narrow.bits}-bit \`${type.raw}\`: it overflows at ${narrow.max} and widening it later rewrites the table. Use \`${to}\`.`,
      replacement: { text: renameType(type.raw, to, !serial), title: `Change \`${type.raw}\` to \`${to}\`` },
    };
  });
}
