// The three missing-*-reference rules differ only in the kinds of object they report; this
// builds each from its metadata and kinds, so the check and its wording stay one.

import type { Statement } from '../../model/changes.js';
import type { MigrationPart } from '../../model/migration-set.js';
import type { Dialect } from '../../model/source.js';
import type { SchemaObjectKind } from '../../schema/model.js';
import type { Report, Rule, RuleMeta, SetContext } from '../rule.js';
import { missingReferenceReport } from './describe.js';
import { ASSUMED_WITHIN, dependencyFacts, TABLE_MEMBERS, type MissingReference } from './references.js';
import { createFileEdit, type FixDraft } from '../../fixes/edits.js';
import { joinPath } from '../../host.js';
import { mentionsWord } from '../../model/text.js';

/** How many of a file's other uses of the same missing object are listed with the first. */
const LISTED_USES = 10;

export function missingReferenceRule(meta: RuleMeta, kinds: readonly SchemaObjectKind[]): Rule {
  return {
    ...meta,
    checkSet(ctx) {
      const replay = ctx.replay();
      let unparsed: Statement[] | undefined;
      let runTime: RunTimeSql[] | undefined;
      // One root cause, one finding per file: the first use, with the count and places of the others.
      const byCause = new Map<string, { report: Report; more: MissingReference[] }>();
      for (const reference of dependencyFacts(ctx).missing) {
        if (!kinds.includes(reference.objectKind)) continue;
        const cause = `${reference.at.part.file}\u0000${reference.objectKind}\u0000${reference.key}\u0000${reference.fate.kind}`;
        const seen = byCause.get(cause);
        if (seen) {
          seen.more.push(reference);
          continue;
        }
        const report = reportOf(ctx, reference, replay.baseline !== undefined, () => (unparsed ??= unparsedUpStatements(ctx)), () => (runTime ??= runTimeSql(ctx)));
        if (report) byCause.set(cause, { report, more: [] });
      }
      for (const { report, more } of byCause.values()) {
        if (more.length === 0) {
          ctx.report(report);
          continue;
        }
        ctx.report({
          ...report,
          message: `${report.message} It is used ${more.length} more time${more.length === 1 ? '' : 's'} in this file.`,
          related: [...(report.related ?? []), ...more.slice(0, LISTED_USES).map((use) => ({ range: use.range, message: 'used here too' }))],
        });
      }
    },
  };
}

/** The report a missing reference makes, or none when a statement the replay cannot read explains it. */
function reportOf(ctx: SetContext, reference: MissingReference, baseline: boolean, unparsed: () => Statement[], runTime: () => RunTimeSql[]): Report | undefined {
  const at = { file: reference.at.part.file, range: reference.range };
  if (reference.fate.kind === 'never-created') {
    // A statement that does not parse may be the one that creates it: the syntax error is the
    // finding there, and "no migration creates it" would be a second, misleading one.
    if (unparsed().some((statement) => mentions(statement, reference))) return undefined;
    // SQL built or kept for run time may create it: not an error, but say why it is assumed.
    const source = runTime().find(({ texts }) => texts.some((text) => mentionsWord(text, objectName(reference))));
    if (source) {
      const fate = `which no statement the replay can read creates; SQL that runs ${source.what} mentions \`${objectName(reference)}\` and is taken to create it`;
      const { message, related } = missingReferenceReport(reference, baseline, fate);
      const runs = { file: source.part.file, range: source.statement.range, message: `SQL that runs ${source.what}` };
      return { ...at, severity: 'info', message, related: [...related, runs] };
    }
  }
  const { message, related } = missingReferenceReport(reference, baseline);
  if (!mayHaveExistedBefore(reference, baseline)) return { ...at, message, related };
  return {
    ...at,
    message: `${message} If the database had it before this history began, set "assumeExistingSchema": true in .migration-lens.json.`,
    related,
    fixes: ctx.settings.configFile ? [] : [assumeExistingSchemaFix(ctx)],
  };
}

/** A table (or other object of its own) no migration creates, used where a history begun on an existing database would use it. */
function mayHaveExistedBefore(reference: MissingReference, baseline: boolean): boolean {
  return !baseline && reference.fate.kind === 'never-created' && reference.at.index < ASSUMED_WITHIN && !TABLE_MEMBERS.has(reference.objectKind);
}

/** Creates the project's settings file beside the set, saying the history starts on an existing database. */
function assumeExistingSchemaFix(ctx: SetContext): FixDraft {
  return {
    title: 'The history starts on an existing database: create .migration-lens.json with "assumeExistingSchema": true',
    edits: [createFileEdit(joinPath(ctx.set.root, '.migration-lens.json'), '{\n  "assumeExistingSchema": true\n}\n')],
  };
}

function unparsedUpStatements(ctx: SetContext): Statement[] {
  return upStatements(ctx).flatMap(({ statements }) => statements.filter((s) => s.syntaxError));
}

interface RunTimeSql {
  part: MigrationPart;
  /** The statement that runs it. */
  statement: Statement;
  /** Where its text may be: a routine's or block's body, or every statement of a part that builds SQL. */
  texts: readonly string[];
  what: string;
}

/** DDL, or SQL executed from text, in a body. */
const RUNS_SQL = /\b(?:create|alter)\s+(?:table|(?:unique\s+)?index|view)\b|\badd\s+(?:column|index|key|constraint|unique)\b|\bexecute\b|\bprepare\b/i;

/**
 * Statements whose effect the replay cannot read: EXECUTE of SQL built from something other than
 * literals (parse/mysql/dynamic-sql.ts), and routines, MySQL triggers and PostgreSQL DO blocks
 * with DDL or EXECUTE in their bodies.
 */
function runTimeSql(ctx: SetContext): RunTimeSql[] {
  return upStatements(ctx).flatMap(({ part, statements }) =>
    statements.flatMap((statement): RunTimeSql[] => {
      if (statement.dynamic && statement.dynamic.sql === undefined) {
        return [{ part, statement, texts: statements.map((s) => s.text), what: 'from text built while the migration runs' }];
      }
      const body = bodyOf(statement, ctx.set.dialect);
      return body && RUNS_SQL.test(body.text) ? [{ part, statement, texts: [body.text], what: body.what }] : [];
    }),
  );
}

/** The body a statement keeps for later, if it has one. */
function bodyOf(statement: Statement, dialect: Dialect): { text: string; what: string } | undefined {
  const change = statement.change;
  if (change?.kind === 'other' && change.statementType === 'DoStmt') return { text: statement.text, what: 'in a DO block' };
  if (change?.kind === 'create-function' && change.bodyRange) {
    const start = statement.range.start;
    return { text: statement.text.slice(change.bodyRange.start - start, change.bodyRange.end - start), what: change.procedure ? 'in a procedure' : 'in a function' };
  }
  // A PostgreSQL trigger calls a function (EXECUTE FUNCTION f()); a MySQL trigger has its body after FOR EACH ROW.
  if (change?.kind === 'create-trigger' && dialect !== 'postgres') {
    const body = /\bfor\s+each\s+row\b/i.exec(statement.text);
    return body ? { text: statement.text.slice(body.index + body[0].length), what: 'in a trigger' } : undefined;
  }
  return undefined;
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
