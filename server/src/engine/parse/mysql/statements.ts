// Recognises a statement by its leading keywords and hands it to the reader for its kind.

import type { Change } from '../../model/changes.js';
import { readAlterTable } from './alter-table.js';
import { readCreateTable } from './create-table.js';
import type { TokenReader } from './reader.js';
import {
  readCreateIndex,
  readCreateRoutine,
  readCreateTrigger,
  readCreateView,
  readDrop,
  readRenameTable,
} from './schema-statements.js';
import { readDataChange, readSet, readTransaction } from './session-statements.js';
import { DATA_OPERATIONS, TRANSACTION_WORDS, UNCHECKED_STATEMENTS } from './statement-words.js';

/**
 * The objects CREATE, ALTER and DROP take in MySQL 8 and MariaDB 11, besides those read in full.
 * Any other word there is a syntax error the server reports (`CREATE TABEL`): without this list,
 * such a statement would be taken for a valid one we do not track, and pass in silence.
 */
const OTHER_OBJECTS: Record<'CREATE' | 'ALTER' | 'DROP', ReadonlySet<string>> = {
  CREATE: new Set(['EVENT', 'USER', 'ROLE', 'SERVER', 'TABLESPACE', 'LOGFILE', 'SPATIAL', 'RESOURCE', 'UNDO', 'PACKAGE']),
  ALTER: new Set(['DATABASE', 'SCHEMA', 'EVENT', 'FUNCTION', 'PROCEDURE', 'SERVER', 'TABLESPACE', 'USER', 'LOGFILE', 'INSTANCE', 'RESOURCE', 'SEQUENCE', 'UNDO', 'PACKAGE']),
  DROP: new Set(['USER', 'ROLE', 'SERVER', 'TABLESPACE', 'LOGFILE', 'SPATIAL', 'RESOURCE', 'UNDO', 'PACKAGE', 'PREPARE']),
};

/** An `other` statement when `object` is a word its verb takes, else the syntax error at it. */
function otherObject(reader: TokenReader, verb: keyof typeof OTHER_OBJECTS, object: string | undefined): Change {
  if (object !== undefined && OTHER_OBJECTS[verb].has(object)) return unchecked(reader, `${verb} ${object}`.toLowerCase());
  throw reader.error(`what to ${verb.toLowerCase()} (TABLE, INDEX, VIEW, …)`);
}

export function readStatement(reader: TokenReader): Change {
  const first = reader.peek();
  if (!first) throw reader.error('a statement');
  if (first.type === 'punct' && first.value === '(') return readDataChange(reader, 'select');
  reader.pos++;
  switch (first.value) {
    case 'CREATE':
      return readCreate(reader);
    case 'ALTER':
      return readAlter(reader);
    case 'DROP':
      return readDrop(reader) ?? otherObject(reader, 'DROP', reader.peek()?.value);
    case 'RENAME':
      return reader.atWords('TABLE') ? readRenameTable(reader) : unchecked(reader, 'rename');
    case 'SET':
      return readSet(reader);
    case 'START':
      if (!reader.atWords('TRANSACTION')) break;
      reader.pos--;
      return readTransaction(reader);
  }
  const operation = DATA_OPERATIONS[first.value];
  if (operation) return readDataChange(reader, operation);
  if (TRANSACTION_WORDS.has(first.value)) {
    reader.pos--;
    return readTransaction(reader);
  }
  if (UNCHECKED_STATEMENTS.has(first.value)) return unchecked(reader, first.text.toLowerCase());
  // Unknown leading word: the grammar judges it, so a typo such as `CRATE TABLE` is reported.
  reader.ctx.unknownStatement = true;
  return { kind: 'other', statementType: first.text.toLowerCase() };
}

interface CreateModifiers {
  orReplace: boolean;
  temporary: boolean;
  /** UNIQUE, FULLTEXT or SPATIAL before INDEX. */
  indexVariant?: string;
}

