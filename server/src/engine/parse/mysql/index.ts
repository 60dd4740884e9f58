// MySQL / MariaDB statements into the change model.
//
// Two parts work together. Our readers (statements.ts and the files it calls) read the change
// model from the statement's tokens, with exact ranges. node-sql-parser's grammar then decides
// whether the statement is valid (syntax-check.ts); where it lacks valid syntax, the readers have
// left waivers that hide that syntax from it, and statements it has no grammar for at all
// (routines, triggers, SET NAMES, XA …) are judged by our readers alone.

import type { Change, Name, Statement } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import { StatementContext, type MysqlDialect } from './context.js';
import { ReadError, TokenReader } from './reader.js';
import { readStatement } from './statements.js';
import { checkGrammar } from './syntax-check.js';
import { tokenize, type Token } from './tokens.js';

/** `text` is the file's text and `range` the statement in it (without its `;`); ranges returned are file offsets. */
export function parseMysqlStatement(text: string, range: SourceRange, dialect: MysqlDialect): Pick<Statement, 'change' | 'syntaxError'> {
  const ctx = new StatementContext(text, dialect, range);
  const statement = tokenize(text, range.start, range.end);
  if (statement.tokens.length === 0) return { change: { kind: 'other', statementType: 'empty' } };
  let change: Change;
  try {
    change = readStatement(new TokenReader(ctx, statement.tokens));
  } catch (error) {
    if (error instanceof ReadError) {
      // The grammar's message names what it expected more precisely, unless it stopped earlier
      // than we did: then it stopped at valid syntax it lacks, and ours is the true error.
      const grammarError = ctx.grammarCovers ? checkGrammar(ctx, statement).error : undefined;
      const ours = { message: error.message, range: error.range };
      return { syntaxError: grammarError && grammarError.range.start >= ours.range.start ? grammarError : ours };
    }
    // A reader bug must not cost the user the rest of the file: the grammar alone decides, and
    // the statement counts as `other`.
    change = { kind: 'other', statementType: statement.tokens[0].text.toLowerCase() };
  }
  // MySQL parses a trigger's or routine's body when it creates it: a data change in it that does
  // not parse makes the CREATE fail.
  for (const inner of ctx.bodyDataChanges) {
    const { syntaxError } = parseMysqlStatement(text, inner, dialect);
    if (syntaxError) return { syntaxError };
  }
  if (!ctx.grammarCovers) return { change };
  const grammar = checkGrammar(ctx, statement);
  if (grammar.error) return { syntaxError: grammar.error };
  addTablesFromGrammar(change, grammar.tableList, ctx, statement.tokens);
  return { change };
}

/** Operations in node-sql-parser's table list that name the tables a data change writes. */
const WRITTEN_BY: Record<string, string> = { insert: 'insert', replace: 'insert', update: 'update', delete: 'delete', truncate: 'truncate', select: 'select' };

function addTablesFromGrammar(change: Change, tableList: string[], ctx: StatementContext, tokens: readonly Token[]): void {
  if (change.kind === 'data') change.tables = namesFromTableList(tableList, WRITTEN_BY[change.operation], ctx, tokens);
  else if (change.kind === 'create-view') change.references = namesFromTableList(tableList, 'select', ctx, tokens);
}

/** Names of `operation::database::table` entries, with the range where each is first written. */
function namesFromTableList(tableList: string[], operation: string, ctx: StatementContext, tokens: readonly Token[]): Name[] {
  const names: Name[] = [];
  for (const entry of tableList) {
    const [entryOperation, database, table] = entry.split('::');
    if (entryOperation.toLowerCase() !== operation || table === undefined) continue;
    const schema = database === 'null' ? undefined : database;
    const range = findNameRange(tokens, schema, table) ?? ctx.range;
    if (names.some((name) => name.range.start === range.start && name.name === table)) continue;
    names.push({ ...(schema ? { schema } : {}), name: table, raw: ctx.slice(range), range });
  }
  return names.sort((a, b) => a.range.start - b.range.start);
}

function findNameRange(tokens: readonly Token[], schema: string | undefined, table: string): SourceRange | undefined {
  const spelled = (token: Token | undefined, name: string): boolean =>
    token !== undefined && (token.type === 'word' ? token.text : token.type === 'quoted' ? token.value : undefined)?.toLowerCase() === name.toLowerCase();
  for (let i = 0; i < tokens.length; i++) {
    if (!spelled(tokens[i], table)) continue;
    const qualified = tokens[i - 1]?.value === '.' && spelled(tokens[i - 2], schema ?? '');
    if (schema && qualified) return { start: tokens[i - 2].start, end: tokens[i].end };
    if (!schema && tokens[i - 1]?.value !== '.') return { start: tokens[i].start, end: tokens[i].end };
  }
  return undefined;
}
