// Suppression comments (DESIGN.md): `-- migration-lens-ignore id[, id]` on the lines directly
// before a statement silences those rules for that statement; `-- migration-lens-ignore-file id`
// anywhere silences them in the whole file. squawk's `-- squawk-ignore` and
// `-- squawk-ignore-file` work the same way, so files annotated for squawk need no second comment.
// A directive with no ids silences every rule (squawk's `-- squawk-ignore-file` alone does).

import type { Dialect, SourceRange } from '../model/source.js';
import { SqlLexer, TokenKind } from '../parse/lexer.js';

const DIRECTIVE = /^--\s*(migration-lens|squawk)-ignore(-file)?(?=\s|$)/;
const RULE_ID = /[A-Za-z0-9_-]+/y;
const SEPARATOR = /\s*,?\s*/y;

export interface SuppressionId {
  id: string;
  range: SourceRange;
  /** Written in a squawk comment: may name squawk rules we do not have, so never "unknown". */
  squawk: boolean;
}

interface Directive {
  ids: SuppressionId[];
  fileWide: boolean;
  /** The statement it applies to (from the next content token to that statement's end). */
  covers?: SourceRange;
}

export class FileSuppressions {
  private constructor(private readonly directives: readonly Directive[]) {}

  /**
   * Reads the directives in `text`. `statements` are the ranges of the file's statements, which
   * tell how far a next-statement directive reaches.
   */
  static read(text: string, dialect: Dialect, statements: readonly SourceRange[]): FileSuppressions {
    const directives: Directive[] = [];
    const pending: Directive[] = [];
    const lexer = new SqlLexer(text, 0, text.length, dialect);
    while (lexer.next()) {
      if (lexer.kind === TokenKind.Space || lexer.kind === TokenKind.BlockComment) continue;
      if (lexer.kind === TokenKind.LineComment) {
        const directive = readDirective(text, lexer.tokenStart, lexer.pos);
        if (!directive) continue;
        directives.push(directive);
        if (!directive.fileWide) pending.push(directive);
        continue;
      }
      if (pending.length === 0) continue;
      const start = lexer.tokenStart;
      const statement = statements.find((range) => range.start <= start && start < range.end);
      for (const directive of pending) directive.covers = { start, end: statement?.end ?? lexer.pos };
      pending.length = 0;
    }
    return new FileSuppressions(directives);
  }

  /** True when a directive silences `rule` for a finding starting at `offset`. */
  silences(rule: string, offset: number): boolean {
    return this.directives.some(
      (directive) =>
        (directive.fileWide || (directive.covers && directive.covers.start <= offset && offset <= directive.covers.end)) &&
        (directive.ids.length === 0 || directive.ids.some((named) => named.id === rule)),
    );
  }

  /** Every rule id written in a directive, with where it is written. */
  ids(): SuppressionId[] {
    return this.directives.flatMap((directive) => directive.ids);
  }
}

function readDirective(text: string, start: number, end: number): Directive | undefined {
  const match = DIRECTIVE.exec(text.slice(start, end));
  if (!match) return undefined;
  const squawk = match[1] === 'squawk';
  const ids: SuppressionId[] = [];
  let at = start + match[0].length;
  for (;;) {
    SEPARATOR.lastIndex = at;
    SEPARATOR.exec(text);
    at = SEPARATOR.lastIndex;
    if (at >= end) break;
    RULE_ID.lastIndex = at;
    const id = RULE_ID.exec(text)?.[0];
    // Anything that is not an id (`-- reason`, prose in brackets) ends the list.
    if (!id || id.startsWith('--')) break;
    ids.push({ id, range: { start: at, end: at + id.length }, squawk });
    at += id.length;
  }
  return { ids, fileWide: match[2] !== undefined };
}
