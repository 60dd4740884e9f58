// DROP, RENAME TABLE, CREATE INDEX, CREATE VIEW, CREATE TRIGGER / PROCEDURE / FUNCTION.

import type {
  CreateIndexChange,
  CreateTriggerChange,
  CreateViewChange,
  DropChange,
  ObjectKind,
  RenameTableChange,
  RoutineChange,
} from '../../model/changes.js';
import { ReadError, type TokenReader } from './reader.js';
import { bodyDataChanges } from './routine-body.js';
import { readIndexElements, skipIndexOptions, skipIndexType } from './table-element.js';

const DROPPED_KINDS: Record<string, ObjectKind> = {
  TABLE: 'table',
  TABLES: 'table',
  VIEW: 'view',
  INDEX: 'index',
  TRIGGER: 'trigger',
  PROCEDURE: 'procedure',
  FUNCTION: 'function',
  DATABASE: 'database',
  SCHEMA: 'database',
  SEQUENCE: 'sequence',
  EVENT: 'other',
};

/** Objects node-sql-parser cannot drop: our reading alone judges the statement. */
const DROPS_WITHOUT_GRAMMAR = new Set(['PROCEDURE', 'FUNCTION', 'EVENT', 'SEQUENCE']);

/** After DROP; undefined for objects the change model does not track (USER, ROLE, SERVER …). */
export function readDrop(reader: TokenReader): DropChange | undefined {
  const temporary = reader.acceptWords('TEMPORARY');
  // DROP TEMPORARY TABLE is valid MySQL; node-sql-parser's grammar lacks TEMPORARY here.
  if (temporary) reader.ctx.blank(temporary);
  const kindWord = reader.peek();
  const objectKind = kindWord?.type === 'word' ? DROPPED_KINDS[kindWord.value] : undefined;
  if (!kindWord || !objectKind) return undefined;
  reader.pos++;
  if (DROPS_WITHOUT_GRAMMAR.has(kindWord.value)) reader.ctx.grammarCovers = false;
  const ifExists = reader.acceptWords('IF', 'EXISTS');
  if (ifExists && objectKind === 'index') reader.ctx.mariadbSyntax(ifExists);
  if (objectKind === 'index') reader.acceptWords('ONLINE') ?? reader.acceptWords('OFFLINE');
  const names = objectKind === 'index' ? [reader.readName('an index name')] : reader.readNameList(`a ${kindWord.text.toLowerCase()} name`);
  const change: DropChange = { kind: 'drop', objectKind, names, ifExists: ifExists !== undefined, cascade: false, concurrently: false };
  if (temporary) change.temporary = true;
  if (objectKind === 'index') {
    reader.expectWords('ON');
    change.table = reader.readName('a table name');
    readAlgorithmAndLock(reader, change);
  }
  const cascade = reader.acceptWords('CASCADE') ?? reader.acceptWords('RESTRICT');
  if (cascade) {
    // MySQL accepts and ignores RESTRICT/CASCADE on DROP TABLE/VIEW; the grammar rejects them.
    reader.ctx.blank(cascade);
    change.cascade = reader.ctx.slice(cascade).toUpperCase() === 'CASCADE';
  }
  return change;
}

/** After RENAME: TABLE a TO b [, c TO d]. */
export function readRenameTable(reader: TokenReader): RenameTableChange {
  reader.expectWords('TABLE');
  const renames: RenameTableChange['renames'] = [];
  do {
    const from = reader.readName('a table name');
    reader.expectWords('TO');
    renames.push({ from, to: reader.readName('the new table name') });
  } while (reader.acceptPunct(','));
  return { kind: 'rename-table', renames };
}

/** After CREATE [OR REPLACE] [UNIQUE|FULLTEXT|SPATIAL]; the cursor is at INDEX. */
export function readCreateIndex(reader: TokenReader, variant: string | undefined): CreateIndexChange {
  const start = reader.pos;
  reader.expectWords('INDEX');
  const ifNotExists = reader.acceptWords('IF', 'NOT', 'EXISTS');
  if (ifNotExists) reader.ctx.mariadbSyntax(ifNotExists);
  const name = reader.readName('an index name');
  const using = skipIndexType(reader);
  reader.expectWords('ON');
  const table = reader.readName('a table name');
  const elements = readIndexElements(reader);
  const usingAfter = skipIndexType(reader);
  skipIndexOptions(reader, ALGORITHM_OR_LOCK);
  const method = variant === 'FULLTEXT' || variant === 'SPATIAL' ? variant : (using ?? usingAfter);
  const change: CreateIndexChange = {
    kind: 'create-index',
    index: {
      name,
      table,
      unique: variant === 'UNIQUE',
      concurrently: false,
      ifNotExists: ifNotExists !== undefined,
      ...(method ? { method: method.toLowerCase() } : {}),
      elements,
      range: reader.rangeFrom(start),
    },
  };
  readAlgorithmAndLock(reader, change);
  return change;
}

const ALGORITHM_OR_LOCK = new Set(['ALGORITHM', 'LOCK']);

function readAlgorithmAndLock(reader: TokenReader, into: { algorithm?: string; lock?: string }): void {
  for (let clause = reader.atAnyWord(ALGORITHM_OR_LOCK); clause; clause = reader.atAnyWord(ALGORITHM_OR_LOCK)) {
    reader.pos++;
    reader.acceptOptionalEquals();
    const value = reader.next(`a value for ${clause.value}`).text.toLowerCase();
    if (clause.value === 'ALGORITHM') into.algorithm = value;
    else into.lock = value;
  }
}

