// Expressions as the change model keeps them: source text, range, and whether the value is a
// literal, a volatile call or anything else.

import type { Expression } from '../../model/changes.js';
import type { TokenReader } from './reader.js';
import type { Token } from './tokens.js';

/** Functions that return a different value on every call (the default differs per row). */
const VOLATILE_FUNCTIONS = new Set([
  'UUID',
  'UUID_SHORT',
  'UUIDV4',
  'UUIDV7',
  'RAND',
  'RANDOM_BYTES',
  'SYSDATE',
  'SYS_GUID',
]);

/** Words that are literals by themselves. */
const LITERAL_WORDS = new Set(['NULL', 'TRUE', 'FALSE']);

/**
 * Reads one default-like value: a literal (`-1`, `'x'`, `_utf8mb4'x'`, `b'01'`), a keyword
 * (`NULL`, `CURRENT_TIMESTAMP`), a call (`NOW(6)`) or a parenthesised expression.
 */
export function readValue(reader: TokenReader): Expression {
  const from = reader.pos;
  const first = reader.next('a value');
  if (first.type === 'punct' && (first.value === '-' || first.value === '+')) {
    reader.next('a number');
  } else if (first.type === 'punct' && first.value === '(') {
    reader.pos--;
    reader.readParenthesised();
  } else if (first.type === 'word' && reader.atPunct('(')) {
    reader.readParenthesised();
  } else if (first.type === 'word' && reader.peek()?.type === 'string' && reader.peek()?.start === first.end) {
    // `_utf8mb4'x'`, `X'0A'`, `b'01'`, `N'x'`: an introducer glued to its string.
    if (first.text.startsWith('_')) reader.ctx.blank({ start: first.start, end: first.end });
    reader.next();
  }
  return expressionOf(reader, from);
}

/** Reads a parenthesised expression (`CHECK (…)`, `AS (…)`); the range includes the parentheses. */
export function readParenthesisedExpression(reader: TokenReader): Expression {
  const from = reader.pos;
  reader.readParenthesised();
  return expressionOf(reader, from);
}

/** The tokens from `from` to the cursor as an Expression. */
function expressionOf(reader: TokenReader, from: number): Expression {
  const range = reader.rangeFrom(from);
  return { sql: reader.ctx.slice(range), kind: classify(reader.tokensFrom(from)), range };
}

function classify(tokens: readonly Token[]): Expression['kind'] {
  let constant = true;
  tokens.forEach((token, i) => {
    if (token.type !== 'word') return;
    const next = tokens[i + 1];
    const glued = next?.type === 'string' && next.start === token.end;
    if (!LITERAL_WORDS.has(token.value) && !glued && !/^[0-9.]/.test(token.value)) constant = false;
  });
  if (constant) return 'constant';
  const callsVolatile = tokens.some(
    (token, i) => token.type === 'word' && VOLATILE_FUNCTIONS.has(token.value) && tokens[i + 1]?.value === '(',
  );
  return callsVolatile ? 'volatile' : 'expression';
}
