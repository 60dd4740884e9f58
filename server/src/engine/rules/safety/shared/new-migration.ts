// Quick fixes that must leave the current transaction (VALIDATE CONSTRAINT after NOT VALID, the
// later steps of an expand–contract change) put their SQL in new migration files after the last
// one of the set, named and laid out as the set's framework expects, so its CLI runs them next.

import { createFileEdit, type EditDraft } from '../../../fixes/edits.js';
import { nextVersion, scaffoldMigration } from '../../../discover/new-migration.js';
import type { MigrationSet } from '../../../model/migration-set.js';
import type { StatementContext } from '../../rule.js';
import { statementEnd } from './statement.js';

export interface NewMigration {
  /** Snake-case description for the file name ("validate_orders_user_id_fkey"). */
  name: string;
  up: string;
  /** What undoes `up`; a comment when there is nothing to undo. */
  down: string;
}

/** The edits creating `migrations` as the next files of `set`, in order. */
export function newMigrationEdits(set: MigrationSet, migrations: readonly NewMigration[]): EditDraft[] {
  const last = set.migrations[set.migrations.length - 1];
  return migrations.flatMap((migration, i) => {
    // Numbered after the last one rather than by the clock: the same files give the same fix.
    const version = nextVersion(last?.version ?? '0', i + 1);
    return scaffoldMigration(set, version, migration.name, migration).files.map((file) => createFileEdit(file.path, file.text));
  });
}

/**
 * Edits that run `steps.up` after the current statement: right after it when the part commits
 * statement by statement, in a new migration file when the part runs in one transaction (where
 * the follow-up would otherwise hold the first statement's lock until the end).
 */
export function followUpEdits(ctx: Pick<StatementContext, 'set' | 'part' | 'statement' | 'text'>, steps: NewMigration): EditDraft[] {
  if (ctx.part.transaction.inTransaction) return newMigrationEdits(ctx.set, [steps]);
  const end = statementEnd(ctx);
  return [{ range: { start: end, end }, newText: `\n${steps.up}` }];
}