/** After CREATE [OR REPLACE] [ALGORITHM=…] [DEFINER=…] [SQL SECURITY …]; the cursor is at VIEW. */
export function readCreateView(reader: TokenReader, orReplace: boolean): CreateViewChange {
  reader.expectWords('VIEW');
  const ifNotExists = reader.acceptWords('IF', 'NOT', 'EXISTS');
  if (ifNotExists) reader.ctx.mariadbSyntax(ifNotExists);
  const name = reader.readName('a view name');
  if (reader.atPunct('(')) reader.readParenthesised();
  reader.expectWords('AS');
  // The tables the query reads come from node-sql-parser's table list (index.ts).
  return { kind: 'create-view', name, materialized: false, orReplace, ifNotExists: ifNotExists !== undefined, references: [] };
}

/**
 * CREATE TRIGGER name {BEFORE|AFTER} {INSERT|UPDATE|DELETE} ON table FOR EACH ROW
 * [{FOLLOWS|PRECEDES} other] body. node-sql-parser cannot parse BEGIN … END bodies, so triggers
 * are read here alone: the head strictly, the body only for its extent.
 */
export function readCreateTrigger(reader: TokenReader, orReplace: boolean): CreateTriggerChange {
  reader.ctx.grammarCovers = false;
  reader.expectWords('TRIGGER');
  reader.acceptWords('IF', 'NOT', 'EXISTS');
  const name = reader.readName('a trigger name');
  if (!reader.acceptWords('BEFORE') && !reader.acceptWords('AFTER')) throw reader.error('BEFORE or AFTER');
  if (!reader.acceptWords('INSERT') && !reader.acceptWords('UPDATE') && !reader.acceptWords('DELETE')) {
    throw reader.error('INSERT, UPDATE or DELETE');
  }
  reader.expectWords('ON');
  const table = reader.readName('a table name');
  reader.expectWords('FOR', 'EACH', 'ROW');
  if (reader.acceptWords('FOLLOWS') ?? reader.acceptWords('PRECEDES')) reader.readIdentifier('a trigger name');
  readBody(reader, 'the trigger body');
  return { kind: 'create-trigger', name, table, orReplace };
}

/** Routine characteristics that may precede the body. */
const CHARACTERISTICS: string[][] = [
  ['COMMENT'],
  ['LANGUAGE', 'SQL'],
  ['NOT', 'DETERMINISTIC'],
  ['DETERMINISTIC'],
  ['CONTAINS', 'SQL'],
  ['NO', 'SQL'],
  ['READS', 'SQL', 'DATA'],
  ['MODIFIES', 'SQL', 'DATA'],
  ['SQL', 'SECURITY'],
];

/**
 * CREATE {PROCEDURE|FUNCTION} [IF NOT EXISTS] name (params) [RETURNS type] characteristics body.
 * node-sql-parser has no grammar for routines at all: read here alone, like triggers.
 */
export function readCreateRoutine(reader: TokenReader, orReplace: boolean): RoutineChange {
  reader.ctx.grammarCovers = false;
  const procedure = reader.acceptWords('PROCEDURE') !== undefined;
  if (!procedure) reader.expectWords('FUNCTION');
  reader.acceptWords('IF', 'NOT', 'EXISTS');
  const name = reader.readName(procedure ? 'a procedure name' : 'a function name');
  const change: RoutineChange = { kind: 'create-function', name, procedure, orReplace, language: 'sql' };
  if (!procedure && reader.acceptWords('RETURNS')) {
    // A loadable function: CREATE FUNCTION f RETURNS STRING SONAME 'lib.so'.
    reader.skipUntil();
    return change;
  }
  reader.readParenthesised();
  if (!procedure) {
    reader.expectWords('RETURNS');
    reader.skipUntil(BODY_OR_CHARACTERISTIC);
  }
  readCharacteristics(reader);
  change.bodyRange = readBody(reader, procedure ? 'the procedure body' : 'the function body');
  return change;
}

const BODY_OR_CHARACTERISTIC = new Set([
  'COMMENT', 'LANGUAGE', 'NOT', 'DETERMINISTIC', 'CONTAINS', 'NO', 'READS', 'MODIFIES', 'SQL', 'BEGIN', 'RETURN',
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'SET', 'IF', 'CASE', 'CALL', 'DECLARE',
]);

function readCharacteristics(reader: TokenReader): void {
  for (;;) {
    const words = CHARACTERISTICS.find((candidate) => reader.atWords(...candidate));
    if (!words) return;
    reader.acceptWords(...words);
    if (words[0] === 'COMMENT' || words[0] === 'SQL') reader.next();
  }
}

/** How the mysql client is told where a routine ends; frameworks that split files themselves say it their own way (rules/run.ts). */
export const DELIMITER_ADVICE = 'put DELIMITER lines around it';

/** The routine or trigger body: one statement, or a BEGIN … END block that must be closed. */
function readBody(reader: TokenReader, what: string): { start: number; end: number } {
  const start = reader.pos;
  const first = reader.next('a body');
  const labelled = reader.atPunct(':') && reader.peek(1)?.value === 'BEGIN';
  reader.skipUntil();
  const range = reader.rangeFrom(start);
  const last = reader.tokensFrom(start).at(-1);
  const lastWords = reader.tokensFrom(start).slice(-2).map((token) => token.value);
  const closed = last?.value === 'END' || lastWords[0] === 'END';
  if ((first.value === 'BEGIN' || labelled) && !closed) {
    throw new ReadError(`BEGIN … END block is not closed: the statement ends at a ";" inside it; ${DELIMITER_ADVICE}`, range);
  }
  reader.ctx.bodyDataChanges.push(...bodyDataChanges(reader.tokensFrom(start), what));
  return range;
}
