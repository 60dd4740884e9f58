// The three missing-*-reference rules differ only in the kinds of object they report; this
// builds each from its metadata and kinds, so the check and its wording stay one.

import type { Statement } from '../../model/changes.js';
import type { SchemaObjectKind } from '../../schema/model.js';
import type { Rule, RuleMeta, SetContext } from '../rule.js';
import { missingReferenceReport } from './describe.js';
import { dependencyFacts, type MissingReference } from './references.js';
import { mentionsWord } from '../../model/text.js';

export function missingReferenceRule(meta: RuleMeta, kinds: readonly SchemaObjectKind[]): Rule {
  return {
    ...meta,
    checkSet(ctx) {
      const replay = ctx.replay();
      let unparsed: Statement[] | undefined;
      for (const reference of dependencyFacts(ctx).missing) {
        if (!kinds.includes(reference.objectKind)) continue;
        // A statement that does not parse may be the one that creates it: the syntax error is the
        // finding there, and "no migration creates it" would be a second, misleading one.
        if (reference.fate.kind === 'never-created' && (unparsed ??= unparsedUpStatements(ctx)).some((statement) => mentions(statement, reference))) continue;
        const { message, related } = missingReferenceReport(reference, replay.baseline !== undefined);
        ctx.report({ file: reference.at.part.file, range: reference.range, message, related });
      }
    },
  };
}

function unparsedUpStatements(ctx: SetContext): Statement[] {
  return ctx.set.migrations.flatMap((migration) => (migration.up ? (ctx.statements(migration.up) ?? []) : [])).filter((s) => s.syntaxError);
}

/** Whether the statement's text names the object (its own name, without the table qualifier). */
function mentions(statement: Statement, reference: MissingReference): boolean {
  return mentionsWord(statement.text, reference.name.slice(reference.name.lastIndexOf('.') + 1));
}
