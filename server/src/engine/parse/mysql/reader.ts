// A cursor over a statement's tokens with the few moves the statement readers need: keywords,
// punctuation, identifiers, names, balanced parentheses and comma-separated lists.

import type { Name } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import type { StatementContext } from './context.js';
import type { Token } from './tokens.js';

/** Thrown where a statement our reader judges alone (no grammar for it) is malformed. */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly range: SourceRange,
  ) {
    super(message);
  }
}

export interface Identifier {
  /** Without backticks or quotes. */
  value: string;
  raw: string;
  range: SourceRange;
}

export class TokenReader {
  private readonly start: number;

  constructor(
    readonly ctx: StatementContext,
    private readonly tokens: readonly Token[],
    public pos = 0,
    private readonly end = tokens.length,
  ) {
    this.start = pos;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  peek(ahead = 0): Token | undefined {
    const index = this.pos + ahead;
    return index < this.end ? this.tokens[index] : undefined;
  }

  next(what = 'more'): Token {
    const token = this.peek();
    if (!token) throw new ReadError(`statement ends too early: expected ${what}`, this.endRange());
    this.pos++;
    return token;
  }

  /** True when the next tokens are the words `words`, in order (case-insensitive). */
  atWords(...words: string[]): boolean {
    return words.every((word, i) => {
      const token = this.peek(i);
      return token?.type === 'word' && token.value === word;
    });
  }

  /** The next token when it is one of `words`. */
  atAnyWord(words: ReadonlySet<string>): Token | undefined {
    const token = this.peek();
    return token?.type === 'word' && words.has(token.value) ? token : undefined;
  }

  /** Consumes `words` when they come next; returns their range. */
  acceptWords(...words: string[]): SourceRange | undefined {
    if (!this.atWords(...words)) return undefined;
    const start = this.tokens[this.pos].start;
    this.pos += words.length;
    return { start, end: this.tokens[this.pos - 1].end };
  }

  expectWords(...words: string[]): SourceRange {
    const range = this.acceptWords(...words);
    if (!range) throw this.error(words.join(' '));
    return range;
  }

  atPunct(char: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token?.type === 'punct' && token.value === char;
  }

  acceptPunct(char: string): boolean {
    if (!this.atPunct(char)) return false;
    this.pos++;
    return true;
  }

  expectPunct(char: string): void {
    if (!this.acceptPunct(char)) throw this.error(`"${char}"`);
  }

  /** `=` is optional between a MySQL option and its value (`ENGINE InnoDB`, `ENGINE = InnoDB`). */
  acceptOptionalEquals(): void {
    this.acceptPunct('=');
  }

  readIdentifier(what: string): Identifier {
    const token = this.peek();
    if (!token || (token.type !== 'word' && token.type !== 'quoted')) throw this.error(what);
    this.pos++;
    return { value: token.type === 'word' ? token.text : token.value, raw: token.text, range: tokenRange(token) };
  }

  /** `name` or `database.name`. */
  readName(what: string): Name {
    const first = this.readIdentifier(what);
    if (!this.atPunct('.')) return { name: first.value, raw: first.raw, range: first.range };
    this.pos++;
    const second = this.readIdentifier(what);
    const range = { start: first.range.start, end: second.range.end };
    return { schema: first.value, name: second.value, raw: this.ctx.slice(range), range };
  }

  /** `a, b.c, d` until the next token is not a comma. */
  readNameList(what: string): Name[] {
    const names = [this.readName(what)];
    while (this.acceptPunct(',')) names.push(this.readName(what));
    return names;
  }

  /** At `(`: the range up to and including its matching `)`. */
  readParenthesised(): SourceRange {
    const open = this.peek();
    if (!open || !this.atPunct('(')) throw this.error('"("');
    let depth = 0;
    while (!this.done) {
      const token = this.tokens[this.pos++];
      if (token.type !== 'punct') continue;
      if (token.value === '(') depth++;
      else if (token.value === ')' && --depth === 0) return { start: open.start, end: token.end };
    }
    throw new ReadError('statement ends too early: expected ")"', this.endRange());
  }

  /** At `(`: one reader per comma-separated item inside; leaves the cursor after `)`. */
  readParenthesisedItems(): TokenReader[] {
    const open = this.pos;
    this.readParenthesised();
    return new TokenReader(this.ctx, this.tokens, open + 1, this.pos - 1).splitTopLevel();
  }

  /** The rest of this reader cut at commas outside parentheses. */
  splitTopLevel(): TokenReader[] {
    const parts: TokenReader[] = [];
    let depth = 0;
    let start = this.pos;
    for (let i = this.pos; i < this.end; i++) {
      const token = this.tokens[i];
      if (token.type !== 'punct') continue;
      if (token.value === '(') depth++;
      else if (token.value === ')') depth--;
      else if (token.value === ',' && depth === 0) {
        parts.push(new TokenReader(this.ctx, this.tokens, start, i));
        start = i + 1;
      }
    }
    if (start < this.end || parts.length > 0) parts.push(new TokenReader(this.ctx, this.tokens, start, this.end));
    this.pos = this.end;
    return parts;
  }

  /** The comma before this reader's first token when there is one, else the comma after its last. */
  separatingComma(): SourceRange | undefined {
    const before = this.tokens[this.start - 1];
    if (before?.type === 'punct' && before.value === ',') return tokenRange(before);
    const after = this.tokens[this.end];
    return after?.type === 'punct' && after.value === ',' ? tokenRange(after) : undefined;
  }

  /** Skips to the end of this reader, or to the first top-level word in `stop`. */
  skipUntil(stop: ReadonlySet<string> = NO_WORDS): void {
    let depth = 0;
    while (!this.done) {
      const token = this.tokens[this.pos];
      if (depth === 0 && token.type === 'word' && stop.has(token.value)) return;
      if (token.type === 'punct' && token.value === '(') depth++;
      else if (token.type === 'punct' && token.value === ')') depth--;
      this.pos++;
    }
  }

  /** All of this reader's tokens outside parentheses, wherever the cursor is. */
  topLevelTokens(): Token[] {
    const result: Token[] = [];
    let depth = 0;
    for (let i = this.start; i < this.end; i++) {
      const token = this.tokens[i];
      if (token.type === 'punct' && token.value === '(') depth++;
      else if (token.type === 'punct' && token.value === ')') depth--;
      else if (depth === 0) result.push(token);
    }
    return result;
  }

  /** Moves the cursor to `token`, one of this reader's tokens. */
  seek(token: Token): void {
    const index = this.tokens.indexOf(token, this.start);
    if (index >= 0 && index < this.end) this.pos = index;
  }

  /** Range of the tokens from index `from` up to the cursor. */
  rangeFrom(from: number): SourceRange {
    const first = this.tokens[Math.min(from, this.pos - 1)] ?? this.tokens[from];
    const last = this.tokens[this.pos - 1] ?? first;
    return { start: first.start, end: Math.max(first.end, last.end) };
  }

  /** Range of everything this reader covers. */
  fullRange(): SourceRange {
    if (this.end === 0) return { start: this.ctx.range.start, end: this.ctx.range.start };
    const first = this.tokens[Math.min(this.start, this.end - 1)];
    return { start: first.start, end: this.tokens[this.end - 1].end };
  }

  /** Tokens from index `from` up to the cursor. */
  tokensFrom(from: number): readonly Token[] {
    return this.tokens.slice(from, this.pos);
  }

  /** A ReadError naming what was expected and what was found at the cursor. */
  error(expected: string): ReadError {
    const token = this.peek();
    if (!token) return new ReadError(`statement ends too early: expected ${expected}`, this.endRange());
    return new ReadError(`syntax error near "${token.text}": expected ${expected}`, tokenRange(token));
  }

  private endRange(): SourceRange {
    const last = this.tokens[this.end - 1];
    return last ? tokenRange(last) : { start: this.ctx.range.end, end: this.ctx.range.end };
  }
}

const NO_WORDS: ReadonlySet<string> = new Set();

export function tokenRange(token: Token): SourceRange {
  return { start: token.start, end: token.end };
}
