// Shared by the four dialect rules: a statement's tokens with the questions their detectors ask
// ("is this word where a column type goes?"), and the factory that turns a list of detectors into
// a rule whose findings explain the statement's syntax error.

import type { FixDraft } from '../../fixes/edits.js';
import type { Dialect, SourceRange } from '../../model/source.js';
import type { Rule, RuleMeta, StatementContext } from '../rule.js';
import { closingBracket, type SqlToken } from '../tokens.js';

export interface Construct {
  range: SourceRange;
  message: string;
  fixes?: FixDraft[];
  /** For constructs the set's dialect accepts with another meaning (MySQL's SERIAL). */
  severity?: 'warning';
}

/** Finds one kind of construct in a statement. */
export type Detector = (scan: StatementScan) => void;

/** Words that open a clause rather than name a column, so a word after them is no column type. */
const NOT_IDENTIFIERS = new Set([
  'primary', 'unique', 'key', 'index', 'constraint', 'foreign', 'check', 'fulltext', 'spatial', 'exclude', 'like',
  'create', 'alter', 'drop', 'table', 'type', 'if', 'not', 'exists', 'add', 'column', 'modify', 'change', 'default',
]);

export class StatementScan {
  readonly found: Construct[] = [];
  readonly tokens: readonly SqlToken[];
  readonly dialect: Dialect;

  constructor(readonly ctx: StatementContext) {
    this.tokens = ctx.tokens;
    this.dialect = ctx.set.dialect;
  }

  report(construct: Construct): void {
    this.found.push(construct);
  }

  word(i: number): string | undefined {
    const token = this.tokens[i];
    return token?.kind === 'word' ? token.lower : undefined;
  }

  /** True when the statement starts with these words (lower-case), e.g. ('create', 'table'). */
  startsWith(...words: string[]): boolean {
    return words.every((word, i) => this.word(i) === word);
  }

  /** True when `word` follows in the first tokens, allowing modifiers between (CREATE UNIQUE INDEX). */
  leadsWith(first: string, then: string, within = 4): boolean {
    return this.word(0) === first && this.tokens.slice(1, within).some((token) => token.lower === then);
  }

  isIdentifier(i: number): boolean {
    const token = this.tokens[i];
    if (!token) return false;
    if (token.kind === 'double-quoted' || token.kind === 'backtick') return true;
    return token.kind === 'word' && !NOT_IDENTIFIERS.has(token.lower) && !/^\d/.test(token.text);
  }

  /** Index of the `(` whose bracket holds token `i` (-1 at the top level). */
  enclosingOpen(i: number): number {
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      const text = this.tokens[j].text;
      if (text === ')') depth++;
      else if (text === '(' && depth-- === 0) return j;
    }
    return -1;
  }

  /** The top-level bracket of a CREATE TABLE: its column and constraint list. */
  inTableElementList(i: number): boolean {
    const open = this.enclosingOpen(i);
    return open >= 0 && this.enclosingOpen(open) < 0 && this.leadsWith('create', 'table');
  }

  /** True when token `i` is where a column's data type goes (casts are the cast detector's). */
  isTypePosition(i: number): boolean {
    const before = this.tokens[i - 1];
    if (!before) return false;
    if (before.lower === 'type') return this.isIdentifier(i - 2); // ALTER COLUMN c TYPE …
    if (before.lower === 'as') {
      const open = this.enclosingOpen(i);
      return open > 0 && (this.word(open - 1) === 'cast' || this.word(open - 1) === 'convert');
    }
    if (!this.isIdentifier(i - 1)) return false;
    const lead = this.tokens[i - 2];
    if (!lead) return false;
    if (lead.text === '(' || lead.text === ',') return this.inTableElementList(i);
    return ['column', 'add', 'modify', 'exists'].includes(lead.lower) || this.word(i - 3) === 'change';
  }

  /** Index of the token closing the bracket opened at `open`. */
  closing(open: number): number {
    return closingBracket(this.tokens, open);
  }

  /** Range from token `from` to token `to`, inclusive. */
  span(from: number, to = from): SourceRange {
    return { start: this.tokens[from].start, end: this.tokens[to].end };
  }
}

/** A dialect rule: runs its detectors over each statement; each construct found is one finding. */
export function dialectRule(meta: RuleMeta, detectors: readonly Detector[]): Rule {
  return {
    ...meta,
    checkStatement(ctx) {
      if (ctx.tokens.length === 0) return;
      const scan = new StatementScan(ctx);
      for (const detect of detectors) detect(scan);
      // A body that runs past the statement (a dollar-quoted function cut at its `;`) explains the
      // statements it swallowed as well.
      const explains = { start: ctx.statement.range.start, end: Math.max(ctx.statement.range.end, ctx.tokens[ctx.tokens.length - 1].end) };
      for (const construct of scan.found) {
        ctx.report({ range: construct.range, message: construct.message, fixes: construct.fixes, severity: construct.severity, explains });
      }
    },
  };
}

/** A type renamed one word for one word: JSONB → JSON, DATETIME → TIMESTAMP. */
export interface TypeRename {
  /** Lower-case type word as written. */
  from: string;
  to: string;
  /** What the reader should know beyond the rename, appended to the message. */
  note?: string;
  /** A next word that makes the spelling valid after all (DOUBLE PRECISION). */
  unlessFollowedBy?: string;
}

export function typeRenames(renames: readonly TypeRename[], describe: (rename: TypeRename, written: string, dialect: Dialect) => string): Detector {
  const byWord = new Map(renames.map((rename) => [rename.from, rename]));
  return (scan) => {
    scan.tokens.forEach((token, i) => {
      const rename = token.kind === 'word' ? byWord.get(token.lower) : undefined;
      if (!rename || !scan.isTypePosition(i) || (rename.unlessFollowedBy && scan.word(i + 1) === rename.unlessFollowedBy)) return;
      scan.report({
        range: scan.span(i),
        message: describe(rename, token.text, scan.dialect) + (rename.note ? ` ${rename.note}` : ''),
        fixes: [{ title: `Change \`${token.text}\` to \`${rename.to}\``, edits: [{ range: scan.span(i), newText: rename.to }], preferred: true }],
      });
    });
  };
}

export const DIALECT_NAMES: Record<Dialect, string> = { postgres: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB' };
