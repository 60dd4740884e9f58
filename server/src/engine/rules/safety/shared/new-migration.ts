// Quick fixes that must leave the current transaction (VALIDATE CONSTRAINT after NOT VALID, the
// later steps of an expand–contract change) put their SQL in new migration files after the last
// one of the set, named and laid out as the set's framework expects, so its CLI runs them next.

import { createFileEdit, type EditDraft } from '../../../fixes/edits.js';
import { dirname, joinPath } from '../../../host.js';
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

/** The version after `version` in the same style: zero-padded counters keep their width, dotted Flyway versions bump their last part. */
export function nextVersion(version: string, step = 1): string {
  const dotted = /^(.*?)(\d+)$/.exec(version);
  if (!dotted) return `${version}_${step}`;
  const [, head, digits] = dotted;
  return head + (BigInt(digits) + BigInt(step)).toString().padStart(digits.length, '0');
}

/** The edits creating `migrations` as the next files of `set`, in order. */
export function newMigrationEdits(set: MigrationSet, migrations: readonly NewMigration[]): EditDraft[] {
  const last = set.migrations[set.migrations.length - 1];
  const lastFile = last?.up?.file ?? last?.down?.file;
  const folder = set.framework === 'prisma' || !lastFile ? set.root : dirname(lastFile);
  return migrations.flatMap((migration, i) => {
    const version = nextVersion(last?.version ?? '0', i + 1);
    return filesFor(set, folder, version, migration).map(([path, text]) => createFileEdit(path, text));
  });
}

function filesFor(set: MigrationSet, folder: string, version: string, { name, up, down }: NewMigration): [string, string][] {
  const base = `${version}_${name}`;
  const sections = (upMarker: string, downMarker: string): [string, string][] => [
    [joinPath(folder, `${base}.sql`), `${upMarker}\n${up}\n\n${downMarker}\n${down}\n`],
  ];
  switch (set.framework) {
    case 'golang-migrate':
      return [
        [joinPath(folder, `${base}.up.sql`), `${up}\n`],
        [joinPath(folder, `${base}.down.sql`), `${down}\n`],
      ];
    case 'goose':
      return sections('-- +goose Up', '-- +goose Down');
    case 'dbmate':
      return sections('-- migrate:up', '-- migrate:down');
    case 'sql-migrate':
      return sections('-- +migrate Up', '-- +migrate Down');
    case 'node-pg-migrate':
      return sections('-- Up Migration', '-- Down Migration');
    case 'flyway':
      return [[joinPath(folder, `V${version}__${name}.sql`), `${up}\n`]];
    case 'prisma':
      return [[joinPath(joinPath(folder, base), 'migration.sql'), `${up}\n`]];
    case 'plain':
      return [[joinPath(folder, `${base}.sql`), `${up}\n`]];
  }
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
