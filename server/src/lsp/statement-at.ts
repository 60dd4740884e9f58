// Which statement of which migration sits at a position: hovers describe it and the ignore
// actions put their comment above it. Read from the last analysis's replays, which already hold
// every statement with the schema just before it.

import type { Analysis, Dialect } from '../engine/index.js';
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
      const parts = [migration.up, migration.down].filter((part) => part?.file === path && part.range.start <= offset && offset <= part.range.end);
      if (parts.length === 0) continue;
      const migrationReplay = replay.migration(index);
      for (const part of [migrationReplay.up, migrationReplay.downResult]) {
        const step = part?.steps.find(({ statement }) => statement.range.start <= offset && offset <= statement.range.end);
        if (step && parts.includes(part?.part)) return { step, dialect: set.dialect };
      }
    }
  }
  return undefined;
}
