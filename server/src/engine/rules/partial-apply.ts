// What a failing statement leaves behind on MySQL and MariaDB. Both commit each DDL statement as
// it runs (inside a transaction or not), so when the third statement of a migration fails, the
// first two stay applied and the migration is left half done; running it again then fails on
// them. Every error that says a statement will fail says which earlier ones will have stayed.

import type { Statement } from '../model/changes.js';
import { changesSchema } from './mysql/implicit-commit.js';
import type { FileState } from './rule-cache.js';

const isDdl = ({ change }: Statement) =>
  changesSchema(change) || (change?.kind === 'other' && /^(?:create|alter|drop|rename)\b/.test(change.statementType));

/**
 * The sentence to add to an error at `offset` of a MySQL-family file: the DDL statements before
 * it in its up part, which stay applied when it fails. Undefined elsewhere.
 */
export function partialApplyNote(state: FileState, offset: number): string | undefined {
  if (state.dialect === 'postgres') return undefined;
  const part = state.parts.find((candidate) => candidate.direction === 'up' && offset >= candidate.start && offset <= candidate.end);
  if (!part) return undefined;
  const index = part.statements.findIndex((statement) => offset >= statement.range.start && offset <= statement.range.end);
  const applied = index > 0 ? part.statements.slice(0, index).filter(isDdl) : [];
  if (applied.length === 0) return undefined;
  const lines = applied.map((statement) => state.lines.positionAt(statement.range.start).line + 1);
  const where = lines.length === 1 ? `the statement on line ${lines[0]}` : `the ${lines.length} statements on lines ${lines.slice(0, -1).join(', ')} and ${lines.at(-1)}`;
  return (
    `${state.dialect === 'mariadb' ? 'MariaDB' : 'MySQL'} commits each DDL statement as it runs: when this one fails, ${where} before it stay applied. ` +
    `Undo ${lines.length === 1 ? 'it' : 'them'} by hand before running the migration again, or fix this statement first.`
  );
}
