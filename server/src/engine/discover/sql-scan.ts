// A cheap lexical pass over SQL: enough to count statements (golang-migrate's and Prisma's
// implicit transaction depends on it) and to look for dialect hints outside comments and strings.
// The real statement splitter lives in parse/; discover must not depend on it.

import { TextMemo } from './text-memo.js';

export interface SqlScan {
  /** Statements with content, separated by top-level semicolons. */
  statements: number;
  /** The text with comments and the insides of strings and quoted identifiers blanked. */
  code: string;
  dollarQuotedBodies: number;
  backtickIdentifiers: number;
  /** MySQL client `DELIMITER` lines. */
  delimiterCommands: number;
}

/** Scans of whole files, kept across discoveries: dialect detection and transaction modes both read them. */
export const wholeFileScans = new TextMemo((text) => scanSql(text));

export function scanSql(text: string, start = 0, end = text.length): SqlScan {
  const scan: SqlScan = { statements: 0, code: '', dollarQuotedBodies: 0, backtickIdentifiers: 0, delimiterCommands: 0 };
  // `code` is built from slices of `text`: runs copied as they are, blanked runs in between.
  const code: string[] = [];
  let copiedUpTo = start;
  /** Blanks `from..to` in `code`, keeping line breaks so offsets and line numbers still match. */
  const blank = (from: number, to: number) => {
    if (to <= from) return;
    code.push(text.slice(copiedUpTo, from), text.slice(from, to).replace(/[^\n]/g, ' '));
    copiedUpTo = to;
  };
  /** Blanks the inside of a quoted token opening at `open`; returns the offset after its closing quote. */
  const quoted = (open: number, quote: number, backslashEscapes: boolean): number => {
    let i = open + 1;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (backslashEscapes && c === 92 /* \ */) i = Math.min(i + 2, end);
      else if (c === quote) {
        if (text.charCodeAt(i + 1) === quote) i += 2;
        else break;
      } else i++;
    }
    blank(open + 1, i);
    return i < end ? i + 1 : i;
  };
  const lineEnd = (from: number): number => {
    const newline = text.indexOf('\n', from);
    return newline < 0 || newline > end ? end : newline;
  };
  let statementHasContent = false;
  let i = start;
  const blankTo = (stop: number) => {
    blank(i, stop);
    i = stop;
  };
  while (i < end) {
    const c = text.charCodeAt(i);
    const atLineStart = i === start || text.charCodeAt(i - 1) === 10;
    if (atLineStart && mayStartDelimiterCommand(c) && /^[ \t]*delimiter\s/i.test(text.slice(i, i + 20))) {
      scan.delimiterCommands++;
      blankTo(lineEnd(i));
    } else if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      blankTo(lineEnd(i));
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      blankTo(blockCommentEnd(text, i, end));
    } else if (c === 39 /* ' */) {
      statementHasContent = true;
      i = quoted(i, c, /[eE]/.test(text[i - 1] ?? '') && !/\w/.test(text[i - 2] ?? ''));
    } else if (c === 34 /* " */) {
      statementHasContent = true;
      i = quoted(i, c, false);
    } else if (c === 96 /* ` */) {
      statementHasContent = true;
      scan.backtickIdentifiers++;
      i = quoted(i, c, false);
    } else if (c === 36 /* $ */ && !/[\w$]/.test(text[i - 1] ?? '')) {
      statementHasContent = true;
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64))?.[0];
      if (tag) {
        scan.dollarQuotedBodies++;
        const bodyStart = i + tag.length;
        const close = text.indexOf(tag, bodyStart);
        const bodyEnd = close < 0 || close + tag.length > end ? end : close;
        blank(bodyStart, bodyEnd);
        i = bodyEnd < end ? bodyEnd + tag.length : Math.max(bodyStart, end);
      } else i++;
    } else if (c === 59 /* ; */) {
      if (statementHasContent) scan.statements++;
      statementHasContent = false;
      i++;
    } else {
      if (!isWhitespace(c)) statementHasContent = true;
      i++;
    }
  }
  if (statementHasContent) scan.statements++;
  // A dollar tag opening right at `end` is copied whole, as the servers' scanners would read it.
  code.push(text.slice(copiedUpTo, Math.max(i, end)));
  scan.code = code.join('');
  return scan;
}

/** A `DELIMITER` line starts with blanks or the word itself; testing this first spares a slice per line. */
const mayStartDelimiterCommand = (c: number): boolean => c === 32 || c === 9 || c === 100 /* d */ || c === 68 /* D */;

/** What `/\s/` matches, without making a one-character string for ASCII. */
const isWhitespace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));

/** End of a `/* ... *\/` comment starting at `from`; PostgreSQL nests them. */
function blockCommentEnd(text: string, from: number, end: number): number {
  let depth = 0;
  let i = from;
  while (i < end) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return end;
}
