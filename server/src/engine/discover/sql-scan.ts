// A cheap lexical pass over SQL: enough to count statements (golang-migrate's and Prisma's
// implicit transaction depends on it) and to look for dialect hints outside comments and strings.
// The real statement splitter lives in parse/; discover must not depend on it.

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

export function scanSql(text: string, start = 0, end = text.length): SqlScan {
  const out: string[] = [];
  const scan: SqlScan = { statements: 0, code: '', dollarQuotedBodies: 0, backtickIdentifiers: 0, delimiterCommands: 0 };
  let statementHasContent = false;
  let i = start;
  const blankUntil = (stop: number) => {
    for (; i < stop; i++) out.push(text[i] === '\n' ? '\n' : ' ');
  };
  const quotedUntil = (quote: string, backslashEscapes: boolean) => {
    out.push(text[i++]);
    while (i < end) {
      if (backslashEscapes && text[i] === '\\') {
        blankUntil(Math.min(i + 2, end));
      } else if (text[i] === quote) {
        if (text[i + 1] === quote) blankUntil(i + 2);
        else break;
      } else blankUntil(i + 1);
    }
    if (i < end) out.push(text[i++]);
  };

  while (i < end) {
    const c = text[i];
    const atLineStart = i === start || text[i - 1] === '\n';
    if (atLineStart && /^[ \t]*delimiter\s/i.test(text.slice(i, i + 20))) {
      scan.delimiterCommands++;
      const lineEnd = text.indexOf('\n', i);
      blankUntil(lineEnd < 0 || lineEnd > end ? end : lineEnd);
    } else if (c === '-' && text[i + 1] === '-') {
      const lineEnd = text.indexOf('\n', i);
      blankUntil(lineEnd < 0 || lineEnd > end ? end : lineEnd);
    } else if (c === '/' && text[i + 1] === '*') {
      blankUntil(blockCommentEnd(text, i, end));
    } else if (c === "'") {
      statementHasContent = true;
      quotedUntil("'", /[eE]/.test(text[i - 1] ?? '') && !/\w/.test(text[i - 2] ?? ''));
    } else if (c === '"') {
      statementHasContent = true;
      quotedUntil('"', false);
    } else if (c === '`') {
      statementHasContent = true;
      scan.backtickIdentifiers++;
      quotedUntil('`', false);
    } else if (c === '$' && !/[\w$]/.test(text[i - 1] ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (tag) {
        statementHasContent = true;
        scan.dollarQuotedBodies++;
        const close = text.indexOf(tag[0], i + tag[0].length);
        const bodyEnd = close < 0 || close + tag[0].length > end ? end : close;
        out.push(...tag[0]);
        i += tag[0].length;
        blankUntil(bodyEnd);
        if (i < end) {
          out.push(...tag[0]);
          i += tag[0].length;
        }
      } else {
        statementHasContent = true;
        out.push(text[i++]);
      }
    } else if (c === ';') {
      if (statementHasContent) scan.statements++;
      statementHasContent = false;
      out.push(text[i++]);
    } else {
      if (!/\s/.test(c)) statementHasContent = true;
      out.push(text[i++]);
    }
  }
  if (statementHasContent) scan.statements++;
  scan.code = out.join('');
  return scan;
}

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
