// Completion from the replayed history: the tables that exist where the cursor is (not those a
// later migration creates or an earlier one dropped), the columns of the table the statement is
// about, with type and nullability, and the clauses that may follow `ALTER TABLE t`.

import type { Analysis } from '../analyze.js';
import type { Schema, Table } from '../schema/model.js';
import { objectKey } from '../schema/names.js';
import type { PartReplay } from '../schema/replay.js';

export interface CompletionItem {
  label: string;
  kind: 'table' | 'view' | 'column' | 'keyword';
  /** Columns: type and nullability; tables: the migration that created them. */
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
const ALTER_CLAUSE = new RegExp(`\\balter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?${NAME}\\s+[\\w]*$`, 'i');
const ALTER_CLAUSES = ['ADD COLUMN', 'ALTER COLUMN', 'DROP COLUMN', 'RENAME COLUMN', 'ADD CONSTRAINT', 'DROP CONSTRAINT', 'RENAME TO'];
const MYSQL_ALTER_CLAUSES = ['ADD COLUMN', 'MODIFY COLUMN', 'CHANGE COLUMN', 'DROP COLUMN', 'RENAME COLUMN', 'ADD INDEX', 'ADD CONSTRAINT', 'DROP INDEX', 'RENAME TO'];

/**
 * What may be typed at `offset` of `path`, given `typed`: the text of the statement under the
 * cursor up to the cursor (the document's, which may be newer than the analysis).
 */
export function completionsAt(analysis: Analysis, path: string, offset: number, typed: string): CompletionItem[] {
  const schema = schemaAt(analysis, path, offset);
  if (!schema) return [];
  const words = typed.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  for (const pattern of COLUMN_POSITIONS) {
    const table = pattern.exec(words)?.[1];
    const found = table === undefined ? undefined : schema.tables.get(objectKey(schema.dialect, nameParts(table)));
    if (found) return columnsOf(found);
  }
  const alter = ALTER_CLAUSE.exec(words);
  if (alter && schema.tables.has(objectKey(schema.dialect, nameParts(alter[1])))) {
    return (schema.dialect === 'postgres' ? ALTER_CLAUSES : MYSQL_ALTER_CLAUSES).map((label) => ({ label, kind: 'keyword' }));
  }
  if (TABLE_POSITION.test(words)) return relationsOf(schema);
  return [];
}

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

function relationsOf(schema: Schema): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const table of schema.tables.values()) items.push({ label: qualified(table.schema, table.name), kind: 'table', detail: table.created ? `table · created in ${table.created.version} ${table.created.migration}`.trim() : 'table' });
  for (const view of schema.views.values()) items.push({ label: qualified(view.schema, view.name), kind: 'view', detail: 'view' });
  return items.sort((a, b) => a.label.localeCompare(b.label));
}

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
