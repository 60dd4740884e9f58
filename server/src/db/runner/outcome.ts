// What a failed run left in the database, in the words every place uses: the CLI's message, the
// editor's notification and output, and (through the recorded state) the Migrations view and the
// next run's refusal. Rolled back: nothing of the migration remains and its state is as before.
// Not rolled back: the statements that took effect are named, and the migration is recorded as
// failed part-way until someone repairs the database.

import type { StepFailure } from './execute.js';

/** How many of a long list of statements the sentence names; the rest are counted. */
const NAMED = 3;
const SHOWN_CHARACTERS = 60;

export function outcomeSentence(failure: Pick<StepFailure, 'rolledBack' | 'tookEffect' | 'direction' | 'connectionLost'>): string {
  const count = failure.tookEffect.length;
  if (failure.connectionLost) {
    const kept = failure.rolledBack
      ? 'The database rolled it back with the lost session: nothing of it remains.'
      : `${count === 1 ? 'The statement before the one that was running took effect and remains' : `The ${count} statements before the one that was running took effect and remain`} (${named(failure.tookEffect)}).`;
    return `${kept} Its tracking table could not be updated after that: read the status, and where it shows the migration failed or dirty, check the database and record the version it is at with force.`;
  }
  if (failure.rolledBack) return `It was rolled back: nothing of it remains, and it is still ${failure.direction === 'up' ? 'pending' : 'applied'}.`;
  const statements = count === 1 ? 'the statement before the failing one took effect' : `the ${count} statements before the failing one took effect`;
  return `It was NOT rolled back: ${statements} (${named(failure.tookEffect)}), so it is recorded as failed part-way.`;
}

/** The first statements by line and text, the rest counted. */
function named(statements: StepFailure['tookEffect']): string {
  const more = statements.length > NAMED ? `, and ${statements.length - NAMED} more` : '';
  return statements.slice(0, NAMED).map((statement) => `line ${statement.line}: ${abbreviated(statement.text)}`).join('; ') + more;
}

/** The statement's first line, cut to fit a sentence. */
function abbreviated(text: string): string {
  const first = text.split('\n', 1)[0].trim();
  const multiline = first.length < text.trim().length;
  return first.length > SHOWN_CHARACTERS ? `${first.slice(0, SHOWN_CHARACTERS - 1)}…` : multiline ? `${first} …` : first;
}
