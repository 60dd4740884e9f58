// ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] name action [, action …]
//
// node-sql-parser's grammar lacks several valid actions (ALTER COLUMN … SET/DROP DEFAULT, RENAME
// INDEX, CONVERT TO CHARACTER SET, FORCE, partition maintenance, ADD COLUMN (a, b) …). Each of
// those is read here and hidden from the grammar check together with its comma, so the grammar
// still judges the other actions of the statement.

import type { AlterTableAction, AlterTableChange, Name } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import { readColumnDefinition } from './column.js';
import { readValue } from './expression.js';
import type { TokenReader } from './reader.js';
import { readTableElement } from './table-element.js';
import { readTableOption } from './table-options.js';

/** After ALTER; the cursor is at [ONLINE] [IGNORE] TABLE. */
export function readAlterTable(reader: TokenReader): AlterTableChange {
  // MariaDB's ALTER ONLINE / ALTER IGNORE (MySQL 5.7 dropped IGNORE) and ALTER TABLE IF EXISTS.
  for (let modifier = reader.acceptWords('ONLINE') ?? reader.acceptWords('IGNORE'); modifier; modifier = reader.acceptWords('ONLINE') ?? reader.acceptWords('IGNORE')) {
    reader.ctx.mariadbSyntax(modifier);
  }
  reader.expectWords('TABLE');
  const ifExists = reader.acceptWords('IF', 'EXISTS');
  if (ifExists) reader.ctx.mariadbSyntax(ifExists);
  const table = reader.readName('a table name');
  const wait = reader.acceptWords('NOWAIT') ?? (reader.atWords('WAIT') ? readWait(reader) : undefined);
  if (wait) reader.ctx.mariadbSyntax(wait);
  const change: AlterTableChange = { kind: 'alter-table', table, ifExists: ifExists !== undefined, only: false, actions: [] };
  const segments = reader.splitTopLevel();
  let hiddenSegments = 0;
  for (const segment of segments) {
    const range = segment.fullRange();
    const supported = readAction(segment, change, range);
    if (!supported) {
      // Hidden from the grammar, so anything left over is ours to reject.
      if (!segment.done) throw segment.error('"," or the end of the statement');
      const comma = segment.separatingComma();
      segment.ctx.blank(comma ? union(range, comma) : range);
      hiddenSegments++;
    }
  }
  // Nothing left for the grammar to judge (`ALTER TABLE t FORCE`): our reading stands alone.
  if (segments.length > 0 && hiddenSegments === segments.length) reader.ctx.grammarCovers = false;
  return change;
}

function readWait(reader: TokenReader): SourceRange {
  const start = reader.pos;
  reader.expectWords('WAIT');
  reader.next('a number of seconds');
  return reader.rangeFrom(start);
}

/**
 * Reads one action into `change`; returns false when node-sql-parser's grammar cannot parse the
 * action, which is then hidden from it.
 */
function readAction(reader: TokenReader, change: AlterTableChange, range: SourceRange): boolean {
  const push = (action: AlterTableAction): void => {
    change.actions.push(action);
  };
  if (reader.acceptWords('ADD')) return readAdd(reader, change.table, range, push);
  if (reader.acceptWords('DROP')) return readDrop(reader, range, push);
  if (reader.acceptWords('MODIFY') || reader.atWords('CHANGE')) return readRedefine(reader, range, push);
  if (reader.acceptWords('ALTER')) return readAlterColumn(reader, range, push);
  if (reader.acceptWords('RENAME')) return readRename(reader, range, push);
  for (const clause of ['ALGORITHM', 'LOCK'] as const) {
    if (reader.acceptWords(clause)) {
      reader.acceptOptionalEquals();
      const value = reader.next(`a value for ${clause}`).text.toLowerCase();
      if (clause === 'ALGORITHM') change.algorithm = value;
      else change.lock = value;
      return true;
    }
  }
  let option = readTableOption(reader);
  if (option) {
    // Several options may share one action without commas: `CHARACTER SET x COLLATE y`.
    for (; option; option = readTableOption(reader)) {
      push({ kind: 'set-table-option', option: option.key, value: option.value, range: option.range });
    }
    if (!reader.done) throw reader.error('a table option');
    return false;
  }
  return readOtherAction(reader, range, push);
}

