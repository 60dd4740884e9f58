// The three missing-*-reference rules differ only in the kinds of object they report; this
// builds each from its metadata and kinds, so the check and its wording stay one.

import type { Statement } from '../../model/changes.js';
import type { MigrationPart } from '../../model/migration-set.js';
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
      let runTime: RunTimeSql[] | undefined;
      for (const reference of dependencyFacts(ctx).missing) {
        if (!kinds.includes(reference.objectKind)) continue;
        if (reference.fate.kind === 'never-created') {
          // A statement that does not parse may be the one that creates it: the syntax error is the
          // finding there, and "no migration creates it" would be a second, misleading one.
          if ((unparsed ??= unparsedUpStatements(ctx)).some((statement) => mentions(statement, reference))) continue;
          // SQL built or kept for run time may create it: not an error, but say why it is assumed.
          const source = (runTime ??= runTimeSql(ctx)).find(({ statements }) => statements.some((statement) => mentions(statement, reference)));
          if (source) {
            const fate = `which no statement the replay can read creates; SQL that runs ${source.what} mentions \`${objectName(reference)}\` and is taken to create it`;
            const { message, related } = missingReferenceReport(reference, replay.baseline !== undefined, fate);
            const runs = { file: source.part.file, range: source.statement.range, message: `SQL that runs ${source.what}` };
            ctx.report({ file: reference.at.part.file, range: reference.range, severity: 'info', message, related: [...related, runs] });
            continue;
          }
        }
        const { message, related } = missingReferenceReport(reference, replay.baseline !== undefined);
        ctx.report({ file: reference.at.part.file, range: reference.range, message, related });
      }
    },
  };
}

function unparsedUpStatements(ctx: SetContext): Statement[] {
  return upStatements(ctx).flatMap(({ statements }) => statements.filter((s) => s.syntaxError));
}

interface RunTimeSql {
  part: MigrationPart;
  /** The statement that runs it. */
  statement: Statement;
  /** Where its text may be: the routine or block itself, or every statement of a part that builds SQL. */
  statements: readonly Statement[];
  what: string;
}

/** DDL inside a routine or block body, or SQL executed from text. */
const RUNS_SQL = /\b(?:create|alter)\s+(?:table|(?:unique\s+)?index|view)\b|\badd\s+(?:column|index|key|constraint|unique)\b|\bexecute\b|\bprepare\b/i;

/**
 * Statements whose effect the replay cannot read: EXECUTE of SQL built from something other than
 * literals (parse/mysql/dynamic-sql.ts), and routines and PostgreSQL DO blocks with DDL or
 * EXECUTE in their bodies.
 */
function runTimeSql(ctx: SetContext): RunTimeSql[] {
  return upStatements(ctx).flatMap(({ part, statements }) =>
    statements.flatMap((statement): RunTimeSql[] => {
      if (statement.dynamic && statement.dynamic.sql === undefined) return [{ part, statement, statements, what: 'from text built while the migration runs' }];
      const change = statement.change;
      const body = change?.kind === 'create-function' || change?.kind === 'create-trigger' || (change?.kind === 'other' && change.statementType === 'DoStmt');
      if (!body || !RUNS_SQL.test(statement.text)) return [];
      const what = change.kind === 'other' ? 'in a DO block' : change.kind === 'create-trigger' ? 'in a trigger' : change.procedure ? 'in a procedure' : 'in a function';
      return [{ part, statement, statements: [statement], what }];
    }),
  );
}

function upStatements(ctx: SetContext): { part: MigrationPart; statements: readonly Statement[] }[] {
  return ctx.set.migrations.flatMap((migration) => {
    const statements = migration.up && ctx.statements(migration.up);
    return migration.up && statements ? [{ part: migration.up, statements }] : [];
  });
}

/** The object's own name, without the table qualifier. */
const objectName = (reference: MissingReference) => reference.name.slice(reference.name.lastIndexOf('.') + 1);

/** Whether the statement's text names the object. */
function mentions(statement: Statement, reference: MissingReference): boolean {
  return mentionsWord(statement.text, objectName(reference));
}
