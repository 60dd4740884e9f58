// The three missing-*-reference rules differ only in the kinds of object they report; this
// builds each from its metadata and kinds, so the check and its wording stay one.

import type { SchemaObjectKind } from '../../schema/model.js';
import type { Rule, RuleMeta } from '../rule.js';
import { missingReferenceReport } from './describe.js';
import { dependencyFacts } from './references.js';

export function missingReferenceRule(meta: RuleMeta, kinds: readonly SchemaObjectKind[]): Rule {
  return {
    ...meta,
    checkSet(ctx) {
      const replay = ctx.replay();
      for (const reference of dependencyFacts(ctx.set, replay).missing) {
        if (!kinds.includes(reference.objectKind)) continue;
        const { message, related } = missingReferenceReport(reference, replay.baseline !== undefined);
        ctx.report({ file: reference.at.part.file, range: reference.range, message, related });
      }
    },
  };
}
