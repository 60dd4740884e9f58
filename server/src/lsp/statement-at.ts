// Which statement of which migration sits at a position: hovers describe it and the ignore
// actions put their comment above it. Read from the last analysis's replays, which already hold
// every statement with the schema just before it.

import type { Analysis, Dialect } from '../engine/index.js';
import type { Statement } from '../engine/model/changes.js';
import type { MigrationPart } from '../engine/model/migration-set.js';
import type { StatementStep } from '../engine/schema/index.js';

export interface StatementAt {
  step: StatementStep;
  dialect: Dialect;
}

/** The statement of `path` whose range holds `offset` (its end included, where the cursor sits after typing). */
export function statementAt(analysis: Analysis, path: string, offset: number): StatementAt | undefined {
  for (const [i, set] of analysis.sets.entries()) {
    const replay = analysis.replays[i];
    for (const [index, migration] of set.migrations.entries()) {
      if (![migration.up, migration.down].some((part) => part && holds(part, path, offset))) continue;
      const migrationReplay = replay.migration(index);
      // By place, not identity: a replay kept from an earlier analysis holds that analysis's part objects.
      for (const part of [migrationReplay.up, migrationReplay.downResult]) {
        const step = part && holds(part.part, path, offset) ? part.steps.find(({ statement }) => statement.range.start <= offset && offset <= statement.range.end) : undefined;
        if (step) return { step, dialect: set.dialect };
      }
    }
  }
  return undefined;
}

function holds(part: MigrationPart, path: string, offset: number): boolean {
  return part.file === path && part.range.start <= offset && offset <= part.range.end;
}

/** The statements of the up parts in `path`, in file order: what a lock trace runs of it. */
export function upStatementsIn(analysis: Analysis, path: string): Statement[] {
  return analysis.sets.flatMap((set, i) =>
    set.migrations.flatMap((migration, index) => (migration.up?.file === path ? (analysis.replays[i].migration(index).up?.steps ?? []).map((step) => step.statement) : [])),
  );
}