function readAdd(reader: TokenReader, table: Name, range: SourceRange, push: (action: AlterTableAction) => void): boolean {
  const column = reader.acceptWords('COLUMN');
  const ifNotExists = reader.acceptWords('IF', 'NOT', 'EXISTS');
  if (ifNotExists) reader.ctx.mariadbSyntax(ifNotExists);
  if (reader.atPunct('(')) {
    // ADD [COLUMN] (a int, b int): valid, but not in node-sql-parser's grammar.
    for (const item of reader.readParenthesisedItems()) {
      const read = readColumnDefinition(item);
      push({ kind: 'add-column', column: read.column, ifNotExists: ifNotExists !== undefined, constraints: read.constraints, range: item.fullRange() });
    }
    return false;
  }
  if (!column && reader.atAnyWord(PARTITION_WORDS)) return readOther(reader, range, push, 'add partition');
  const element = column ? ({ kind: 'column', read: readColumnDefinition(reader) } as const) : readTableElement(reader, table);
  if (element.kind === 'column') {
    const { column: definition, constraints, position } = element.read;
    push({ kind: 'add-column', column: definition, ifNotExists: ifNotExists !== undefined, constraints, ...(position ? { position } : {}), range });
  } else if (element.kind === 'constraint') push({ kind: 'add-constraint', constraint: element.constraint, range });
  else if (element.kind === 'index') push({ kind: 'add-index', index: element.index, range });
  else push({ kind: 'other', description: reader.ctx.slice(range), range });
  return true;
}

function readDrop(reader: TokenReader, range: SourceRange, push: (action: AlterTableAction) => void): boolean {
  if (reader.acceptWords('PRIMARY', 'KEY')) {
    push({ kind: 'drop-primary-key', range });
    return true;
  }
  if (reader.atAnyWord(PARTITION_WORDS)) return readOther(reader, range, push, 'drop partition');
  const what = reader.acceptWords('INDEX') ?? reader.acceptWords('KEY') ?? reader.acceptWords('FOREIGN', 'KEY') ??
    reader.acceptWords('CONSTRAINT') ?? reader.acceptWords('CHECK') ?? reader.acceptWords('COLUMN');
  const keyword = what ? reader.ctx.slice(what).toUpperCase().replace(/\s+/g, ' ') : 'COLUMN';
  const ifExists = reader.acceptWords('IF', 'EXISTS');
  if (ifExists) reader.ctx.mariadbSyntax(ifExists);
  const name = reader.readIdentifier(keyword === 'COLUMN' ? 'a column name' : 'a name');
  const cascade = reader.acceptWords('CASCADE') !== undefined;
  reader.acceptWords('RESTRICT');
  if (keyword === 'INDEX' || keyword === 'KEY') push({ kind: 'drop-index', name: name.value, raw: name.raw, range });
  else if (keyword === 'COLUMN') {
    push({ kind: 'drop-column', column: name.value, raw: name.raw, ifExists: ifExists !== undefined, cascade, range });
  } else push({ kind: 'drop-constraint', name: name.value, raw: name.raw, ifExists: ifExists !== undefined, cascade: false, range });
  return true;
}

function readRedefine(reader: TokenReader, range: SourceRange, push: (action: AlterTableAction) => void): boolean {
  const syntax = reader.acceptWords('CHANGE') ? 'change' : 'modify';
  reader.acceptWords('COLUMN');
  const ifExists = reader.acceptWords('IF', 'EXISTS');
  if (ifExists) reader.ctx.mariadbSyntax(ifExists);
  const changed = syntax === 'change' ? reader.readIdentifier('the column to change') : undefined;
  const read = readColumnDefinition(reader);
  push({
    kind: 'redefine-column',
    from: changed?.value ?? read.column.name,
    rawFrom: changed?.raw ?? read.column.raw,
    column: read.column,
    constraints: read.constraints,
    syntax,
    ...(read.position ? { position: read.position } : {}),
    range,
  });
  return true;
}

