// PLACEHOLDER owned by the parse work (issue 3): splits on semicolons and reports each statement's
// parser error at the statement start. Replaced by the real splitter and normalisers.
import { createRequire } from 'node:module';
import type { Statement } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';

type PgQuery = { loadModule(): Promise<void>; parseSync(sql: string): unknown };
let pg: PgQuery | undefined;

export async function initParsers(): Promise<void> {
  if (pg) return;
  const require = createRequire(__filename);
  pg = require('libpg-query') as PgQuery;
  await pg.loadModule();
}

export function parseStatements(text: string, range: SourceRange, dialect: Dialect): Statement[] {
  const out: Statement[] = [];
  let start = range.start;
  const body = text.slice(0, range.end);
  for (let i = range.start; i <= body.length; i++) {
    if (i === body.length || body[i] === ';') {
      const sql = body.slice(start, i);
      if (sql.trim() && dialect === 'postgres' && pg) {
        try {
          pg.parseSync(sql);
          out.push({ range: { start, end: i }, text: sql });
        } catch (e) {
          out.push({ range: { start, end: i }, text: sql, syntaxError: { message: (e as Error).message, range: { start, end: i } } });
        }
      }
      start = i + 1;
    }
  }
  return out;
}
