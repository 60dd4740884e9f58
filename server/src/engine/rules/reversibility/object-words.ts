// How a schema object is named in messages: "table `movies`", "column `movies.tmdb_id`",
// "the primary key of `movies`". Shared by the rules that compare snapshots.

import type { SchemaObjectKind } from '../../schema/model.js';

const KIND_WORDS: Record<SchemaObjectKind, string> = {
  table: 'table',
  column: 'column',
  'primary-key': 'primary key',
  unique: 'unique constraint',
  'foreign-key': 'foreign key',
  check: 'check constraint',
  index: 'index',
  enum: 'enum type',
  view: 'view',
  'materialized-view': 'materialized view',
  function: 'function',
  trigger: 'trigger',
  extension: 'extension',
  sequence: 'sequence',
  schema: 'schema',
};

/** `object` is compare.ts's display name; a primary key's reads "`users` primary key". */
export function describeObject(kind: SchemaObjectKind, object: string): string {
  if (kind === 'primary-key') return `the primary key of \`${object.replace(/ primary key$/, '')}\``;
  return `${KIND_WORDS[kind]} \`${object}\``;
}