/** ALTER [COLUMN] c {SET DEFAULT v | DROP DEFAULT | SET [IN]VISIBLE}, ALTER INDEX …, ALTER CHECK …. */
function readAlterColumn(reader: TokenReader, range: SourceRange, push: (action: AlterTableAction) => void): boolean {
  if (reader.atWords('INDEX') || reader.atWords('CHECK') || reader.atWords('CONSTRAINT')) {
    return readOther(reader, range, push, 'alter index or constraint');
  }
  reader.acceptWords('COLUMN');
  const column = reader.readIdentifier('a column name');
  if (reader.acceptWords('DROP')) {
    reader.expectWords('DEFAULT');
    push({ kind: 'drop-default', column: column.value, raw: column.raw, range });
    return false;
  }
  if (!reader.acceptWords('SET')) throw reader.error('SET or DROP');
  if (reader.acceptWords('DEFAULT')) {
    push({ kind: 'set-default', column: column.value, raw: column.raw, default: readValue(reader), range });
  } else if (reader.acceptWords('VISIBLE') ?? reader.acceptWords('INVISIBLE')) {
    push({ kind: 'other', description: reader.ctx.slice(range), range });
  } else throw reader.error('DEFAULT, VISIBLE or INVISIBLE');
  return false;
}

function readRename(reader: TokenReader, range: SourceRange, push: (action: AlterTableAction) => void): boolean {
  if (reader.acceptWords('COLUMN')) {
    const from = reader.readIdentifier('a column name');
    reader.expectWords('TO');
    const to = reader.readIdentifier('the new column name');
    push({ kind: 'rename-column', from: from.value, to: to.value, rawFrom: from.raw, rawTo: to.raw, range });
    return true;
  }
  if (reader.acceptWords('INDEX') ?? reader.acceptWords('KEY')) {
    // RENAME INDEX/KEY a TO b (MySQL 5.7+, MariaDB 10.5+): not in node-sql-parser's grammar.
    const from = reader.readIdentifier('an index name');
    reader.expectWords('TO');
    const to = reader.readIdentifier('the new index name');
    push({ kind: 'rename-index', from: from.value, to: to.value, range });
    return false;
  }
  if (!reader.acceptWords('TO')) reader.acceptWords('AS');
  push({ kind: 'rename-table', to: reader.readName('the new table name'), range });
  return true;
}

const PARTITION_WORDS = new Set(['PARTITION', 'PARTITIONING']);

/** Words that start valid actions node-sql-parser's grammar lacks; they change no column or key. */
const OTHER_ACTIONS = new Set([
  'CONVERT',
  'FORCE',
  'ENABLE',
  'DISABLE',
  'DISCARD',
  'IMPORT',
  'ORDER',
  'WITH',
  'WITHOUT',
  'PARTITION',
  'REMOVE',
  'COALESCE',
  'REORGANIZE',
  'EXCHANGE',
  'ANALYZE',
  'CHECK',
  'OPTIMIZE',
  'REBUILD',
  'REPAIR',
  'TRUNCATE',
  'SECONDARY_LOAD',
  'SECONDARY_UNLOAD',
]);

function readOtherAction(reader: TokenReader, range: SourceRange, push: (action: AlterTableAction) => void): boolean {
  const word = reader.atAnyWord(OTHER_ACTIONS);
  if (!word) {
    // Unknown: recorded as `other` and left for the grammar to judge.
    push({ kind: 'other', description: reader.ctx.slice(range), range });
    return true;
  }
  return readOther(reader, range, push, word.value.toLowerCase());
}

function readOther(reader: TokenReader, range: SourceRange, push: (action: AlterTableAction) => void, description: string): boolean {
  reader.skipUntil();
  push({ kind: 'other', description: `${description}: ${reader.ctx.slice(range)}`, range });
  return false;
}

function union(a: SourceRange, b: SourceRange): SourceRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
