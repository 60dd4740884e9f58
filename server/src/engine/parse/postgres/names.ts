// Object names: the parser gives them folded (unquoted → lower case); `raw` and `range` come from
// the source text, read at the node's location or, for nodes without one, found by matching the
// statement's tokens against the folded name.

import type { Node, RangeVar } from 'libpg-query';
import type { Name } from '../../model/changes.js';
import { TokenKind, type SqlLexer } from '../lexer.js';
import { lexerAt, type PgContext } from './text.js';

export function stringValue(node: Node | undefined): string | undefined {
  return node && 'String' in node ? node.String.sval : undefined;
}

export function stringValues(nodes: Node[] | undefined): string[] {
  const values: string[] = [];
  for (const node of nodes ?? []) {
    const value = stringValue(node);
    if (value !== undefined) values.push(value);
  }
  return values;
}

function foldIdentifier(lexer: SqlLexer): string {
  const token = lexer.tokenText();
  return lexer.kind === TokenKind.QuotedIdentifier ? token.slice(1, -1).replace(/""/g, '"') : token.toLowerCase();
}

function isIdentifier(lexer: SqlLexer): boolean {
  return lexer.kind === TokenKind.Word || lexer.kind === TokenKind.QuotedIdentifier;
}

/** Reads a dotted name at the lexer's next token: its folded parts and where it ends. */
function readDottedName(lexer: SqlLexer): { parts: string[]; start: number; end: number } | undefined {
  if (!lexer.nextContent() || !isIdentifier(lexer)) return undefined;
  const start = lexer.tokenStart;
  const parts = [foldIdentifier(lexer)];
  let end = lexer.pos;
  for (;;) {
    const resume = lexer.pos;
    if (!lexer.nextContent() || !lexer.isPunctuation('.') || !lexer.nextContent() || !isIdentifier(lexer)) {
      lexer.pos = resume;
      return { parts, start, end };
    }
    parts.push(foldIdentifier(lexer));
    end = lexer.pos;
  }
}

function makeName(parts: string[], raw: string, range: Name['range']): Name {
  const name: Name = { name: parts[parts.length - 1] ?? '', raw, range };
  if (parts.length > 1) name.schema = parts[parts.length - 2];
  return name;
}

/** A name whose parts the parser gave, located at `location` when known, else searched for. */
export function nameOf(ctx: PgContext, parts: string[], location?: number, searchFrom = ctx.range.start): Name {
  if (location !== undefined && location >= 0) {
    const lexer = lexerAt(ctx, ctx.source.offset(location));
    const read = readDottedName(lexer);
    if (read) return makeName(parts, ctx.source.file.slice(read.start, read.end), { start: read.start, end: read.end });
  }
  return findName(ctx, parts, searchFrom);
}

/** The first occurrence of the dotted name `parts` in the statement from `from` on. */
export function findName(ctx: PgContext, parts: string[], from = ctx.range.start): Name {
  const lexer = lexerAt(ctx, from);
  const last = parts[parts.length - 1];
  for (;;) {
    const read = readDottedName(lexer);
    if (read) {
      if (read.parts[read.parts.length - 1] === last && (parts.length === 1 || read.parts.join('.') === parts.join('.'))) {
        return makeName(parts, ctx.source.file.slice(read.start, read.end), { start: read.start, end: read.end });
      }
      continue;
    }
    if (lexer.pos >= lexer.end) break;
  }
  return makeName(parts, parts.join('.'), { ...ctx.range });
}

export function rangeVarName(ctx: PgContext, relation: RangeVar | undefined): Name {
  const parts = [relation?.schemaname, relation?.relname ?? ''].filter((part): part is string => part !== undefined);
  return nameOf(ctx, parts, relation?.location);
}

/** Names given as a list of String nodes (DROP TYPE a.b, CREATE TYPE …). */
export function listName(ctx: PgContext, nodes: Node[] | undefined, searchFrom?: number): Name {
  return nameOf(ctx, stringValues(nodes), undefined, searchFrom);
}
