import type { Statement } from '../../model/changes.js';
import { DIALECTS, type SourceRange } from '../../model/source.js';
import { compareSchemas, type SchemaDifference } from '../../schema/compare.js';
import type { Schema } from '../../schema/model.js';
import type { PartReplay } from '../../schema/replay.js';
import type { RelatedReport, Rule } from '../rule.js';
import { describeObject } from './object-words.js';

export const downDoesNotRestore: Rule = {
  id: 'down-does-not-restore',
  category: 'integrity',
  dialects: DIALECTS,
  severity: 'warning',
  docs: {
    summary: 'A down part does not bring the schema back to what it was before its up part.',
    why:
      'A rollback is the plan for a bad deploy. A down that leaves a table behind makes the next up fail ' +
      '("relation already exists"); a down that forgets a column the up dropped, or an index it removed, leaves a ' +
      'schema no migration version describes, so the application built for the earlier version breaks. The check ' +
      'replays the up, then the down, and compares the result with the schema before the up. Migrations without a ' +
      'down part, or with an empty one (irreversible by intent), are not checked: missing-down-migration covers ' +
      'them. Parts that do not parse are not checked either, since their effect is unknown.',
    fix:
      'Make the down undo every change of the up, in reverse order: drop what the up created, recreate what it ' +
      'dropped (with the same columns, types, nullability and indexes), revert altered columns. If the change ' +
      'cannot be undone (data was dropped), leave the down part empty to say so.',
    examples: [
      {
        bad: '-- 007_wanted_movies.up.sql\nCREATE TABLE wanted_movies (id BIGSERIAL PRIMARY KEY);\nALTER TABLE movies DROP COLUMN tmdb_id;\n-- 007_wanted_movies.down.sql\nALTER TABLE movies ADD COLUMN tmdb_id INTEGER;',
        good: '-- 007_wanted_movies.down.sql\nALTER TABLE movies ADD COLUMN tmdb_id INTEGER;\nDROP TABLE wanted_movies;',
      },
    ],
  },
  checkMigration(ctx) {
    const { up, down } = ctx.migration;
    if (!up || !down) return;
    const downStatements = ctx.statements(down);
    const upStatements = ctx.statements(up);
    if (!downStatements || !upStatements || downStatements.length === 0) return;
    if (hasUnknownEffect(upStatements) || hasUnknownEffect(downStatements)) return;
    const replay = ctx.replay();
    if (!replay.up || !replay.downResult) return;
    const upReplay = replay.up;
    for (const difference of compareSchemas(replay.before, replay.downResult.after)) {
      const cause = statementThatMade(difference, upReplay);
      const related: RelatedReport[] = cause ? [{ file: up.file, range: cause, message: `the up changes ${describeObject(difference.objectKind, difference.object)} here` }] : [];
      ctx.report({ file: down.file, range: ctx.anchor(down), message: explain(difference, cause !== undefined), related });
    }
  },
};

/** A statement that did not parse changed the schema in a way the replay cannot know. */
const hasUnknownEffect = (statements: readonly Statement[]): boolean => statements.some((statement) => statement.syntaxError !== undefined);

function explain(difference: SchemaDifference, changedByUp: boolean): string {
  const object = describeObject(difference.objectKind, difference.object);
  if (difference.property === 'exists') {
    if (difference.actual !== undefined) return `down leaves ${object} behind`;
    return changedByUp ? `down does not restore ${object} dropped by the up` : `down drops ${object}, which existed before the up`;
  }
  const nullability = difference.property === 'nullable';
  const value = (text: string | undefined) => (text === undefined ? 'unset' : nullability ? (text === 'true' ? 'NULL' : 'NOT NULL') : `\`${text}\``);
  const verb = changedByUp ? 'does not restore' : 'changes';
  const property = nullability ? 'nullability' : difference.property;
  return `down ${verb} the ${property} of ${object}: it was ${value(difference.expected)} before the up and is ${value(difference.actual)} after the down`;
}

/**
 * The first up statement after which the difference shows (compared with the schema before the
 * up): where the user looks to see what the down must undo. Differences the up did not cause
 * (the down did too much) have none.
 */
function statementThatMade(difference: SchemaDifference, up: PartReplay): SourceRange | undefined {
  // Dropping or creating a table accounts for its columns, keys and indexes too.
  const sameDifference = (other: SchemaDifference) =>
    (other.objectKind === difference.objectKind && other.object === difference.object && other.property === difference.property) ||
    (other.objectKind === 'table' && other.property === 'exists' && (difference.object.startsWith(`${other.object}.`) || difference.object === `${other.object} primary key`));
  const schemaAfter = (i: number): Schema => up.steps[i + 1]?.before ?? up.after;
  if (!compareSchemas(up.before, up.after).some(sameDifference)) return undefined;
  const step = up.steps.findIndex((_, i) => compareSchemas(up.before, schemaAfter(i)).some(sameDifference));
  return step < 0 ? undefined : up.steps[step].statement.range;
}
