// Name resolution and the names databases invent for unnamed objects.
//
// Keys: PostgreSQL names arrive folded from the parser and compare exactly; `public.x` is `x`.
// MySQL/MariaDB compare table and column names case-insensitively (the portable reading of
// lower_case_table_names), and a database qualifier is dropped: migrations run in one database.
//
// Generated names follow the servers' own algorithms so a replayed schema and a live catalog
// name the same constraint the same way (PostgreSQL: makeObjectName/ChooseRelationName in
// src/backend/commands/indexcmds.c; MySQL/MariaDB: first column, `_2` suffixes, `<table>_ibfk_<n>`).

import type { Dialect } from '../model/source.js';

export interface QualifiedName {
  schema?: string;
  name: string;
}

export const isPostgres = (dialect: Dialect): boolean => dialect === 'postgres';

/** Key of a table, view, type or sequence in a snapshot's maps. */
export function objectKey(dialect: Dialect, name: QualifiedName): string {
  if (!isPostgres(dialect)) return name.name.toLowerCase();
  return name.schema && name.schema !== 'public' ? `${name.schema}.${name.name}` : name.name;
}

export function columnKey(dialect: Dialect, column: string): string {
  return isPostgres(dialect) ? column : column.toLowerCase();
}

export function sameColumn(dialect: Dialect, a: string, b: string): boolean {
  return columnKey(dialect, a) === columnKey(dialect, b);
}

/**
 * Key of an index: PostgreSQL index names live in the schema's namespace, MySQL's in their table.
 */
export function indexKey(dialect: Dialect, tableKey: string, indexName: string, schema?: string): string {
  return isPostgres(dialect) ? objectKey(dialect, { schema, name: indexName }) : `${tableKey}.${indexName.toLowerCase()}`;
}

/** Longest identifier PostgreSQL keeps (NAMEDATALEN - 1 bytes). */
export const PG_MAX_IDENTIFIER = 63;

/**
 * PostgreSQL's makeObjectName: `name1_name2_label`, shortening the longer of name1/name2 until
 * the whole fits in 63 bytes.
 */
export function makePostgresName(name1: string, name2: string | undefined, label: string): string {
  const plain = `${name1}${name2 === undefined ? '' : `_${name2}`}_${label}`;
  // Replay names thousands of objects; most names are short ASCII and need no shortening.
  if (plain.length <= PG_MAX_IDENTIFIER && !/[^\x00-\x7f]/.test(plain)) return plain;
  const overhead = label.length + 1 + (name2 ? 1 : 0);
  const available = PG_MAX_IDENTIFIER - overhead;
  let chars1 = Buffer.byteLength(name1);
  let chars2 = name2 ? Buffer.byteLength(name2) : 0;
  while (chars1 + chars2 > available) {
    if (chars1 > chars2) chars1--;
    else chars2--;
  }
  const part1 = clipBytes(name1, chars1);
  const part2 = name2 ? `_${clipBytes(name2, chars2)}` : '';
  return `${part1}${part2}_${label}`;
}

/** The longest prefix of `text` that fits in `bytes` UTF-8 bytes, never splitting a character. */
export function clipBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}

/** ChooseRelationName / ChooseConstraintName: append 1, 2, … to the label until the name is free. */
export function choosePostgresName(
  name1: string,
  name2: string | undefined,
  label: string,
  taken: (name: string) => boolean,
): string {
  let candidate = makePostgresName(name1, name2, label);
  for (let pass = 1; taken(candidate); pass++) candidate = makePostgresName(name1, name2, `${label}${pass}`);
  return candidate;
}

/** ChooseIndexNameAddition: column names joined by `_`, stopping once the text is long enough. */
export function postgresColumnsAddition(columns: readonly string[]): string {
  let out = '';
  for (const column of columns) {
    if (out) out += '_';
    out += column;
    if (Buffer.byteLength(out) >= PG_MAX_IDENTIFIER) break;
  }
  return out;
}

/** MySQL names an unnamed index after its first column, then `col_2`, `col_3`, … */
export function chooseMysqlIndexName(firstColumn: string, taken: (name: string) => boolean): string {
  if (!taken(firstColumn)) return firstColumn;
  let suffix = 2;
  while (taken(`${firstColumn}_${suffix}`)) suffix++;
  return `${firstColumn}_${suffix}`;
}

/** `<table>_ibfk_<n>` with n one above the highest already used on the table. */
export function chooseMysqlForeignKeyName(table: string, existing: readonly string[]): string {
  const prefix = `${table.toLowerCase()}_ibfk_`;
  let highest = 0;
  for (const name of existing) {
    const lower = name.toLowerCase();
    if (lower.startsWith(prefix)) highest = Math.max(highest, Number(lower.slice(prefix.length)) || 0);
  }
  return `${table}_ibfk_${highest + 1}`;
}

/** Case-insensitive membership test for MySQL, exact for PostgreSQL. */
export function nameTaken(dialect: Dialect, names: Iterable<string>): (name: string) => boolean {
  const set = new Set<string>();
  for (const name of names) set.add(isPostgres(dialect) ? name : name.toLowerCase());
  return (name) => set.has(isPostgres(dialect) ? name : name.toLowerCase());
}
