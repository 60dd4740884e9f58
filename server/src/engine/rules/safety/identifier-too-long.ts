import type { Change, Constraint } from '../../model/changes.js';
import { clipBytes, PG_MAX_IDENTIFIER } from '../../schema/names.js';
import type { Rule } from '../rule.js';
import { unquoteDoubleQuoted } from '../tokens.js';

/** The names written in a constraint list, as written. */
const constraintNames = (constraints: readonly Constraint[]): string[] => constraints.flatMap((c) => (c.name ? [c.name] : []));

/** The names a statement gives to new objects (or to renamed ones), as written. */
function namesGiven(change: Change): string[] {
  switch (change.kind) {
    case 'create-table':
      return [change.table.raw, ...change.columns.map((column) => column.raw), ...constraintNames(change.constraints)];
    case 'alter-table':
      return change.actions.flatMap((action): string[] => {
        switch (action.kind) {
          case 'add-column':
            return [action.column.raw, ...constraintNames(action.constraints)];
          case 'add-constraint':
            return constraintNames([action.constraint]);
          case 'rename-column':
            return [action.rawTo];
          case 'rename-constraint':
          case 'rename-index':
            return [action.to];
          default:
            return [];
        }
      });
    case 'rename-table':
      return change.renames.map((rename) => rename.to.raw);
    case 'create-index':
      return change.index.name ? [change.index.name.raw] : [];
    case 'create-type':
    case 'create-domain':
    case 'create-view':
    case 'create-function':
    case 'create-trigger':
    case 'create-sequence':
      return [change.name.raw];
    case 'other':
      return change.renamedTo ? [change.renamedTo] : [];
    default:
      return [];
  }
}

const unquote = (raw: string): string => (raw.startsWith('"') ? unquoteDoubleQuoted(raw) : raw);

/** True when the statement gives `name` to an object (the parser kept its first 63 bytes), rather than looking it up. */
function givesName(change: Change, name: string): boolean {
  const truncated = clipBytes(name, PG_MAX_IDENTIFIER);
  return namesGiven(change).some((raw) => clipBytes(unquote(raw), PG_MAX_IDENTIFIER) === truncated);
}

/** Text in which some identifier may be over 63 bytes: a non-ASCII character, 64 characters without a break, or 64 in quotes. */
const MAYBE_LONG = /[^\x00-\x7f]|[^\s(),;.]{64}|"[^"]{64}/;

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
    // Most statements have no run of text long enough to hold such a name: their tokens are not read.
    if (!MAYBE_LONG.test(ctx.statement.text)) return;
    const reported = new Set<string>();
    for (const token of ctx.tokens) {
      if ((token.kind !== 'word' && token.kind !== 'double-quoted') || /^[0-9]/.test(token.text)) continue;
      const name = unquote(token.text);
      const bytes = Buffer.byteLength(name);
      if (bytes <= PG_MAX_IDENTIFIER || reported.has(name)) continue;
      reported.add(name);
      const truncated = clipBytes(name, PG_MAX_IDENTIFIER);
      const range = { start: token.start, end: token.end };
      // A quoted name with an escaped quote is left to the user: where to cut it is not obvious.
      const written = token.text.startsWith('"') ? (token.text.slice(1, -1).includes('""') ? undefined : `"${truncated}"`) : truncated;
      ctx.report({
        range,
        message: `\`${name}\` is ${bytes} bytes; PostgreSQL truncates it to 63 bytes: \`${truncated}\`${ctx.change && givesName(ctx.change, name) ? '' : ', the name it looks up'}.`,
        fixes: written === undefined ? [] : [{ title: `Rename to ${written}, the name PostgreSQL keeps`, edits: [{ range, newText: written }] }],
      });
    }
  },
};
