import type { Migration, MigrationSet } from '../../model/migration-set.js';
import { DIALECTS } from '../../model/source.js';
import type { Schema } from '../../schema/model.js';
import { mainPart } from '../integrity/versions.js';
import type { RelatedReport, Rule, SetContext } from '../rule.js';
import { factDifferences, type FactDifference } from './fact-differences.js';
import type { PortableFact } from './portable-schema.js';
import { changedTableNames, portableFacts, tableKey } from './portable-schema.js';
import { pairVersions, siblingAnchor, treeName } from './sibling-trees.js';

export const siblingSchemaDrift: Rule = {
  id: 'sibling-schema-drift',
  category: 'dialect',
  dialects: DIALECTS,
  severity: 'warning',
  docs: {
    summary: 'Two parallel trees of one schema (postgres/ and mysql/) define different tables, columns, keys or indexes after the same version.',
    why:
      'The application runs against either database and expects the same schema; a column that is nullable in ' +
      'one tree, an index or foreign key present in one only, or a JSONB column that became TEXT in the other ' +
      'surfaces as a bug on one database only. Each difference is reported where it appears, in both trees, at ' +
      'the statement that made it (or that made the table without it), with the other tree\'s statement as related ' +
      'location; it is not repeated while it stands, and is reported again if it reappears after the trees agreed ' +
      'or its table was made again. Types are ' +
      'compared through a mapping (JSONB ↔ JSON, BIGSERIAL ↔ BIGINT AUTO_INCREMENT, SERIAL ↔ INT AUTO_INCREMENT, ' +
      'TIMESTAMPTZ ↔ TIMESTAMP/DATETIME, BOOLEAN ↔ TINYINT(1), UUID ↔ CHAR(36), TEXT ↔ TEXT/MEDIUMTEXT/LONGTEXT, ' +
      'NUMERIC ↔ DECIMAL, DOUBLE PRECISION ↔ DOUBLE, BYTEA ↔ BLOB/LONGBLOB, enum types ↔ inline ENUM); MySQL\'s ' +
      'UNSIGNED is ignored, RESTRICT equals NO ACTION. What the dialects do differently on purpose is not ' +
      'compared: defaults, check constraints, views, functions and triggers, index methods and predicates, names ' +
      'of constraints and indexes.',
    fix:
      'Make the later migration of the lagging tree do the same change in its dialect (or fix the first one ' +
      'where they differ). A difference that is deliberate can be silenced on the statement with ' +
      '`-- migration-lens-ignore sibling-schema-drift`.',
    examples: [
      {
        bad: '-- postgres/003_add_settings.up.sql\nALTER TABLE users ADD COLUMN settings JSONB NOT NULL;\n-- mysql/003_add_settings.up.sql\nALTER TABLE users ADD COLUMN settings TEXT;',
        good: '-- mysql/003_add_settings.up.sql\nALTER TABLE users ADD COLUMN settings JSON NOT NULL;',
      },
    ],
  },
  checkSet(ctx) {
    for (const sibling of ctx.siblings) checkAgainst(ctx, sibling);
  },
};

function checkAgainst(ctx: SetContext, sibling: MigrationSet): void {
  const other = treeName(ctx.set, sibling);
  const { pairs, unsharedMine, unsharedTheirs } = pairVersions(ctx.set, sibling);
  const mySnapshots = ctx.replay();
  const theirSnapshots = ctx.replayOf(sibling);
  // The differences standing after the last pair, by table: one is reported when it appears, and
  // again whenever it appears anew (the trees agreed in between, or the table was made again).
  const standing = new Map<string, Set<string>>();
  let previous: [Schema, Schema] | undefined;
  for (const { mine, index, theirs, theirIndex } of pairs) {
    if (!theirs) continue;
    const compared: [Schema, Schema] = [mySnapshots.migration(index).after, theirSnapshots.migration(theirIndex).after];
    if (previous && previous[0] === compared[0] && previous[1] === compared[1]) continue;
    // Only tables that changed on either side since the last pair can differ anew: the others'
    // differences stand as they were.
    const names = new Set([...changedTableNames(previous?.[0], compared[0]), ...changedTableNames(previous?.[1], compared[1])]);
    previous = compared;
    // A statement that did not parse left the replay incomplete: what differs now is not known to differ.
    const unknown = !parsesFully(ctx, ctx.set, mine) || !parsesFully(ctx, sibling, theirs);
    const myFacts = portableFacts(compared[0], names);
    const byTable = new Map<string, Set<string>>([...names].map((name) => [tableKey(name), new Set<string>()]));
    for (const difference of factDifferences(myFacts, portableFacts(compared[1], names), unsharedMine, unsharedTheirs)) {
      const table = tableOf(difference);
      byTable.get(table)?.add(difference.signature);
      if (!unknown && !standing.get(table)?.has(difference.signature)) report(ctx, sibling, other, mine, theirs, difference, myFacts);
    }
    for (const [table, signatures] of byTable) standing.set(table, signatures);
  }
}

/** The key of the table a difference is about: the fact's own for a table, else its parent's. */
function tableOf({ mine, theirs }: FactDifference): string {
  const fact = (mine ?? theirs)!;
  return fact.parent ?? fact.key;
}

function parsesFully(ctx: SetContext, set: MigrationSet, migration: Migration): boolean {
  return !migration.up || (ctx.statements(migration.up, set)?.every((statement) => !statement.syntaxError) ?? false);
}

function report(
  ctx: SetContext,
  sibling: MigrationSet,
  other: string,
  mine: Migration,
  theirs: Migration,
  difference: FactDifference,
  myFacts: ReadonlyMap<string, PortableFact>,
): void {
  const part = mainPart(mine);
  const madeHere = (fact: PortableFact | undefined, migration: Migration) =>
    fact?.origin && fact.origin.file === migration.up?.file && fact.origin.direction === 'up' ? fact.origin : undefined;
  // Missing here: at the statement of this version that made its table without it, when one did.
  const myTable = difference.theirs?.parent === undefined ? undefined : myFacts.get(difference.theirs.parent);
  const myOrigin = madeHere(difference.mine, mine) ?? madeHere(difference.mine ? undefined : myTable, mine);
  const theirOrigin = madeHere(difference.theirs, theirs);
  const related: RelatedReport = theirOrigin
    ? { file: theirOrigin.file, range: theirOrigin.range, message: `${difference.theirs!.subject} in \`${other}\`` }
    : { ...siblingAnchor(ctx, sibling, theirs), message: `version ${theirs.version} in \`${other}\`` };
  ctx.report({
    file: part.file,
    range: myOrigin?.range ?? ctx.anchor(part),
    message: describe(difference, other, mine.version),
    related: [related],
  });
}

function describe({ mine, theirs }: FactDifference, other: string, version: string): string {
  const after = `after version ${version}`;
  if (mine && theirs) return `${mine.subject} is \`${mine.value}\` here but \`${theirs.value}\` in \`${other}\` ${after}.`;
  if (mine) return `${mine.subject} exists here but not in \`${other}\` ${after}.`;
  return `${theirs!.subject} is missing here but exists in \`${other}\` ${after}.`;
}
