// What a failed run left in the database, in the words every place uses: the CLI's message, the
// editor's notification and output, and (through the recorded state) the Migrations view and the
// next run's refusal. Rolled back: nothing of the migration remains and its state is as before.
// Not rolled back: the statements that took effect are named, and the migration is recorded as
// failed part-way until someone repairs the database.

import type { StepFailure } from './execute.js';

/** How many of a long list of statements the sentence names; the rest are counted. */
const NAMED = 3;
const SHOWN_CHARACTERS = 60;

export function outcomeSentence(failure: Pick<StepFailure, 'rolledBack' | 'tookEffect' | 'direction'>): string {
  if (failure.rolledBack) return `It was rolled back: nothing of it remains, and it is still ${failure.direction === 'up' ? 'pending' : 'applied'}.`;
  const count = failure.tookEffect.length;
  const named = failure.tookEffect.slice(0, NAMED).map((statement) => `line ${statement.line}: ${abbreviated(statement.text)}`);
  const more = count > NAMED ? `, and ${count - NAMED} more` : '';
  const statements = count === 1 ? 'the statement before the failing one took effect' : `the ${count} statements before the failing one took effect`;
  return `It was NOT rolled back: ${statements} (${named.join('; ')}${more}), so it is recorded as failed part-way.`;
}

/** The statement's first line, cut to fit a sentence. */
function abbreviated(text: string): string {
  const first = text.split('\n', 1)[0].trim();
  const multiline = first.length < text.trim().length;
  return first.length > SHOWN_CHARACTERS ? `${first.slice(0, SHOWN_CHARACTERS - 1)}…` : multiline ? `${first} …` : first;
}
