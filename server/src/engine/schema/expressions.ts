// Expression normalisation for defaults, generated columns, checks and index predicates.
//
// A migration says `DEFAULT 'active'`, `NOW()`, `-1`; the PostgreSQL catalog says
// `'active'::text`, `now()`, `'-1'::integer`; MariaDB says `current_timestamp()` and `0.00`.
// normalizeExpression folds these to one text: lower case outside quotes, no casts, no blanks
// except between words, numbers in their shortest form, now()/current_timestamp() as
// `current_timestamp`, redundant parentheses removed.

import type { Dialect } from '../model/source.js';
import { isPostgres } from './names.js';

type TokenKind = 'string' | 'word' | 'number' | 'symbol';

interface Token {
  kind: TokenKind;
  text: string;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'" || ((ch === 'E' || ch === 'e') && sql[i + 1] === "'")) {
      const start = ch === "'" ? i : i + 1;
      let j = start + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      tokens.push({ kind: 'string', text: sql.slice(start, j + 1) });
      i = j + 1;
    } else if (ch === '"' || ch === '`') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end < 0 ? sql.length : end;
      tokens.push({ kind: 'word', text: sql.slice(i + 1, stop) });
      i = stop + 1;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const match = /^[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?/i.exec(sql.slice(i))!;
      tokens.push({ kind: 'number', text: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(ch)) {
      const match = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(sql.slice(i))!;
      tokens.push({ kind: 'word', text: match[0].toLowerCase() });
      i += match[0].length;
    } else {
      const two = sql.slice(i, i + 2);
      const symbol = ['::', '<>', '!=', '>=', '<=', '||'].includes(two) ? two : ch;
      tokens.push({ kind: 'symbol', text: symbol === '!=' ? '<>' : symbol });
      i += symbol.length;
    }
  }
  return tokens;
}

/** Drops `::type` casts (including `::character varying(10)[]`). */
function dropCasts(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].text !== '::') {
      out.push(tokens[i]);
      continue;
    }
    i++;
    while (tokens[i + 1]?.kind === 'word' && TYPE_WORD_CONTINUATION.has(tokens[i + 1].text)) i++;
    if (tokens[i + 1]?.text === '(') {
      while (i < tokens.length && tokens[i].text !== ')') i++;
    }
    while (tokens[i + 1]?.text === '[' && tokens[i + 2]?.text === ']') i += 2;
  }
  return out;
}

const TYPE_WORD_CONTINUATION = new Set(['varying', 'precision', 'with', 'without', 'time', 'zone']);

/** `interval '1 day'`, `date '2020-01-01'`: the typed-literal spelling of a cast, dropped alike. */
function dropTypedLiteralPrefixes(tokens: Token[]): Token[] {
  return tokens.filter(
    (token, i) => !(token.kind === 'word' && tokens[i + 1]?.kind === 'string' && TYPED_LITERAL_WORDS.has(token.text)),
  );
}

const TYPED_LITERAL_WORDS = new Set(['interval', 'date', 'time', 'timestamp', 'timestamptz', 'json', 'jsonb', 'uuid', 'text']);

function canonicalToken(token: Token, dialect: Dialect): string {
  if (token.kind === 'number') return canonicalNumber(token.text);
  if (token.kind === 'string') {
    const inner = token.text.slice(1, -1);
    // The PostgreSQL catalog quotes negative numbers ('-1'::integer); compare them as numbers.
    return /^-?[0-9]*\.?[0-9]+$/.test(inner) ? canonicalNumber(inner) : token.text;
  }
  if (token.kind === 'word' && !isPostgres(dialect)) {
    if (token.text === 'true') return '1';
    if (token.text === 'false') return '0';
  }
  return token.text;
}

function canonicalNumber(text: string): string {
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER ? String(value) : text;
}

const isWordLike = (text: string): boolean => /^[A-Za-z0-9_$'\u0080-\uffff-]/.test(text) && text !== '-';

function join(parts: string[]): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    if (i > 0 && isWordLike(parts[i - 1].slice(-1)) && isWordLike(parts[i])) out += ' ';
    out += parts[i];
  }
  return out;
}

/**
 * `(x)` → `x` where the parentheses are not a call's, `((…))` → `(…)`, and parentheses around
 * the whole expression removed: catalogs add these freely.
 */
function simplifyParentheses(parts: string[]): string[] {
  const out = [...parts];
  for (let i = 0; i + 2 < out.length; i++) {
    const before = out[i - 1];
    const isCall = before !== undefined && /^[a-z_]/.test(before);
    if (out[i] === '(' && out[i + 2] === ')' && !isCall) {
      out.splice(i + 2, 1);
      out.splice(i, 1);
      i = Math.max(-1, i - 2);
    }
  }
  for (let i = 0; i + 1 < out.length; i++) {
    if (out[i] !== '(' || out[i + 1] !== '(') continue;
    const inner = closingParenthesis(out, i + 1);
    if (inner >= 0 && closingParenthesis(out, i) === inner + 1) {
      out.splice(inner, 1);
      out.splice(i + 1, 1);
      i--;
    }
  }
  while (out[0] === '(' && closingParenthesis(out, 0) === out.length - 1) {
    out.shift();
    out.pop();
  }
  return out;
}

function closingParenthesis(parts: string[], open: number): number {
  let depth = 0;
  for (let i = open; i < parts.length; i++) {
    if (parts[i] === '(') depth++;
    else if (parts[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

const CURRENT_TIMESTAMP_CALLS = /\b(now|current_timestamp|localtimestamp)\(\)/g;

/** Defaults such as `now()` or `0` recur in nearly every table; replay normalises each once. */
const normalized = new Map<string, string>();
const NORMALIZED_CACHE_LIMIT = 10_000;

export function normalizeExpression(dialect: Dialect, sql: string): string {
  const key = `${dialect}\u0000${sql}`;
  let result = normalized.get(key);
  if (result === undefined) {
    if (normalized.size >= NORMALIZED_CACHE_LIMIT) normalized.clear();
    result = normalizeUncached(dialect, sql);
    normalized.set(key, result);
  }
  return result;
}

function normalizeUncached(dialect: Dialect, sql: string): string {
  const tokens = dropTypedLiteralPrefixes(dropCasts(tokenize(sql)));
  const parts = simplifyParentheses(tokens.map((token) => canonicalToken(token, dialect)));
  return join(parts)
    .replace(CURRENT_TIMESTAMP_CALLS, 'current_timestamp')
    .replace(/\bcurrent_timestamp\(\d+\)/g, 'current_timestamp')
    .replace(/=any\(array\[([^\]]*)\]\)/g, ' in($1)')
    .replace(/<>all\(array\[([^\]]*)\]\)/g, ' not in($1)');
}

/** A default as the schema stores it; `DEFAULT NULL` is the same as no default. */
export function normalizeDefault(dialect: Dialect, sql: string): string | undefined {
  const normalized = normalizeExpression(dialect, sql);
  return normalized === 'null' || normalized === '' ? undefined : normalized;
}

/**
 * A looser key for expressions that catalogs re-print with extra parentheses (checks,
 * predicates): two expressions with the same key are treated as the same.
 */
export function expressionKey(expression: string): string {
  return expression
    .replace(/[()]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ (?![A-Za-z0-9_$'])|(?<![A-Za-z0-9_$']) /g, '')
    .trim();
}
