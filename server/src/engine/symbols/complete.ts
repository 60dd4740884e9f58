// Completion from the replayed history: the tables, views, schemas, types and sequences that exist
// where the cursor is (not those a later migration creates or an earlier one dropped), the columns
// of the table the statement is about (also in a SELECT's list, from the FROM after the cursor)
// with type and nullability, the dialect's column types with the history's enum types where a
// column's type goes, and the clauses that may follow `ALTER TABLE t`.

import type { Analysis } from '../analyze.js';
import type { Dialect } from '../model/source.js';
import type { Origin, Provenance, Schema, Table } from '../schema/model.js';
import { objectKey } from '../schema/names.js';
import type { PartReplay } from '../schema/replay.js';

export interface CompletionItem {
  label: string;
  kind: 'table' | 'view' | 'column' | 'keyword' | 'type' | 'sequence' | 'schema';
  /** Columns: type and nullability; tables, types and sequences: the migration that created them. */
  detail?: string;
}

const NAME = '[`"]?([\\w.$]+)[`"]?';
/** Where the next word names a table or view. */
const TABLE_POSITION = /\b(?:table(?:\s+if\s+(?:not\s+)?exists)?(?:\s+only)?|into|update|from|join|references|on)\s+[`"]?[\w$]*$/i;
/** Where the next word names a column of the table captured first. */
const COLUMN_POSITIONS: RegExp[] = [
  new RegExp(`\\b(?:on|references|into)\\s+${NAME}\\s*\\(([^()]*,)?\\s*[\`"]?[\\w$]*$`, 'i'),
  new RegExp(`\\balter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?${NAME}\\s+(?:.*,\\s*)?(?:alter|drop|rename|modify|change)\\s+(?:column\\s+)?(?:if\\s+exists\\s+)?[\`"]?[\\w$]*$`, 'is'),
  new RegExp(`\\bupdate\\s+${NAME}\\s+set\\s+(?:[^;]*,\\s*)?[\`"]?[\\w$]*$`, 'is'),
  new RegExp(`\\b(?:update|from|delete\\s+from)\\s+${NAME}\\b.*\\bwhere\\s+(?:.*\\b(?:and|or)\\s+)?[\`"]?[\\w$]*$`, 'is'),
];
/** Where a column's type goes (the column's name captured): ADD COLUMN, ALTER COLUMN … TYPE, MODIFY and CHANGE. */
const TYPE_POSITIONS: RegExp[] = [
  /\badd\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?([`"]?[\w$]+[`"]?)\s+[\w$]*$/i,
  /\balter\s+(?:column\s+)?([`"]?[\w$]+[`"]?)\s+(?:set\s+data\s+)?type\s+[\w$]*$/i,
  /\bmodify\s+(?:column\s+)?([`"]?[\w$]+[`"]?)\s+[\w$]*$/i,
  /\bchange\s+(?:column\s+)?[`"]?[\w$]+[`"]?\s+([`"]?[\w$]+[`"]?)\s+[\w$]*$/i,
];
/** Words that start a table constraint or index, not a column, in CREATE TABLE's list and after ADD. */
const TABLE_CONSTRAINT = /^(?:constraint|primary|foreign|unique|check|key|index|exclude|like|fulltext|spatial)$/i;
const SEQUENCE_POSITION = /\b(?:(?:alter|drop)\s+sequence(?:\s+if\s+exists)?\s+|nextval\s*\(\s*')[\w$.]*$/i;
const TYPE_NAME_POSITION = /\b(?:alter|drop)\s+type(?:\s+if\s+exists)?\s+[\w$.]*$/i;

const POSTGRES_TYPES = [
  'bigint', 'bigserial', 'boolean', 'bytea', 'char', 'cidr', 'date', 'double precision', 'inet', 'integer', 'interval', 'json', 'jsonb',
  'macaddr', 'money', 'numeric', 'real', 'serial', 'smallint', 'smallserial', 'text', 'time', 'timestamp', 'timestamptz', 'tsvector', 'uuid', 'varchar', 'xml',
];
const MYSQL_TYPES = [
  'BIGINT', 'BINARY', 'BIT', 'BLOB', 'BOOLEAN', 'CHAR', 'DATE', 'DATETIME', 'DECIMAL', 'DOUBLE', 'ENUM', 'FLOAT', 'GEOMETRY', 'INT', 'JSON', 'LONGBLOB',
  'LONGTEXT', 'MEDIUMBLOB', 'MEDIUMINT', 'MEDIUMTEXT', 'POINT', 'SET', 'SMALLINT', 'TEXT', 'TIME', 'TIMESTAMP', 'TINYBLOB', 'TINYINT', 'TINYTEXT', 'VARBINARY', 'VARCHAR', 'YEAR',
];
/** MariaDB's own: UUID since 10.7, INET4 since 10.10, INET6 since 10.5. */
const MARIADB_TYPES = [...MYSQL_TYPES, 'INET4', 'INET6', 'UUID'].sort();
const DIALECT_TYPES: Record<Dialect, string[]> = { postgres: POSTGRES_TYPES, mysql: MYSQL_TYPES, mariadb: MARIADB_TYPES };

const ALTER_CLAUSE = new RegExp(`\\balter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?${NAME}\\s+[\\w]*$`, 'i');
const ALTER_CLAUSES = ['ADD COLUMN', 'ALTER COLUMN', 'DROP COLUMN', 'RENAME COLUMN', 'ADD CONSTRAINT', 'DROP CONSTRAINT', 'RENAME TO'];
const MYSQL_ALTER_CLAUSES = ['ADD COLUMN', 'MODIFY COLUMN', 'CHANGE COLUMN', 'DROP COLUMN', 'RENAME COLUMN', 'ADD INDEX', 'ADD CONSTRAINT', 'DROP INDEX', 'RENAME TO'];

/** In a SELECT's list (`SELECT a, ` before the cursor) … */
const SELECT_LIST = /\bselect\s+(?:distinct\s+)?(?:[^;]*,\s*)?[`"]?[\w$]*$/is;
/** … of a statement whose FROM, after the cursor, names the table. */
const FROM_AFTER = new RegExp(`^[^;]*?\\bfrom\\s+${NAME}`, 'is');

const withoutComments = (text: string) => text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');

/**
 * What may be typed at `offset` of `path`, given `typed`: the text of the statement under the
 * cursor up to the cursor (the document's, which may be newer than the analysis), and `rest`:
 * the statement's text after the cursor (a SELECT's list comes before the table it reads).
 */
export function completionsAt(analysis: Analysis, path: string, offset: number, typed: string, rest = ''): CompletionItem[] {
  const schema = schemaAt(analysis, path, offset);
  if (!schema) return [];
  const words = withoutComments(typed);
  for (const table of [...COLUMN_POSITIONS.map((pattern) => pattern.exec(words)?.[1]), selectListTable(words, rest)]) {
    const found = table === undefined ? undefined : schema.tables.get(objectKey(schema.dialect, nameParts(table)));
    if (found) return columnsOf(found);
  }
  const alter = ALTER_CLAUSE.exec(words);
  if (alter && schema.tables.has(objectKey(schema.dialect, nameParts(alter[1])))) {
    return (schema.dialect === 'postgres' ? ALTER_CLAUSES : MYSQL_ALTER_CLAUSES).map((label) => ({ label, kind: 'keyword' }));
  }
  if (SEQUENCE_POSITION.test(words)) return sequencesOf(schema);
  if (TYPE_NAME_POSITION.test(words)) return typesOf(schema);
  if (TYPE_POSITIONS.some((pattern) => isColumnName(pattern.exec(words)?.[1])) || inColumnTypePosition(words)) return [...typesOf(schema), ...DIALECT_TYPES[schema.dialect].map((label): CompletionItem => ({ label, kind: 'type', detail: 'type' }))];
  if (TABLE_POSITION.test(words)) return relationsOf(schema);
  return [];
}

/** In a SELECT's list with no FROM before the cursor: the table the FROM after it names. */
function selectListTable(words: string, rest: string): string | undefined {
  if (!SELECT_LIST.test(words) || /\bfrom\b/i.test(words.slice(words.search(/\bselect\s[^;]*$/is)))) return undefined;
  return FROM_AFTER.exec(withoutComments(rest))?.[1];
}

/** After a column's name in CREATE TABLE's column list: `CREATE TABLE t (id bigint, name ` — not inside a type's own parentheses. */
function inColumnTypePosition(words: string): boolean {
  const create = /\bcreate\s+(?:(?:global\s+|local\s+)?(?:temp|temporary|unlogged)\s+)?table\b/i.exec(words);
  if (!create) return false;
  let depth = 0;
  let elementStart = -1;
  for (let i = create.index; i < words.length; i++) {
    const c = words[i];
    if (c === '(') {
      depth++;
      if (depth === 1) elementStart = i + 1;
    } else if (c === ')') depth--;
    else if (c === ',' && depth === 1) elementStart = i + 1;
  }
  if (depth !== 1 || elementStart < 0) return false;
  const element = /^\s*([`"]?[\w$]+[`"]?)\s+[\w$]*$/.exec(words.slice(elementStart));
  return isColumnName(element?.[1]);
}

const isColumnName = (word: string | undefined): boolean => word !== undefined && !TABLE_CONSTRAINT.test(word);

function nameParts(written: string): { schema?: string; name: string } {
  const parts = written.split('.');
  return parts.length > 1 ? { schema: parts[parts.length - 2], name: parts[parts.length - 1] } : { name: written };
}

function columnsOf(table: Table): CompletionItem[] {
  return table.columns.map((column) => ({
    label: column.name,
    kind: 'column',
    detail: `${column.type.name}${column.type.args.length > 0 ? `(${column.type.args.join(', ')})` : ''}${'[]'.repeat(column.type.arrayDims)}${column.nullable ? '' : ' NOT NULL'} · ${table.name}`,
  }));
}

/** "table · created in 000001 users": what an object is, and the migration that made it. */
const origin = (what: string, created: Origin | undefined): string => (created ? `${what} · created in ${created.version} ${created.migration}`.trim() : what);

function relationsOf(schema: Schema): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const table of schema.tables.values()) items.push({ label: qualified(table.schema, table.name), kind: 'table', detail: origin('table', table.created) });
  for (const view of schema.views.values()) items.push({ label: qualified(view.schema, view.name), kind: 'view', detail: origin('view', view.created) });
  for (const named of schema.schemas.values()) if (named.name !== 'public') items.push({ label: named.name, kind: 'schema', detail: origin('schema', named.created) });
  return items.sort((a, b) => a.label.localeCompare(b.label));
}

function namedItems(objects: Iterable<Provenance & { name: string; schema?: string }>, kind: 'type' | 'sequence', what: string): CompletionItem[] {
  return [...objects].map((object) => ({ label: qualified(object.schema, object.name), kind, detail: origin(what, object.created) })).sort((a, b) => a.label.localeCompare(b.label));
}

const typesOf = (schema: Schema) => namedItems(schema.enums.values(), 'type', 'enum type');
const sequencesOf = (schema: Schema) => namedItems(schema.sequences.values(), 'sequence', 'sequence');

const qualified = (schema: string | undefined, name: string) => (schema && schema !== 'public' ? `${schema}.${name}` : name);

/** The schema just before the statement at `offset` (or after the last one before it, while a new one is typed). */
function schemaAt(analysis: Analysis, path: string, offset: number): Schema | undefined {
  let best: { part: PartReplay } | undefined;
  analysis.sets.forEach((set, setNumber) => {
    set.migrations.forEach((migration, index) => {
      if (migration.up?.file !== path && migration.down?.file !== path) return;
      const replay = analysis.replays[setNumber].migration(index);
      for (const part of [replay.up, replay.downResult]) {
        if (part?.part.file === path && part.part.range.start <= offset && (!best || part.part.range.start >= best.part.part.range.start)) best = { part };
      }
    });
  });
  if (!best) return undefined;
  const { part } = best;
  const at = part.steps.findIndex((step) => step.statement.range.end >= offset);
  if (at >= 0) return part.steps[at].before;
  return part.after;
}
