// Drift: does the live database still look like its migration history says it should? The
// tracking table says which migrations ran; replay says what the schema is after them; the
// catalog says what it is. Every difference names the migration that defined the object, so the
// fix (a new migration, or undoing a hand edit) starts at the right file.

import { LineIndex } from '../engine/model/source.js';
import type { MigrationSet } from '../engine/model/migration-set.js';
import { compareSchemas, type SchemaDifference } from '../engine/schema/compare.js';
import type { Schema } from '../engine/schema/model.js';
import { objectKey } from '../engine/schema/names.js';
import type { SetReplay } from '../engine/schema/replay.js';
import type { DatabaseConnection } from './connection.js';
import { introspectMysql, introspectPostgres } from './introspect/index.js';
import { migrationStatus, type MigrationStatus, type RunnerOptions } from './runner/index.js';
import { TRACKING } from './tracking/index.js';
import { HISTORY_TABLE } from './tracking/history.js';

/** The live schema without the tables that record migrations (no migration creates them). */
export async function readLiveSchema(connection: DatabaseConnection, set: MigrationSet): Promise<Schema> {
  const schema =
    connection.dialect === 'postgres'
      ? await introspectPostgres({ query: async (sql, params) => ({ rows: await connection.query(sql, params) }) })
      : await introspectMysql({ query: async (sql, params) => [await connection.query(sql, params), undefined] });
  let tables = schema.tables;
  for (const table of [TRACKING[set.framework].table, HISTORY_TABLE]) tables = tables.delete(objectKey(schema.dialect, { name: table }));
  return { ...schema, tables };
}

/** Where a difference's object was defined, in the units editors and terminals show. */
export interface DefinitionSite {
  version: string;
  migration: string;
  /** Absolute path, forward slashes. */
  file: string;
  /** 0-based, LSP style; the CLI adds 1. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export interface LocatedDifference extends Omit<SchemaDifference, 'definedBy'> {
  definedBy?: DefinitionSite;
}

/** Turns each difference's source offsets into lines and columns (files read once each). */
export function locateDifferences(differences: readonly SchemaDifference[], readFile: (path: string) => string | undefined): LocatedDifference[] {
  const indexes = new Map<string, LineIndex | undefined>();
  const indexOf = (file: string) => {
    if (!indexes.has(file)) {
      const text = readFile(file);
      indexes.set(file, text === undefined ? undefined : new LineIndex(text));
    }
    return indexes.get(file);
  };
  return differences.map(({ definedBy, ...difference }) => {
    if (!definedBy) return difference;
    const index = indexOf(definedBy.file);
    const start = index?.positionAt(definedBy.range.start) ?? { line: 0, character: 0 };
    const end = index?.positionAt(definedBy.range.end) ?? start;
    return { ...difference, definedBy: { version: definedBy.version, migration: definedBy.migration, file: definedBy.file, line: start.line, character: start.character, endLine: end.line, endCharacter: end.character } };
  });
}

export interface DriftReport {
  /** The newest applied migration's version; undefined when none is applied. */
  appliedVersion?: string;
  /** Migrations recorded as applied (or applied then edited). */
  appliedCount: number;
  /** Why the expected schema may not be what ran: out-of-order or failed migrations. */
  notes: string[];
  differences: LocatedDifference[];
}

export async function detectDrift(connection: DatabaseConnection, set: MigrationSet, replay: SetReplay, options: RunnerOptions): Promise<DriftReport> {
  const status = await migrationStatus(connection, set, options);
  const isApplied = (s: MigrationStatus) => s.migration !== undefined && (s.state === 'applied' || s.state === 'changed');
  const lastAppliedIndex = Math.max(-1, ...status.migrations.filter(isApplied).map((s) => set.migrations.indexOf(s.migration!)));
  const expected = lastAppliedIndex < 0 ? replay.initial : replay.migration(lastAppliedIndex).after;
  const notes: string[] = [];
  const skipped = status.migrations.filter((s) => s.state === 'pending' && s.migration && set.migrations.indexOf(s.migration) < lastAppliedIndex);
  if (skipped.length) notes.push(`pending but older than the newest applied migration (expected as if applied): ${skipped.map((s) => s.migration!.id).join(', ')}`);
  for (const s of status.migrations.filter((s) => s.state === 'failed')) notes.push(`${s.migration?.id ?? s.key} failed part-way (${status.table}); some of its changes may be in the database`);
  for (const s of status.migrations.filter((s) => s.state === 'changed')) notes.push(`${s.migration!.id} was edited after it was applied: the database has the old text's schema`);
  const differences = compareSchemas(expected, await readLiveSchema(connection, set));
  return {
    appliedVersion: lastAppliedIndex < 0 ? undefined : set.migrations[lastAppliedIndex].version,
    appliedCount: status.migrations.filter(isApplied).length,
    notes,
    differences: locateDifferences(differences, options.readFile),
  };
}