/** `OR REPLACE`, `DEFINER = user`, `ALGORITHM = x`, `SQL SECURITY x`, `TEMPORARY`, `UNIQUE`, … */
function readCreateModifiers(reader: TokenReader): CreateModifiers {
  const modifiers: CreateModifiers = { orReplace: false, temporary: false };
  for (;;) {
    const orReplace = reader.acceptWords('OR', 'REPLACE');
    if (orReplace) {
      modifiers.orReplace = true;
      // CREATE OR REPLACE TABLE/INDEX are MariaDB's; views, triggers and routines take it in both.
      if (reader.atWords('TABLE') || reader.atWords('TEMPORARY') || reader.atAnyWord(INDEX_STARTS)) reader.ctx.mariadbSyntax(orReplace);
    } else if (reader.acceptWords('DEFINER')) {
      reader.acceptOptionalEquals();
      readUser(reader);
    } else if (reader.acceptWords('ALGORITHM')) {
      reader.acceptOptionalEquals();
      reader.next('a view algorithm');
    } else if (reader.acceptWords('SQL', 'SECURITY')) reader.next('DEFINER or INVOKER');
    else if (reader.acceptWords('TEMPORARY')) modifiers.temporary = true;
    else if (reader.acceptWords('AGGREGATE')) continue;
    else {
      const variant = reader.atAnyWord(INDEX_VARIANTS);
      if (!variant || !reader.atWords(variant.value, 'INDEX')) return modifiers;
      reader.pos++;
      modifiers.indexVariant = variant.value;
    }
  }
}

const INDEX_VARIANTS = new Set(['UNIQUE', 'FULLTEXT', 'SPATIAL']);
const INDEX_STARTS = new Set(['INDEX', 'UNIQUE', 'FULLTEXT', 'SPATIAL']);

/** `'user'@'host'`, `user@host`, `CURRENT_USER`, `CURRENT_USER()`. */
function readUser(reader: TokenReader): void {
  const user = reader.next('a user');
  if (user.value === 'CURRENT_USER' && reader.atPunct('(')) reader.readParenthesised();
  else if (reader.acceptPunct('@')) reader.next('a host');
}

function readCreate(reader: TokenReader): Change {
  const modifiers = readCreateModifiers(reader);
  const object = reader.peek();
  switch (object?.value) {
    case 'TABLE':
      return readCreateTable(reader, modifiers.temporary);
    case 'INDEX':
      return readCreateIndex(reader, modifiers.indexVariant);
    case 'VIEW':
      return readCreateView(reader, modifiers.orReplace);
    case 'TRIGGER':
      return readCreateTrigger(reader, modifiers.orReplace);
    case 'PROCEDURE':
    case 'FUNCTION':
      return readCreateRoutine(reader, modifiers.orReplace);
    case 'DATABASE':
    case 'SCHEMA': {
      reader.pos++;
      const ifNotExists = reader.acceptWords('IF', 'NOT', 'EXISTS') !== undefined;
      return { kind: 'create-schema', name: reader.readIdentifier('a database name').value, ifNotExists };
    }
    case 'SEQUENCE':
      reader.ctx.grammarCovers = false;
      reader.pos++;
      reader.acceptWords('IF', 'NOT', 'EXISTS');
      return { kind: 'create-sequence', name: reader.readName('a sequence name') };
  }
  return otherObject(reader, 'CREATE', object?.value);
}

function readAlter(reader: TokenReader): Change {
  if (reader.atWords('TABLE') || reader.atWords('ONLINE') || reader.atWords('IGNORE')) return readAlterTable(reader);
  const modifiers = readCreateModifiers(reader);
  if (reader.atWords('VIEW')) {
    // ALTER VIEW redefines the view like CREATE OR REPLACE VIEW; the grammar lacks ALTER VIEW.
    reader.ctx.grammarCovers = false;
    return readCreateView(reader, true);
  }
  if (modifiers.orReplace) throw reader.error('VIEW');
  return otherObject(reader, 'ALTER', reader.peek()?.value);
}

function unchecked(reader: TokenReader, statementType: string): Change {
  reader.ctx.grammarCovers = false;
  return { kind: 'other', statementType };
}
