// A CREATE TABLE with one mistake in its element list (a type the dialect lacks, a trailing
// comma, a misspelled constraint keyword) still says which table it creates. Without that table,
// every later statement on it would be reported as using a table no migration creates: one typo
// would cascade into findings about statements that are right. So the statement is parsed again
// with the faulty element neutralised, and the change it yields is replayed while the syntax
// error stays the finding at that statement.
//
// Offsets must not move (every range in the change is a file offset), so the element is
// overwritten in place: a column keeps its name with a placeholder type of the same length or
// shorter, padded with spaces, and any other element (a constraint, an empty slot) is blanked
// together with its comma.

import type { Change, Statement, SyntaxErrorInfo } from '../model/changes.js';
import type { Dialect, SourceRange } from '../model/source.js';
import { SqlLexer, TokenKind } from './lexer.js';

/** Parses the one statement at `span` of `file`. */
export type ParseOne = (file: string, span: SourceRange) => Pick<Statement, 'change' | 'syntaxError'>;

/** Each retry neutralises one more element; a statement with more mistakes than this stays unread. */
const MAX_REPAIRS = 3;

/** Words that open a table constraint or index element rather than a column definition. */
const ELEMENT_KEYWORDS = new Set(['constraint', 'primary', 'unique', 'foreign', 'key', 'index', 'check', 'fulltext', 'spatial', 'exclude', 'like', 'period']);

/** Accepted as a column type by every dialect we read; short enough to fit where the written type stood. */
const PLACEHOLDER_TYPE = 'INT';

/** The statement with the change that its repaired text yields, when the statement is a CREATE TABLE whose mistake lies in one of its elements. */
export function recoverCreateTable(statement: Statement, file: string, dialect: Dialect, parseOne: ParseOne): Statement {
  if (!statement.syntaxError || statement.change) return statement;
  let text = file;
  let error: SyntaxErrorInfo = statement.syntaxError;
  const writtenTypes = new Map<string, string>();
  for (let repair = 0; repair < MAX_REPAIRS; repair++) {
    const list = elementList(text, statement.range, dialect);
    const element = list?.elements.find((candidate) => candidate.start <= error.range.start && error.range.start <= candidate.end);
    if (!list || !element) return statement;
    const repaired = neutralise(text, element, list, dialect);
    if (!repaired) return statement;
    text = repaired.text;
    if (repaired.column) writtenTypes.set(repaired.column.toLowerCase(), repaired.writtenType);
    const result = parseOne(text, statement.range);
    if (result.change) return { ...statement, change: withWrittenTypes(result.change, writtenTypes) };
    if (!result.syntaxError) return statement;
    error = result.syntaxError;
  }
  return statement;
}

interface ElementList {
  open: number;
  close: number;
  /** Each element's range between the list's parentheses and commas (blanks included). */
  elements: SourceRange[];
}

/** The parenthesised element list of `CREATE [modifiers] TABLE name (…)`, or undefined for any other statement. */
function elementList(text: string, range: SourceRange, dialect: Dialect): ElementList | undefined {
  const lexer = new SqlLexer(text, range.start, range.end, dialect);
  if (!lexer.nextContent() || !lexer.isWord('create')) return undefined;
  let sawTable = false;
  while (lexer.nextContent() && !lexer.isPunctuation('(')) {
    if (lexer.isWord('table')) sawTable = true;
    else if (!sawTable && lexer.kind !== TokenKind.Word) return undefined;
  }
  if (!sawTable || !lexer.isPunctuation('(')) return undefined;
  const open = lexer.tokenStart;
  const elements: SourceRange[] = [];
  let elementStart = lexer.pos;
  let depth = 1;
  while (lexer.nextContent()) {
    if (lexer.isPunctuation('(')) depth++;
    else if (lexer.isPunctuation(')') && --depth === 0) {
      elements.push({ start: elementStart, end: lexer.tokenStart });
      return { open, close: lexer.tokenStart, elements };
    } else if (depth === 1 && lexer.isPunctuation(',')) {
      elements.push({ start: elementStart, end: lexer.tokenStart });
      elementStart = lexer.pos;
    }
  }
  return undefined;
}

interface Repair {
  text: string;
  /** The column kept with a placeholder type, and the type its author wrote. */
  column?: string;
  writtenType: string;
}

function neutralise(text: string, element: SourceRange, list: ElementList, dialect: Dialect): Repair | undefined {
  const lexer = new SqlLexer(text, element.start, element.end, dialect);
  const tokens: { start: number; end: number; kind: TokenKind; lower: string }[] = [];
  while (lexer.nextContent()) tokens.push({ start: lexer.tokenStart, end: lexer.pos, kind: lexer.kind, lower: lexer.tokenText().toLowerCase() });
  const [name, type] = tokens;
  const isColumn = name && type && (name.kind === TokenKind.QuotedIdentifier || (name.kind === TokenKind.Word && !ELEMENT_KEYWORDS.has(name.lower))) && type.kind === TokenKind.Word;
  if (isColumn && element.end - type.start >= PLACEHOLDER_TYPE.length) {
    const column = name.kind === TokenKind.Word ? text.slice(name.start, name.end) : text.slice(name.start + 1, name.end - 1);
    return { text: overwrite(text, { start: type.start, end: element.end }, PLACEHOLDER_TYPE), column, writtenType: text.slice(type.start, type.end) };
  }
  // Blank the element with one of its commas, so the list stays a list; the only element cannot go.
  const index = list.elements.indexOf(element);
  if (list.elements.length === 1) return undefined;
  const blanked = index === 0 ? { start: element.start, end: list.elements[1].start } : { start: list.elements[index - 1].end, end: element.end };
  return { text: overwrite(text, blanked, ''), writtenType: '' };
}

/** `text` with `range` replaced by `replacement` padded with spaces to the range's length. */
function overwrite(text: string, range: SourceRange, replacement: string): string {
  return text.slice(0, range.start) + replacement.padEnd(range.end - range.start, ' ') + text.slice(range.end);
}

/** The recovered columns carry the type their author wrote, not the placeholder that let them parse. */
function withWrittenTypes(change: Change, writtenTypes: ReadonlyMap<string, string>): Change {
  if (change.kind !== 'create-table' || writtenTypes.size === 0) return change;
  return {
    ...change,
    columns: change.columns.map((column) => {
      const written = writtenTypes.get(column.name.toLowerCase());
      return written === undefined ? column : { ...column, type: { ...column.type, name: written.toLowerCase(), raw: written, args: [], arrayDims: 0 } };
    }),
  };
}
