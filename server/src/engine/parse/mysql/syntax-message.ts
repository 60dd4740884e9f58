// Turns a node-sql-parser (peggy) error into a message in plain words over the offending token.
// Peggy lists every character class it could have accepted (often 40 to 100 items, whitespace and
// comment openers included) and reports only the first character found; users need the token and
// a short idea of what belongs there.

import type { SyntaxErrorInfo } from '../../model/changes.js';
import type { StatementContext } from './context.js';
import { tokenRange } from './reader.js';
import type { Token } from './tokens.js';

interface Expectation {
  type: string;
  text?: string;
  parts?: (string | string[])[];
}

export interface GrammarError {
  message: string;
  expected?: Expectation[] | null;
  found?: string | null;
  location?: { start: { offset: number } };
}

const DATA_TYPE_MARKERS = ['INT', 'VARCHAR', 'DATETIME'];
const NOISE = new Set(['#', '--', '/*']);

export function describeGrammarError(error: GrammarError, ctx: StatementContext, tokens: readonly Token[]): SyntaxErrorInfo {
  const offset = error.location ? ctx.range.start + error.location.start.offset : undefined;
  if (offset === undefined) return { message: `syntax error: ${error.message}`, range: tokenRange(tokens[0]) };
  // The grammar may stop at the clause or at the token after it (`CREATE OR REPLACE TABLE` fails at TABLE).
  const mariadbOnly = ctx.mariadbOnly.find((range) => {
    const following = tokens.find((token) => token.start >= range.end);
    return offset >= range.start && offset <= (following?.start ?? range.end);
  });
  if (mariadbOnly) {
    const clause = ctx.slice(mariadbOnly).replace(/\s+/g, ' ');
    return { message: `"${clause}" is MariaDB syntax; MySQL does not accept it here`, range: mariadbOnly };
  }
  const expected = describeExpected(error.expected ?? []);
  const token = ctx.unknownStatement ? tokens[0] : tokens.find((candidate) => candidate.end > offset);
  if (!token || error.found === null) {
    const last = tokens[tokens.length - 1];
    return { message: `statement ends too early${expected ? `: expected ${expected}` : ''}`, range: tokenRange(last) };
  }
  if (token === tokens[0]) {
    return { message: `syntax error near "${token.text}": expected a statement such as CREATE, ALTER, DROP, INSERT or SET`, range: tokenRange(token) };
  }
  return { message: `syntax error near "${shorten(token.text)}"${expected ? `: expected ${expected}` : ''}`, range: tokenRange(token) };
}

/** A few words for what the grammar would have accepted, or undefined when no short phrase fits. */
function describeExpected(expected: readonly Expectation[]): string | undefined {
  const literals = [...new Set(expected.filter((e) => e.type === 'literal' && e.text).map((e) => e.text!.toUpperCase()))].filter(
    (text) => !NOISE.has(text),
  );
  const name = expected.some((e) => e.type === 'class' && e.parts?.some((part) => Array.isArray(part) && part[0] === 'A')) || literals.includes('`');
  if (DATA_TYPE_MARKERS.every((marker) => literals.includes(marker))) return 'a data type';
  if (name && literals.includes('PRIMARY') && literals.includes('CONSTRAINT')) return 'a column or constraint definition';
  const words = literals.filter((text) => text !== '`' && text !== '"' && text !== "'");
  if (words.length > 0 && words.length <= 4) {
    const listed = words.map((text) => `"${text}"`);
    if (name) listed.push('a name');
    return listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`;
  }
  return name && words.length === 0 ? 'a name' : undefined;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
