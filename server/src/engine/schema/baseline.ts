// A baseline: the schema a set's history starts from (`"baseline"` in .migration-lens.json, e.g. a
// schema dump of a database that existed before the first migration). Its file is parsed in the
// set's dialect and replayed as a virtual migration 0, so its objects carry the file as their
// origin and messages can point there.

import type { Migration, MigrationPart } from '../model/migration-set.js';
import type { Dialect } from '../model/source.js';
import { parseStatements } from '../parse/index.js';
import { emptySchema } from './editor.js';
import type { Schema } from './model.js';
import { replayPart } from './replay.js';

/** The version baseline objects report as their origin. */
export const BASELINE_VERSION = '0';

export function replayBaseline(file: string, text: string, dialect: Dialect): Schema {
  const range = { start: 0, end: text.length };
  const part: MigrationPart = { file, direction: 'up', range, transaction: { inTransaction: false, reason: 'a baseline schema is not run' } };
  const migration: Migration = { version: BASELINE_VERSION, name: 'baseline', id: file, kind: 'versioned', up: part };
  return replayPart(migration, part, parseStatements(text, range, dialect), emptySchema(dialect)).after;
}
