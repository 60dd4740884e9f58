import type { Change, Constraint } from '../../model/changes.js';
import type { SourceRange } from '../../model/source.js';
import type { Rule } from '../rule.js';

/** PostgreSQL's NAMEDATALEN is 64: identifiers keep 63 bytes. */
const MAX_BYTES = 63;

interface NewName {
  raw: string;
  range: SourceRange;
}

const constraintNames = (constraints: readonly Constraint[]): NewName[] => constraints.flatMap((c) => (c.name ? [{ raw: c.name, range: c.range }] : []));

/** The names a statement gives to new objects (or to renamed ones). */
function namesGiven(change: Change, statement: SourceRange): NewName[] {
  switch (change.kind) {
    case 'create-table':
      return [change.table, ...change.columns, ...constraintNames(change.constraints)];
    case 'alter-table':
      return change.actions.flatMap((action): NewName[] => {
        switch (action.kind) {
          case 'add-column':
            return [action.column, ...constraintNames(action.constraints)];
          case 'add-constraint':
            return constraintNames([action.constraint]);
          case 'rename-column':
            return [{ raw: action.rawTo, range: action.range }];
          case 'rename-constraint':
          case 'rename-index':
            return [{ raw: action.to, range: action.range }];
          default:
            return [];
        }
      });
    case 'rename-table':
      return change.renames.map((rename) => rename.to);
    case 'create-index':
      return change.index.name ? [change.index.name] : [];
    case 'create-type':
    case 'create-domain':
    case 'create-view':
    case 'create-function':
    case 'create-trigger':
    case 'create-sequence':
      return [change.name];
    case 'other':
      return change.renamedTo ? [{ raw: change.renamedTo, range: statement }] : [];
    default:
      return [];
  }
}

const unquote = (raw: string): string => (raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);

/** The longest prefix of `name` that fits in `bytes` UTF-8 bytes, never splitting a character. */
function truncate(name: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const char of name) {
    used += Buffer.byteLength(char);
    if (used > bytes) break;
    end += char.length;
  }
  return name.slice(0, end);
}

export const identifierTooLong: Rule = {
  id: 'identifier-too-long',
  category: 'safety',
  dialects: ['postgres'],
  severity: 'warning',
  docs: {
    summary: 'Reports identifiers longer than 63 bytes.',
    why:
      'PostgreSQL silently truncates identifiers to 63 bytes (NAMEDATALEN − 1). The object then has another name than the ' +
      'migration says, later statements that use the full name may hit a different object, and two long names with the ' +
      'same first 63 bytes collide.',
    fix: 'Shorten the name to 63 bytes or fewer (bytes, not characters: non-ASCII letters take two or more).',
    examples: [{ bad: 'CREATE INDEX orders_customer_id_created_at_status_shipping_country_partial_idx ON orders (customer_id);' }],
  },
  checkStatement(ctx) {
    if (!ctx.change) return;
    // The parser has already cut some names to 63 bytes, so the names the statement gives are
    // matched with the long identifiers as written in its tokens.
    const names = namesGiven(ctx.change, ctx.statement.range);
    // The parser keeps at most 63 bytes of a name: one that is shorter was not cut, so no token can be too long for it.
    if (!names.some(({ raw }) => Buffer.byteLength(unquote(raw)) >= MAX_BYTES)) return;
    const given = new Set(names.map(({ raw }) => truncate(unquote(raw), MAX_BYTES)));
    for (const token of ctx.tokens) {
      if (token.kind !== 'word' && token.kind !== 'double-quoted') continue;
      const name = unquote(token.text);
      const bytes = Buffer.byteLength(name);
      if (bytes <= MAX_BYTES) continue;
      const truncated = truncate(name, MAX_BYTES);
      if (!given.has(truncated)) continue;
      given.delete(truncated);
      ctx.report({ range: { start: token.start, end: token.end }, message: `\`${name}\` is ${bytes} bytes; PostgreSQL truncates it to 63 bytes: \`${truncated}\`.` });
    }
  },
};
