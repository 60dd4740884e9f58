// Data changes (INSERT, REPLACE, UPDATE, DELETE, TRUNCATE, SELECT), transaction control and SET.

import type { DataChange, SetChange, TransactionChange } from '../../model/changes.js';
import { tokenRange, type TokenReader } from './reader.js';
import type { Token } from './tokens.js';

/** Modifiers node-sql-parser's grammar rejects (`INSERT LOW_PRIORITY IGNORE`, `DELETE QUICK`); they change no data. */
const MODIFIERS = new Set(['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'QUICK', 'IGNORE']);

/**
 * After the leading keyword. `tables` is filled from node-sql-parser's table list (index.ts), which
 * resolves aliases and joins better than a token scan could.
 */
export function readDataChange(reader: TokenReader, operation: DataChange['operation']): DataChange {
  const change: DataChange = { kind: 'data', operation, tables: [], columns: [], hasWhere: false };
  for (let modifier = reader.atAnyWord(MODIFIERS); modifier; modifier = reader.atAnyWord(MODIFIERS)) {
    reader.pos++;
    if (modifier.value === 'IGNORE') change.ignore = true;
    // `INSERT IGNORE` alone is in the grammar; the other modifiers, and IGNORE after them or on UPDATE/DELETE, are not.
    const grammarKnows = modifier.value === 'IGNORE' && (operation === 'insert' || operation === 'replace') && reader.pos === 2;
    if (!grammarKnows) reader.ctx.blank(tokenRange(modifier));
  }
  const tokens = reader.topLevelTokens();
  change.hasWhere = tokens.some((token) => token.value === 'WHERE' && token.type === 'word');
  if (operation === 'insert' || operation === 'replace') readInsertColumns(reader, change, tokens);
  if (operation === 'update') change.columns = assignedColumns(reader, tokens, 'SET');
  const duplicates = change.columns.filter((column, i) => change.columns.indexOf(column) !== i);
  if (operation === 'update' && duplicates.length > 0) change.duplicateAssignments = [...new Set(duplicates)];
  return change;
}

function readInsertColumns(reader: TokenReader, change: DataChange, tokens: readonly Token[]): void {
  reader.acceptWords('INTO');
  reader.readName('a table name');
  if (reader.acceptWords('PARTITION')) reader.readParenthesised();
  if (reader.atPunct('(') && reader.peek(1)?.value !== 'SELECT') {
    change.columns = reader.readParenthesisedItems().map((item) => item.readIdentifier('a column name').value);
  } else if (reader.atWords('SET')) change.columns = assignedColumns(reader, tokens, 'SET');
  const onDuplicate = tokens.findIndex((token, i) => token.value === 'DUPLICATE' && tokens[i - 1]?.value === 'ON');
  if (onDuplicate < 0) return;
  change.onDuplicateKeyUpdate = true;
  hideRowAlias(reader, tokens, onDuplicate - 1);
}

/**
 * `VALUES (…) AS new [(a, b)] ON DUPLICATE KEY UPDATE …` (MySQL 8.0.19+ row alias) is not in
 * node-sql-parser's grammar; the alias only names the new row, so it is hidden from the grammar.
 */
function hideRowAlias(reader: TokenReader, tokens: readonly Token[], onIndex: number): void {
  let asIndex = onIndex - 1;
  while (asIndex >= 0 && !(tokens[asIndex].type === 'word' && tokens[asIndex].value === 'AS')) asIndex--;
  if (asIndex < 0) return;
  reader.seek(tokens[asIndex]);
  const from = reader.pos;
  if (!reader.atPunct(')', -1)) return;
  reader.pos++;
  reader.readIdentifier('a row alias');
  if (reader.atPunct('(')) reader.readParenthesised();
  reader.ctx.blank(reader.rangeFrom(from));
}

/** Targets of `SET a = …, t.b = …` after the top-level `keyword`, without their table qualifier. */
function assignedColumns(reader: TokenReader, tokens: readonly Token[], keyword: string): string[] {
  const start = tokens.findIndex((token) => token.type === 'word' && token.value === keyword);
  if (start < 0) return [];
  const columns: string[] = [];
  let expectTarget = true;
  for (let i = start + 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'word' && (token.value === 'WHERE' || token.value === 'ORDER' || token.value === 'LIMIT')) break;
    if (token.type === 'punct' && token.value === ',') expectTarget = true;
    else if (token.type === 'punct' && token.value === '=' && expectTarget) {
      const target = tokens[i - 1];
      columns.push(target.type === 'word' ? target.text : target.value);
      expectTarget = false;
    }
  }
  return columns;
}

/**
 * START TRANSACTION, BEGIN [WORK], COMMIT, ROLLBACK [TO [SAVEPOINT] x], SAVEPOINT x, RELEASE
 * SAVEPOINT x, XA …. Read here alone: the grammar lacks WORK, SAVEPOINT, RELEASE and XA.
 */
export function readTransaction(reader: TokenReader): TransactionChange {
  reader.ctx.grammarCovers = false;
  const operation = transactionOperation(reader);
  // START TRANSACTION READ ONLY / WITH CONSISTENT SNAPSHOT, XA …: modifiers that change nothing we track.
  if (operation === 'other' || operation === 'begin') reader.skipUntil();
  else if (operation === 'savepoint' || operation === 'release' || operation === 'rollback-to') {
    reader.readIdentifier('a savepoint name');
  } else {
    reader.acceptWords('AND', 'NO', 'CHAIN') ?? reader.acceptWords('AND', 'CHAIN');
    reader.acceptWords('NO', 'RELEASE') ?? reader.acceptWords('RELEASE');
  }
  if (!reader.done) throw reader.error('the end of the statement');
  return { kind: 'transaction', operation };
}

function transactionOperation(reader: TokenReader): TransactionChange['operation'] {
  if (reader.acceptWords('START', 'TRANSACTION')) return 'begin';
  if (reader.acceptWords('BEGIN')) {
    reader.acceptWords('WORK');
    return 'begin';
  }
  if (reader.acceptWords('SAVEPOINT')) return 'savepoint';
  if (reader.acceptWords('RELEASE', 'SAVEPOINT')) return 'release';
  if (reader.acceptWords('XA')) return 'other';
  const commit = reader.acceptWords('COMMIT') !== undefined;
  if (!commit) reader.expectWords('ROLLBACK');
  reader.acceptWords('WORK');
  if (!commit && reader.acceptWords('TO')) {
    reader.acceptWords('SAVEPOINT');
    return 'rollback-to';
  }
  return commit ? 'commit' : 'rollback';
}

type MysqlScope = 'session' | 'global';

const SCOPES: Record<string, MysqlScope> = {
  GLOBAL: 'global',
  PERSIST: 'global',
  PERSIST_ONLY: 'global',
  SESSION: 'session',
  LOCAL: 'session',
};

/**
 * SET [GLOBAL|SESSION|…] name = value [, …], SET @@scope.name = …, SET @user = …, SET NAMES …,
 * SET CHARACTER SET …, SET [scope] TRANSACTION …. Read here alone: the grammar lacks NAMES,
 * CHARACTER SET and TRANSACTION.
 */
export function readSet(reader: TokenReader): SetChange {
  reader.ctx.grammarCovers = false;
  const assignments = reader.splitTopLevel().map(readAssignment);
  const [first, ...more] = assignments;
  if (!first) throw reader.error('a variable to set');
  const change: SetChange = { kind: 'set', ...first };
  if (more.length > 0) change.more = more;
  return change;
}

const SCOPE_WORDS = new Set(Object.keys(SCOPES));

function readAssignment(reader: TokenReader): { name: string; value: string; scope: MysqlScope } {
  const scopeWord = reader.atAnyWord(SCOPE_WORDS);
  let scope: MysqlScope = 'session';
  if (scopeWord) {
    reader.pos++;
    scope = SCOPES[scopeWord.value];
  }
  if (reader.atWords('NAMES') || reader.atWords('CHARACTER', 'SET') || reader.atWords('CHARSET') || reader.atWords('TRANSACTION')) {
    const keyword = reader.acceptWords('CHARACTER', 'SET') ?? reader.next();
    const name = reader.ctx.slice(keyword).toLowerCase().replace(/\s+/g, ' ');
    return { name, value: restOf(reader), scope };
  }
  const name = readVariableName(reader);
  if (name.scope) scope = name.scope;
  // `:=` lexes as two punctuation tokens.
  if (!reader.acceptPunct('=') && !(reader.acceptPunct(':') && reader.acceptPunct('='))) throw reader.error('"="');
  return { name: name.name, value: restOf(reader), scope };
}

/** `name`, `@user`, `@@name`, `@@session.name`, `@@global.name`. */
function readVariableName(reader: TokenReader): { name: string; scope?: MysqlScope } {
  if (reader.acceptPunct('@')) {
    if (!reader.acceptPunct('@')) return { name: `@${reader.next('a variable name').value.toLowerCase()}` };
    const first = reader.readIdentifier('a variable name');
    if (!reader.acceptPunct('.')) return { name: first.value.toLowerCase() };
    const scope = SCOPES[first.value.toUpperCase()];
    return { name: reader.readIdentifier('a variable name').value.toLowerCase(), ...(scope ? { scope } : {}) };
  }
  return { name: reader.readIdentifier('a variable name').value.toLowerCase() };
}

/**
 * The value's tokens, spaced only where two words would otherwise run together: the same value
 * however it is laid out over lines (the formatter may break a long CONCAT).
 */
function restOf(reader: TokenReader): string {
  const start = reader.pos;
  reader.skipUntil();
  if (reader.pos === start) throw reader.error('a value');
  let value = '';
  let previous: Token | undefined;
  for (const token of reader.tokensFrom(start)) {
    if (previous && previous.type !== 'punct' && token.type !== 'punct') value += ' ';
    value += token.text;
    previous = token;
  }
  return value;
}
