// SQL a MySQL migration builds while it runs: `SET @sql = CONCAT(…)`, `PREPARE s FROM @sql`,
// `EXECUTE s` (and MariaDB's `EXECUTE IMMEDIATE '…'`). Migrations use it to add a column or an
// index only where it is missing. When the text is built from string literals only, the EXECUTE
// statement gets the change of that text, so the replay knows the column or index exists; when
// it is built from anything else (a query, a variable set elsewhere) the statement is marked as
// running unknown SQL, and the dependency rules treat what it may create accordingly.

import type { Change, Statement } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import { tokenize, type Token } from './tokens.js';

/** Resolves the part's prepared statements in order, as the session would run them. */
export function resolveDynamicSql(statements: Statement[], parse: ParseText): Statement[] {
  if (!statements.some((statement) => /^\s*(?:execute|prepare)\b/i.test(statement.text))) return statements;
  const variables = new Map<string, string | undefined>();
  const prepared = new Map<string, string | undefined>();
  return statements.map((statement) => {
    const tokens = tokenize(statement.text, 0, statement.text.length).tokens;
    const words = (...expected: string[]) => expected.every((word, i) => tokens[i]?.type === 'word' && tokens[i].value === word);
    if (words('SET') && tokens[1]?.value === '@' && tokens[3]?.value === '=') {
      variables.set(tokens[2].value, stringValue(tokens.slice(4), variables));
    } else if (words('PREPARE') && tokens[2]?.value === 'FROM') {
      prepared.set(tokens[1].value, stringValue(tokens.slice(3), variables));
    } else if (words('DEALLOCATE', 'PREPARE') || words('DROP', 'PREPARE')) {
      prepared.delete(tokens[2]?.value);
    } else if (words('EXECUTE', 'IMMEDIATE')) {
      return executing(statement, stringValue(tokens.slice(2), variables), parse);
    } else if (words('EXECUTE') && tokens.length >= 2) {
      return executing(statement, prepared.get(tokens[1].value), parse);
    }
    return statement;
  });
}

/** Parses one statement's text (without its `;`). */
export type ParseText = (sql: string) => Pick<Statement, 'change' | 'syntaxError'>;

function executing(statement: Statement, built: string | undefined, parse: ParseText): Statement {
  if (built === undefined || statement.syntaxError) return { ...statement, dynamic: {} };
  const sql = built.trim().replace(/;$/, '').trimEnd();
  const parsed = parse(sql);
  // The built text's own positions mean nothing in the file: everything it names is at the EXECUTE.
  const change = parsed.change && atRange(parsed.change, statement.range);
  return parsed.syntaxError
    ? { ...statement, dynamic: { sql }, syntaxError: { message: `the SQL it runs does not parse: ${parsed.syntaxError.message}`, range: statement.range } }
    : { ...statement, dynamic: { sql }, ...(change ? { change } : {}) };
}

/**
 * The string an expression evaluates to when it is made of string literals, CONCAT of them and
 * variables whose value is known; undefined otherwise.
 */
function stringValue(tokens: Token[], variables: Map<string, string | undefined>): string | undefined {
  let i = 0;
  const value = (): string | undefined => {
    const token = tokens[i];
    if (!token) return undefined;
    if (token.type === 'string') {
      // Adjacent literals are one string ('a' 'b').
      let text = '';
      while (tokens[i]?.type === 'string') text += tokens[i++].value;
      return text;
    }
    if (token.value === '@' && tokens[i + 1]?.type === 'word') {
      i += 2;
      return variables.get(tokens[i - 1].value);
    }
    if (token.type === 'word' && token.value === 'CONCAT' && tokens[i + 1]?.value === '(') {
      i += 2;
      let text = '';
      for (;;) {
        const part = value();
        if (part === undefined) return undefined;
        text += part;
        if (tokens[i]?.value === ',') i++;
        else if (tokens[i]?.value === ')') {
          i++;
          return text;
        } else return undefined;
      }
    }
    return undefined;
  };
  const result = value();
  return i === tokens.length ? result : undefined;
}

/** A copy of `change` with every range in it replaced by `range`. */
function atRange(change: Change, range: SourceRange): Change {
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 2 && typeof (value as SourceRange).start === 'number' && typeof (value as SourceRange).end === 'number') return { ...range };
    return Object.fromEntries(entries.map(([key, inner]) => [key, copy(inner)]));
  };
  return copy(change) as Change;
}
