// The statements inside a trigger or routine body. MySQL parses the whole body when the migration
// creates the trigger or routine, so a misspelled keyword in it (`UPDAET stock …`, `WHEREE`)
// makes that CREATE fail. node-sql-parser has no grammar for BEGIN … END, so the body is walked
// here: its compound statements (IF … THEN, WHILE … DO, CASE … WHEN, labels, handlers) by their
// keywords, every statement's leading word against the statements MySQL knows, and the data
// changes in it (INSERT, UPDATE, DELETE, REPLACE) handed back to be judged like top-level ones.

import type { SourceRange } from '../../model/source.js';
import { ReadError, tokenRange } from './reader.js';
import { startsStatement } from './statement-words.js';
import type { Token } from './tokens.js';

/** Words that open a compound statement or one of its branches; SIGNAL, SET, CALL … are statements.ts's. */
const COMPOUND_WORDS = new Set([
  'BEGIN', 'END', 'IF', 'ELSEIF', 'ELSE', 'CASE', 'WHEN', 'WHILE', 'REPEAT', 'UNTIL', 'LOOP', 'FOR',
  'DECLARE', 'LEAVE', 'ITERATE', 'RETURN', 'OPEN', 'FETCH', 'CLOSE', 'GOTO',
]);

const DATA_CHANGES = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE']);

/**
 * The data changes of a body (their ranges, to be judged as statements). Throws a ReadError at a
 * statement whose leading word starts no statement.
 */
export function bodyDataChanges(tokens: readonly Token[], what: string): SourceRange[] {
  const walker = new BodyWalker(tokens);
  const changes: SourceRange[] = [];
  while (!walker.done) {
    walker.skipLabel();
    const first = walker.peek();
    if (!first) break;
    if (first.type === 'punct') {
      // `;` between statements, or a parenthesised query: `(SELECT …) UNION (SELECT …)`.
      if (first.value === ';') walker.pos++;
      else walker.skipStatement();
      continue;
    }
    walker.pos++;
    switch (first.value) {
      case 'BEGIN':
        walker.accept('NOT', 'ATOMIC');
        continue;
      case 'ELSE':
      case 'REPEAT':
      case 'LOOP':
        continue;
      case 'IF':
      case 'ELSEIF':
      case 'WHEN':
        walker.skipPast('THEN');
        continue;
      case 'WHILE':
      case 'FOR':
        walker.skipPast('DO');
        continue;
      case 'CASE':
        // CASE [selector] WHEN …: the WHEN is read next, as a branch.
        walker.skipTo('WHEN');
        continue;
      case 'UNTIL':
        walker.skipTo('END');
        continue;
    }
    walker.skipStatement();
    if (DATA_CHANGES.has(first.value)) changes.push({ start: first.start, end: tokens[walker.pos - 1].end });
    else if (first.type !== 'word' || !(COMPOUND_WORDS.has(first.value) || startsStatement(first.value))) {
      throw new ReadError(`syntax error near "${first.text}": no statement starts with it (in ${what}); expected UPDATE, INSERT, SET, IF, …`, tokenRange(first));
    }
  }
  return changes;
}

class BodyWalker {
  pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  get done(): boolean {
    return this.pos >= this.tokens.length;
  }

  peek(ahead = 0): Token | undefined {
    return this.tokens[this.pos + ahead];
  }

  accept(...words: string[]): void {
    if (words.every((word, i) => this.peek(i)?.type === 'word' && this.peek(i)?.value === word)) this.pos += words.length;
  }

  /** `label:` before BEGIN, LOOP, WHILE or REPEAT. */
  skipLabel(): void {
    if (this.peek(1)?.type === 'punct' && this.peek(1)?.value === ':' && this.peek()?.type !== 'punct') this.pos += 2;
  }

  /** To the `;` that ends the statement (past it), or the end of the body. */
  skipStatement(): void {
    this.skipTo(';');
    if (!this.done) this.pos++;
  }

  skipPast(word: string): void {
    this.skipTo(word);
    if (!this.done) this.pos++;
  }

  /**
   * To the next `stop` outside parentheses and CASE … END expressions (`IF CASE WHEN a THEN 1
   * END = 1 THEN` stops at the second THEN). A `;` ends the search: it ends the statement.
   */
  skipTo(stop: string): void {
    let depth = 0;
    let cases = 0;
    for (; !this.done; this.pos++) {
      const token = this.tokens[this.pos];
      if (token.type === 'punct') {
        if (token.value === '(') depth++;
        else if (token.value === ')') depth--;
        else if (depth === 0 && token.value === stop) return;
        else if (depth === 0 && token.value === ';') return;
        continue;
      }
      if (token.type !== 'word' || depth > 0) continue;
      if (cases === 0 && token.value === stop) return;
      if (token.value === 'CASE') cases++;
      else if (token.value === 'END' && cases > 0) cases--;
    }
  }
}
