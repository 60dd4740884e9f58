// Every statement of a replayed set in the order the set runs them, with the schemas around it:
// what the dependency rules walk. Down parts follow their up part, as replay applies them.

import type { Statement } from '../../model/changes.js';
import type { MigrationPart } from '../../model/migration-set.js';
import type { Schema } from '../../schema/model.js';
import type { MigrationReplay, PartReplay, SetReplay, StatementStep } from '../../schema/replay.js';

export interface ReplayedStatement {
  migration: MigrationReplay;
  part: MigrationPart;
  statement: Statement;
  step: StatementStep;
  /** The schema just before the statement. */
  before: Schema;
  /** The schema just after it. */
  after: Schema;
  /** Position of the statement in its part. */
  index: number;
  partReplay: PartReplay;
}

export function* replayedStatements(replay: SetReplay): Generator<ReplayedStatement> {
  for (const migration of replay.all()) {
    for (const partReplay of [migration.up, migration.downResult]) {
      if (!partReplay) continue;
      const { steps } = partReplay;
      for (let index = 0; index < steps.length; index++) {
        const step = steps[index];
        const after = steps[index + 1]?.before ?? partReplay.after;
        yield { migration, part: partReplay.part, statement: step.statement, step, before: step.before, after, index, partReplay };
      }
    }
  }
}
