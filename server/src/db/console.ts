// SQL the user types on a set's database — a console, or a statement selected in a migration to
// repair what a failed run left: each statement runs on its own, in order, until one fails; what
// each returns comes back as text, so any client can show it.

import type { Dialect } from '../engine/model/source.js';
import { splitStatements } from '../engine/parse/index.js';
import type { DatabaseConnection, Row } from './connection.js';

/** Rows kept per statement: a console is for looking, not for exporting. */
const ROW_LIMIT = 500;

export interface ExecutedStatement {
  /** The statement as it ran, trimmed. */
  text: string;
  /** Column names and rows of what it returned (at most ROW_LIMIT rows, `truncated` when more). */
  columns: string[];
  rows: string[][];
  truncated: boolean;
  /** The database's error: the statements after it did not run. */
  error?: string;
}

/**
 * Runs the statements of `sql` (with `offset`, only the one at the cursor: the statement it is in
 * or just after, else the one before it) and returns what each did; the first error ends the run.
 */
export async function executeSql(connection: DatabaseConnection, sql: string, dialect: Dialect, offset?: number): Promise<ExecutedStatement[]> {
  let spans = splitStatements(sql, { start: 0, end: sql.length }, dialect);
  if (offset !== undefined) {
    // `end` stops before the `;`: a cursor right after it is still in the statement.
    const at = spans.find((span) => span.start <= offset && offset <= span.end + 1) ?? spans.filter((span) => span.end <= offset).at(-1);
    spans = at ? [at] : [];
  }
  const results: ExecutedStatement[] = [];
  for (const span of spans) {
    const text = sql.slice(span.start, span.end).trim();
    try {
      results.push({ text, ...table(await connection.query(text)) });
    } catch (error) {
      results.push({ text, columns: [], rows: [], truncated: false, error: (error as Error).message });
      break;
    }
  }
  return results;
}

function table(rows: Row[]): Pick<ExecutedStatement, 'columns' | 'rows' | 'truncated'> {
  const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
  return { columns, rows: rows.slice(0, ROW_LIMIT).map((row) => columns.map((column) => cell(row[column]))), truncated: rows.length > ROW_LIMIT };
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
